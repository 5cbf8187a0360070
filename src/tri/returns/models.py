"""Workforce returns and what is kept of them: the figures, never the rows.

An upload waits in TRI_RETURNS_DIR (named by `token`) until the worker has computed its
figures, then the files are deleted. A return keeps the two forms of its figures: `full` (for
the organisation's own people) and `published` (disclosure-controlled: what anyone else sees).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tri.common.fields import OrderedJSONField
from tri.organisations.models import Organisation
from tri.returns.enums import ReturnKind, ReturnStatus, Stage, TargetDirection


class WorkforceReturn(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="workforce_returns"
    )
    snapshot_on = models.DateField(_("snapshot date"))
    kind = models.CharField(max_length=20, choices=ReturnKind, blank=True)
    status = models.CharField(max_length=20, choices=ReturnStatus, default=ReturnStatus.QUEUED)
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.WAITING)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: Name, role and size of each uploaded file: never its contents.
    files = models.JSONField(default=list, blank=True)
    band_order = models.JSONField(default=list, blank=True)
    population_code = models.CharField(max_length=9, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: What was wrong, for a return that was not accepted: file, row numbers, column and
    #: message. Cell values are not kept (ethnicity labels excepted: they are vocabulary).
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    #: Text, not jsonb: the order of a report's keys is the order its tables are read in.
    full = OrderedJSONField(null=True, blank=True)
    published = OrderedJSONField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "-snapshot_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "snapshot_on"],
                condition=Q(status=ReturnStatus.COMPLETE),
                name="return_one_complete_per_snapshot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: workforce return for {self.snapshot_on:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("returns:status", kwargs={"org": self.organisation.slug, "pk": self.pk})

    @property
    def is_complete(self) -> bool:
        return self.status == ReturnStatus.COMPLETE

    @property
    def is_pending(self) -> bool:
        return self.status in (ReturnStatus.QUEUED, ReturnStatus.PROCESSING)

    @property
    def is_failed(self) -> bool:
        return self.status == ReturnStatus.FAILED


class Target(models.Model):
    """An organisation's target on one measure: a trajectory of values by year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="workforce_targets"
    )
    measure = models.CharField(_("measure"), max_length=120)
    direction = models.CharField(
        _("direction"), max_length=10, choices=TargetDirection, default=TargetDirection.AT_LEAST
    )
    #: {"2022": 25.0, "2023": 35.0}: the value planned for each year.
    milestones = models.JSONField(default=dict)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}: target on {self.measure}"
