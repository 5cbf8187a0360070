from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    """What an audit record says happened."""

    ORGANISATION_CREATED = "organisation.created", _("created the organisation")
    MEMBERSHIP_GRANTED = "membership.granted", _("gave a role")
    MEMBERSHIP_REVOKED = "membership.revoked", _("removed a role")
    INVITATION_SENT = "invitation.sent", _("sent an invitation")
    INVITATION_ACCEPTED = "invitation.accepted", _("accepted an invitation")
    INVITATION_REVOKED = "invitation.revoked", _("withdrew an invitation")
    ASSESSMENT_STARTED = "assessment.started", _("started the assessment")
    ASSESSMENT_COPIED = "assessment.copied", _("started the assessment from an earlier one")
    ASSESSMENT_SUBMITTED = "assessment.submitted", _("signed off and submitted the assessment")
    ASSESSMENT_RETURNED = "assessment.returned", _("returned the assessment to draft")
    ASSESSMENT_IMPORTED = "assessment.imported", _("imported a response file")
    ANSWER_CHANGED = "answer.changed", _("changed an answer")
    EVIDENCE_LINK_ADDED = "evidence_link.added", _("added an evidence link")
    EVIDENCE_LINK_REMOVED = "evidence_link.removed", _("removed an evidence link")
    EVIDENCE_FILE_ADDED = "evidence_file.added", _("added an evidence file")
    EVIDENCE_FILE_REMOVED = "evidence_file.removed", _("removed an evidence file")
    GUIDANCE_CHANGED = "guidance.changed", _("changed the guidance")
