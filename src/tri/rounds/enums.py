from django.db import models
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """A peer reviewer's judgement of one criterion (tri.scheme.Verdict by value)."""

    AGREE = "agree", _("Agree")
    CHALLENGE = "challenge", _("Challenge")


class Reply(models.TextChoices):
    """The assessed organisation's response to a challenge (tri.scheme.Reply by value)."""

    ACCEPT = "accept", _("Accept the reviewer's level")
    KEEP = "keep", _("Keep our level")


class FeedbackKind(models.TextChoices):
    UNCLEAR = "unclear", _("Unclear")
    DUPLICATED = "duplicated", _("Duplicated")
    HARD_TO_EVIDENCE = "hard_to_evidence", _("Too hard to evidence")
    SUGGESTION = "suggestion", _("Suggestion")


class RoundState(models.TextChoices):
    """Where a round is, from its dates (and an early close by the coordinator)."""

    UPCOMING = "upcoming", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


# Reminders go this many days before the sign-off deadline, then once when it has passed.
REMINDER_DAYS = (14, 7, 1)
OVERDUE = 0
