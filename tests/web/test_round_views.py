"""Round pages over HTTP: bad input gets a page, never a traceback."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.rounds import round_with_pair

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("seed", ["", "3", "not-a-number"])
def test_a_pairing_proposal_is_shown_whatever_the_seed(client: Client, seed: str) -> None:
    setup = round_with_pair()
    client.force_login(setup.coordinator)
    response = client.get(
        reverse("rounds:pairing", kwargs={"pk": setup.round.pk}), {"propose": seed}
    )
    assert response.status_code == 200
    assert "Propose a different pairing" in response.content.decode()


def test_a_pairing_that_leaves_someone_out_is_refused_by_name(client: Client) -> None:
    setup = round_with_pair()
    client.force_login(setup.coordinator)
    a, b = setup.a.organisation, setup.b.organisation
    response = client.post(
        reverse("rounds:pairing", kwargs={"pk": setup.round.pk}),
        {f"reviewer_of_{a.slug}": b.slug, f"reviewer_of_{b.slug}": b.slug},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{b.name} cannot review itself." in page
    assert setup.round.pairings.get(reviewed=a).reviewer == b  # unchanged
