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
    ROUND_OPENED = "round.opened", _("opened the round")
    ROUND_CHANGED = "round.changed", _("changed the round")
    ROUND_CLOSED = "round.closed", _("closed the round")
    PAIRING_SET = "pairing.set", _("set the borough pairing")
    REVIEWER_GRANTED = "reviewer.granted", _("named a peer reviewer")
    REVIEWER_REVOKED = "reviewer.revoked", _("removed a peer reviewer")
    REVIEW_STARTED = "review.started", _("started the peer review")
    JUDGEMENT_RECORDED = "judgement.recorded", _("recorded a peer review judgement")
    REVIEW_COMPLETED = "review.completed", _("completed the peer review")
    CHALLENGE_ANSWERED = "challenge.answered", _("responded to a challenge")
    CRITERION_MODERATED = "criterion.moderated", _("moderated a criterion")
    MODERATION_COMPLETED = "moderation.completed", _("completed moderation")
    SCORES_FINALISED = "scores.finalised", _("confirmed the final scores")
    FEEDBACK_LEFT = "feedback.left", _("left feedback on the Standard")
    REMINDER_SENT = "reminder.sent", _("sent a deadline reminder")
