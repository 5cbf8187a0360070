"""Changes to organisations, memberships and invitations. Each takes an actor, runs in one
transaction and leaves one audit record."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import Invitation, Membership, Organisation
from tri.organisations.queries import forget_roles


def _require(actor: User, perm: str, obj: object) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(perm)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_organisation(
    *,
    name: str,
    slug: str,
    ons_code: str | None = None,
    kind: str = OrganisationKind.LOCAL_AUTHORITY,
    area: str = "",
    partnership: str = "",
    actor: User | None = None,
) -> Organisation:
    """Create an organisation (seed data, or a coordinator through the admin). `area` and
    `partnership` place a London authority in the built-in benchmark groups."""
    organisation = Organisation(
        name=name,
        slug=slug,
        ons_code=ons_code or None,
        kind=kind,
        area=area,
        partnership=partnership,
    )
    organisation.full_clean()
    organisation.save()
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.ORGANISATION_CREATED,
        target=organisation,
        data={"name": name, "ons_code": ons_code},
    )
    return organisation


def _check_role_fits(organisation: Organisation, role: str) -> None:
    if role == Role.COORDINATOR and not organisation.is_coordinating_body:
        raise ValidationError(_("Only the coordinating body can have coordinators."))


@transaction.atomic
def grant_role(
    *, organisation: Organisation, user: User, role: str, actor: User | None
) -> Membership:
    """Give a person a role in an organisation (idempotent). `actor` None is the system
    (seed data); a person needs to be the organisation's admin."""
    if actor is not None:
        _require(actor, "organisations.manage_people", organisation)
    _check_role_fits(organisation, role)
    membership, created = Membership.objects.get_or_create(
        organisation=organisation, user=user, role=role
    )
    if created:
        record(
            actor=actor,
            organisation=organisation,
            verb=Verb.MEMBERSHIP_GRANTED,
            target=membership,
            data={"user": user.email, "role": role},
        )
    forget_roles(user)
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, actor: User) -> None:
    """Take a role away. An admin cannot remove the organisation's last admin role."""
    organisation = membership.organisation
    _require(actor, "organisations.manage_people", organisation)
    if (
        membership.role == Role.ADMIN
        and Membership.objects.filter(organisation=organisation, role=Role.ADMIN).count() == 1
    ):
        raise ValidationError(_("An organisation needs at least one admin."))
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.MEMBERSHIP_REVOKED,
        target=membership,
        data={"user": membership.user.email, "role": membership.role},
    )
    membership.delete()
    forget_roles(membership.user)


@transaction.atomic
def invite_person(
    *, organisation: Organisation, email: str, role: str, actor: User
) -> tuple[Invitation, str]:
    """Email a one-off link that lets `email` join with `role`. Returns the invitation and the
    token (only its hash is stored). Sends one email, after the transaction commits."""
    _require(actor, "organisations.manage_people", organisation)
    _check_role_fits(organisation, role)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email, role=role).exists():
        raise ValidationError(_("This person already has that role here."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.TRI_INVITATION_DAYS),
    )
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.INVITATION_SENT,
        target=invitation,
        data={"email": email, "role": role},
    )
    link = settings.TRI_SITE_URL.rstrip("/") + reverse(
        "accounts:invitation", kwargs={"token": token}
    )
    context = {"invitation": invitation, "link": link, "days": settings.TRI_INVITATION_DAYS}
    subject = _("You're invited to %(organisation)s on tri") % {"organisation": organisation}
    body = render_to_string("organisations/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The open, unexpired invitation for a token, or None."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(
            token_hash=hash_token(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Give the invited role to `user`, whose email must be the one invited."""
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied("This invitation is for someone else.")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        actor=user,
        organisation=invitation.organisation,
        verb=Verb.INVITATION_ACCEPTED,
        target=invitation,
        data={"role": invitation.role},
    )
    forget_roles(user)
    return membership


@transaction.atomic
def create_account_from_invitation(
    *, invitation: Invitation, full_name: str, password: str
) -> User:
    """Create the invited person's account and accept the invitation with it."""
    user = User.objects.create_user(invitation.email, password, full_name=full_name)
    accept_invitation(invitation=invitation, user=user)
    return user


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> None:
    _require(actor, "organisations.manage_people", invitation.organisation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        organisation=invitation.organisation,
        verb=Verb.INVITATION_REVOKED,
        target=invitation,
        data={"email": invitation.email},
    )
