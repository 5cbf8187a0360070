"""What an organisation has published. A publication is frozen when it is made: its document
holds everything the public pages, downloads, data package and API show, so a published page
never changes. Publishing again makes a new version; every earlier version stays readable."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tri.common.fields import OrderedJSONField
from tri.organisations.models import Organisation


class Publication(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="publications"
    )
    version = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: The parts published (tri.publication.enums.Part values), in the order chosen.
    parts = models.JSONField(default=list)
    #: The frozen document: see tri.publication.documents. Text, so key order is kept.
    document = OrderedJSONField()

    class Meta:
        ordering = ["organisation__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version"], name="publication_unique_version"
            )
        ]
        indexes = [models.Index(fields=["organisation", "-version"])]

    def __str__(self) -> str:
        return f"{self.organisation}: publication version {self.version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "public:version", kwargs={"slug": self.organisation.slug, "version": self.version}
        )
