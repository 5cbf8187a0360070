import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory, org_with_roles
from tri.organisations import services
from tri.organisations.enums import Role
from tri.organisations.models import Membership
from tri.organisations.queries import roles_in, visible_organisations

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _link(body: str) -> str:
    found = re.search(r"http://127\.0\.0\.1:8000(/accounts/invitations/[^/]+/)", body)
    assert found is not None
    return found.group(1)


def test_an_admin_invites_and_the_invited_person_creates_an_account(
    client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    setup = org_with_roles(name="Camden", slug="camden")
    client.force_login(setup.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:people", kwargs={"org": "camden"}),
            {"email": "New.Person@Camden.gov.uk", "role": "editor"},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["new.person@camden.gov.uk"]]
    link = _link(str(mail.outbox[0].body))
    client.logout()
    page = client.get(link)
    assert "invited new.person@camden.gov.uk to be a Editor" in page.content.decode()
    joined = client.post(link, {"full_name": "New Person", "password": "a-long-enough-passphrase"})
    assert joined.status_code == 302
    person = Membership.objects.get(role=Role.EDITOR, user__email="new.person@camden.gov.uk").user
    assert roles_in(person, setup.organisation) == {"editor"}
    # The link works once.
    assert client.get(link).status_code == 404


def test_a_weak_password_is_refused_and_nothing_is_created(client: Client) -> None:
    setup = org_with_roles()
    _invitation, token = services.invite_person(
        organisation=setup.organisation, email="x@example.org", role=Role.VIEWER, actor=setup.admin
    )
    url = reverse("accounts:invitation", kwargs={"token": token})
    response = client.post(url, {"full_name": "X", "password": "password"})
    assert response.status_code == 400
    assert "This password is too short" in response.content.decode()
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_an_invitation_is_only_for_the_person_invited() -> None:
    setup = org_with_roles()
    invitation, _token = services.invite_person(
        organisation=setup.organisation, email="x@example.org", role=Role.VIEWER, actor=setup.admin
    )
    with pytest.raises(PermissionDenied):
        services.accept_invitation(
            invitation=invitation, user=UserFactory.create(email="y@example.org")
        )


def test_an_expired_or_withdrawn_invitation_cannot_be_used(time_machine) -> None:  # type: ignore[no-untyped-def]
    setup = org_with_roles()
    _first, expired = services.invite_person(
        organisation=setup.organisation, email="a@example.org", role=Role.VIEWER, actor=setup.admin
    )
    withdrawn, token = services.invite_person(
        organisation=setup.organisation, email="b@example.org", role=Role.VIEWER, actor=setup.admin
    )
    services.revoke_invitation(invitation=withdrawn, actor=setup.admin)
    assert services.find_invitation(token) is None
    from datetime import timedelta

    from django.utils import timezone

    time_machine.move_to(timezone.now() + timedelta(days=15))
    assert services.find_invitation(expired) is None


def test_only_admins_invite_and_coordinator_is_only_on_the_coordinating_body() -> None:
    setup = org_with_roles()
    with pytest.raises(PermissionDenied):
        services.invite_person(
            organisation=setup.organisation,
            email="a@example.org",
            role="viewer",
            actor=setup.editor,
        )
    with pytest.raises(ValidationError):
        services.invite_person(
            organisation=setup.organisation,
            email="a@example.org",
            role="coordinator",
            actor=setup.admin,
        )


def test_the_last_admin_cannot_be_removed() -> None:
    setup = org_with_roles()
    with pytest.raises(ValidationError):
        services.revoke_role(membership=setup.admin.memberships.get(), actor=setup.admin)


def test_visible_organisations_leaks_nothing() -> None:
    setup = org_with_roles()
    OrganisationFactory()
    assert list(visible_organisations(setup.viewer)) == [setup.organisation]
