"""Adoptions of the London Local Government Anti-Racist Statement: the register.

An organisation records that it adopted the Statement (the date, the decision and a link to
the published decision); the coordinator confirms it, and only confirmed adoptions are on the
public register. Rows are never deleted: a returned or withdrawn adoption stays as history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tri.organisations.models import Organisation
from tri.statement.enums import CURRENT_STATUSES, STATUS_TAG_CLASSES, AdoptionStatus


class Adoption(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="statement_adoptions"
    )
    adopted_on = models.DateField(_("date adopted"))
    #: The decision that adopted it, e.g. "Full Council, 12 January 2023, item 7".
    decision = models.CharField(_("decision"), max_length=300)
    link = models.URLField(_("link to the published decision"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=AdoptionStatus, default=AdoptionStatus.RECORDED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    #: Why the coordinator returned it, for the organisation to correct.
    return_reason = models.TextField(_("reason for returning"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=CURRENT_STATUSES),
                name="statement_one_current_adoption",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: adopted the Statement on {self.adopted_on:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("statement_org:detail", kwargs={"org": self.organisation.slug})

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES

    @property
    def is_confirmed(self) -> bool:
        return self.status == AdoptionStatus.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == AdoptionStatus.RECORDED

    @property
    def tag_class(self) -> str:
        return STATUS_TAG_CLASSES[AdoptionStatus(self.status)]
