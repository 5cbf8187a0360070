from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    """Outside a round an assessment is a draft or submitted. In a round it goes on through
    peer review and moderation to final scores (tri.rounds moves it)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In peer review")
    REVIEWED = "reviewed", _("Peer review complete")
    MODERATED = "moderated", _("Moderated")
    FINAL = "final", _("Final")


SIGNED_OFF = frozenset(
    {
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.IN_REVIEW,
        AssessmentStatus.REVIEWED,
        AssessmentStatus.MODERATED,
        AssessmentStatus.FINAL,
    }
)
# Statuses from which an assessment can go back for rework (a new review cycle).
RETURNABLE = SIGNED_OFF - {AssessmentStatus.FINAL}


class LevelChoice(models.TextChoices):
    """An answer's level, by the engine's keys. "none" is the answer "Not yet"."""

    NONE = "none", _("Not yet")
    DEVELOPING = "developing", _("Developing")
    ESTABLISHED = "established", _("Established")
    LEADING = "leading", _("Leading")


class RevisionKind(models.TextChoices):
    ANSWER = "answer", _("Answer changed")
    LINK_ADDED = "link_added", _("Evidence link added")
    LINK_REMOVED = "link_removed", _("Evidence link removed")
    FILE_ADDED = "file_added", _("Evidence file added")
    FILE_REMOVED = "file_removed", _("Evidence file removed")
    IMPORTED = "imported", _("Changed by a response file import")
    COPIED = "copied", _("Carried over from an earlier assessment")
    SUGGESTION = "suggestion", _("Level suggested by workforce data accepted")
