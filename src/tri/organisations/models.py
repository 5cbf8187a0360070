from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tri.organisations.enums import Area, OrganisationKind, Partnership, Role


class Organisation(models.Model):
    """A local authority taking part, or the coordinating body (London Councils)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    ons_code = models.CharField(
        _("ONS code"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The ONS geography code, for example E09000001 for the City of London."),
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=OrganisationKind, default=OrganisationKind.LOCAL_AUTHORITY
    )
    area = models.CharField(_("inner or outer London"), max_length=10, choices=Area, blank=True)
    partnership = models.CharField(
        _("sub-regional partnership"), max_length=40, choices=Partnership, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"org": self.slug})

    @property
    def is_coordinating_body(self) -> bool:
        return self.kind == OrganisationKind.COORDINATING_BODY


class Membership(models.Model):
    """A person's role in an organisation. One row per role held."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class Invitation(models.Model):
    """An emailed link that lets a person join an organisation with a role.

    Only a hash of the token is stored, so a database reader cannot accept invitations.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=32, choices=Role)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} of {self.organisation}"


class ComparisonGroup(models.Model):
    """A group of organisations the coordinator defines to compare results within (for example
    "Boroughs in the 2023 pilot"), beside the built-in London, inner/outer and partnership
    groups. Its statistics are shown only once enough of its members have final results."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(Organisation, related_name="comparison_groups")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
