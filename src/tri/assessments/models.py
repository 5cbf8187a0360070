import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tri.assessments.enums import (
    RETURNABLE,
    SIGNED_OFF,
    AssessmentStatus,
    LevelChoice,
    RevisionKind,
)
from tri.organisations.models import Organisation


def _evidence_storage():  # type: ignore[no-untyped-def]
    return storages["evidence"]


def _evidence_name(instance: "EvidenceFile", filename: str) -> str:
    # The stored name never contains what the uploader typed.
    return f"{instance.organisation_id}/{uuid.uuid4().hex}"


class Assessment(models.Model):
    """An organisation's self-assessment against one version of the Standard, for a period."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="assessments"
    )
    standard_id = models.CharField(max_length=40)
    standard_version = models.CharField(max_length=20)
    period = models.CharField(
        _("period"), max_length=60, help_text=_('For example "2023 pilot" or "2024".')
    )
    status = models.CharField(
        max_length=20, choices=AssessmentStatus, default=AssessmentStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )

    class Meta:
        ordering = ["organisation__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="assessment_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.period}"

    def get_absolute_url(self) -> str:
        return reverse(
            "assessments:overview", kwargs={"org": self.organisation.slug, "pk": self.pk}
        )

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        """Signed off and not yet under review."""
        return self.status == AssessmentStatus.SUBMITTED

    @property
    def is_signed_off(self) -> bool:
        """Signed off at any stage: submitted, under review, moderated or final."""
        return self.status in SIGNED_OFF

    @property
    def is_returnable(self) -> bool:
        return self.status in RETURNABLE

    @property
    def is_final(self) -> bool:
        return self.status == AssessmentStatus.FINAL


class ReviewCycle(models.Model):
    """One sign-off of an assessment and what happened to it. Every sign-off starts a cycle
    with a copy of the answers as they were signed off; returning the assessment for rework
    ends the cycle, so earlier cycles (and the peer review of them) stay readable."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="cycles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="cycle_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.assessment}, cycle {self.number}"

    @property
    def is_current(self) -> bool:
        return self.returned_at is None


class Answer(models.Model):
    """The level claimed for one criterion, the evidence for it, who owns it and by when.

    `level` blank means not answered yet; "none" is the answer "Not yet". `revision` goes up
    by one on every change so that a form saved from a stale page is refused, not applied.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    criterion_id = models.CharField(max_length=16)
    level = models.CharField(max_length=16, choices=LevelChoice, blank=True)
    evidence = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_answers",
    )
    target_on = models.DateField(null=True, blank=True)
    needs_review = models.BooleanField(default=False)
    review_note = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["assessment", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion_id"], name="answer_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment} – {self.criterion_id}"

    @property
    def is_answered(self) -> bool:
        return self.level != ""


class AnswerRevision(models.Model):
    """One change to an answer or its evidence: who, when, what it was, what it became.
    Written by the service that made the change; never updated or deleted."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="revisions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=RevisionKind)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.answer}: {self.get_kind_display()}"


class EvidenceLink(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="links")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    url = models.URLField(_("link"), max_length=500)
    title = models.CharField(_("what it shows"), max_length=200)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title


class EvidenceFile(models.Model):
    """An uploaded evidence document. Kept in the evidence storage, outside the web root, and
    only served through a view that checks the reader may see the assessment."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="files")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(storage=_evidence_storage, upload_to=_evidence_name, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.name


class DataEvidence(models.Model):
    """A level suggested by the organisation's workforce figures and accepted by a person: the
    figure, the snapshot it came from and the rule that read it, kept with the answer.

    The figure is copied from the disclosure-controlled figures, which anyone who may read the
    assessment may also see; `return_id` names the snapshot's workforce return."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="data_evidence")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=60)
    rule_title = models.CharField(max_length=200)
    rule_summary = models.TextField(blank=True)
    level = models.CharField(max_length=16, choices=LevelChoice)
    figure = models.TextField()
    reason = models.TextField(blank=True)
    snapshot_on = models.DateField()
    return_id = models.PositiveBigIntegerField()
    accepted_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["accepted_at", "id"]

    def __str__(self) -> str:
        return f"{self.answer}: {self.rule} at {self.snapshot_on}"


class Guidance(models.Model):
    """A coordinator's note on a criterion: how to tell whether evidence is good enough."""

    standard_id = models.CharField(max_length=40)
    standard_version = models.CharField(max_length=20)
    criterion_id = models.CharField(max_length=16)
    text = models.TextField(_("guidance"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["standard_id", "standard_version", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard_id", "standard_version", "criterion_id"],
                name="guidance_unique_criterion",
            )
        ]

    def __str__(self) -> str:
        return f"Guidance for {self.criterion_id}"
