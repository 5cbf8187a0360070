from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


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
