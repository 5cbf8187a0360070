"""The benchmark page of a round with six final assessments (`seed_national`, small): what
each kind of viewer sees, and that the rendered body kept in the cache is never shared between
viewers who may see different things, nor the page around it between requests."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import coordinator, member
from tri.organisations.enums import Role
from tri.organisations.models import Organisation
from tri.rounds.models import Round

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def national(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TRI_RETURNS_DIR = tmp_path / "returns"
    boss = coordinator()
    call_command(
        "seed_national", "--organisations", "6", "--rounds", "1", "--snapshots", "1",
        stdout=StringIO(),
    )  # fmt: skip
    round_ = Round.objects.get()
    organisations = list(Organisation.objects.filter(slug__startswith="synthetic-"))
    return boss, round_, organisations


def _page(user, round_) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    response = client.get(reverse("rounds:benchmark", kwargs={"pk": round_.pk}))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return response.content.decode()


def test_each_viewer_sees_only_their_own_name_however_often_the_page_is_cached(national) -> None:  # type: ignore[no-untyped-def]
    boss, round_, organisations = national
    first, second = organisations[0], organisations[1]
    viewer_first = member(first, Role.VIEWER)
    viewer_second = member(second, Role.VIEWER)

    for _ in range(2):  # the second time from the cache
        named = _page(boss, round_)
        assert all(o.name in named for o in organisations)
        assert "Make or change comparison groups" in named

        mine = _page(viewer_first, round_)
        assert first.name in mine
        assert not any(o.name in mine for o in organisations if o != first)
        assert "Organisation 1" in mine
        assert "Where your organisation stands" in mine
        assert "Make or change comparison groups" not in mine

        theirs = _page(viewer_second, round_)
        assert second.name in theirs
        assert first.name not in theirs


def test_the_page_around_the_cached_body_is_made_for_each_request(national) -> None:  # type: ignore[no-untyped-def]
    boss, round_, _organisations = national
    nonces = {re.search(r'nonce="([^"]+)"', _page(boss, round_)).group(1) for _ in range(3)}  # type: ignore[union-attr]
    assert len(nonces) == 3


def test_a_new_final_result_shows_at_once_despite_the_cache(national) -> None:  # type: ignore[no-untyped-def]
    boss, round_, organisations = national
    name = organisations[-1].name
    before = _page(boss, round_)
    # In the heat map and in the workforce figures.
    assert before.count(name) == 2
    # An assessment leaves the round's finals (as if its final scores were reopened).
    participant = round_.participants.get(organisation=organisations[-1])
    assessment = participant.assessment
    assessment.status = "moderated"
    assessment.save()

    after = _page(boss, round_)
    # Its workforce figures are still there; it has left the heat map.
    assert after.count(name) == 1
