"""The pilot scheme: rounds of assessment, borough pairing, peer review judgements, feedback
on the Standard and the reminders sent. Slim models; the rules live in services and in the pure
engine (tri.scheme)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tri.assessments.enums import LevelChoice
from tri.assessments.models import Assessment, ReviewCycle
from tri.organisations.models import Organisation
from tri.rounds.enums import FeedbackKind, Reply, RoundState, Verdict


class Round(models.Model):
    """A round of the scheme: who takes part, against which version, by when. Assessments are
    signed off by `submit_by`; peer reviewers can read their partner's assessment until the
    round closes (`closes_on`, or earlier if the coordinator closes it)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    standard_id = models.CharField(max_length=40)
    standard_version = models.CharField(_("version of the Standard"), max_length=20)
    opens_on = models.DateField(_("opens on"))
    submit_by = models.DateField(_("sign-off deadline"))
    closes_on = models.DateField(_("closes on"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_on__lte=models.F("submit_by"))
                & models.Q(submit_by__lte=models.F("closes_on")),
                name="round_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", kwargs={"pk": self.pk})

    @property
    def state(self) -> RoundState:
        today = timezone.localdate()
        if self.closed_at is not None or today > self.closes_on:
            return RoundState.CLOSED
        if today < self.opens_on:
            return RoundState.UPCOMING
        return RoundState.OPEN

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN

    @property
    def days_to_deadline(self) -> int:
        """Days from today to the sign-off deadline; negative once it has passed."""
        return (self.submit_by - timezone.localdate()).days


class Participant(models.Model):
    """An organisation taking part in a round, and its assessment for the round."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations"
    )
    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant",
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="participant_unique_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.round}"


class Pairing(models.Model):
    """In a round, `reviewer` reviews `reviewed`. Organisations in a group review round the
    circle, so each reviews one and is reviewed by one."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="pairings")
    reviewer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reviewed = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    group = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "group", "reviewer__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewed"], name="pairing_unique_reviewed"),
            models.UniqueConstraint(fields=["round", "reviewer"], name="pairing_unique_reviewer"),
            models.CheckConstraint(
                condition=~models.Q(reviewer=models.F("reviewed")), name="pairing_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} reviews {self.reviewed} ({self.round})"


class PeerReviewer(models.Model):
    """The peer reviewer role: a person of the reviewing organisation, named on one pairing.
    It lets them read the partner's signed-off assessment in that round, and judge it, while
    the round is open; nothing else of the partner."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="reviewers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_reviews"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["pairing", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["pairing", "user"], name="peer_reviewer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.pairing})"


class Judgement(models.Model):
    """Peer review of one criterion in one review cycle, and what followed: the reviewer's
    verdict, the assessed organisation's reply to a challenge, the coordinator's moderated
    level. `revision` goes up on every change so that a form from a stale page is refused."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.PROTECT, related_name="judgements")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    criterion_id = models.CharField(max_length=16)
    verdict = models.CharField(max_length=10, choices=Verdict, blank=True)
    comment = models.TextField(blank=True)
    proposed_level = models.CharField(max_length=16, choices=LevelChoice, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewer_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    judged_at = models.DateTimeField(null=True, blank=True)
    reply = models.CharField(max_length=10, choices=Reply, blank=True)
    reply_note = models.TextField(blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    moderated_level = models.CharField(max_length=16, choices=LevelChoice, blank=True)
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["cycle", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "criterion_id"], name="judgement_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle} – {self.criterion_id}"

    @property
    def is_judged(self) -> bool:
        return self.verdict != ""

    @property
    def is_challenged(self) -> bool:
        return self.verdict == Verdict.CHALLENGE

    @property
    def is_disputed(self) -> bool:
        return self.is_challenged and self.reply != Reply.ACCEPT


class Feedback(models.Model):
    """A participant's feedback on a criterion or a category of the Standard itself, for the
    next version: the seed's "feedback groups"."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, null=True, blank=True, related_name="feedback"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    standard_id = models.CharField(max_length=40)
    standard_version = models.CharField(max_length=20)
    subject = models.CharField(_("criterion or category"), max_length=16)
    kind = models.CharField(_("kind of feedback"), max_length=20, choices=FeedbackKind)
    text = models.TextField(_("feedback"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.subject}"


class ReminderSent(models.Model):
    """A deadline reminder already sent, so the scheduled command never sends it twice.
    `days_before` 0 is the "overdue" reminder."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    days_before = models.PositiveIntegerField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "organisation", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation", "days_before"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.organisation} ({self.days_before} days)"
