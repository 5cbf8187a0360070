"""The workforce demo that seed_demo loads: returns for three years, Camden's targets, no files.

Loading the demo takes seconds, so each test checks several things of one load."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tri.accounts.models import User
from tri.common.models import AuditEvent
from tri.organisations.enums import Role
from tri.organisations.models import Membership, Organisation
from tri.returns import demo
from tri.returns.enums import ReturnStatus
from tri.returns.models import Target, WorkforceReturn
from tri.workforce.measures import measure_value, progress

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TOP_5PCT = "senior.top_5pct_ethnic_minority_pct"
NOT_DISCLOSED = "disclosure.not_disclosed_pct"


@pytest.fixture
def seeded(returns_dir: Path) -> Path:
    call_command("seed_demo", stdout=StringIO())
    return returns_dir


def accepted(code: str) -> list[WorkforceReturn]:
    return list(
        WorkforceReturn.objects.filter(
            organisation__ons_code=code, status=ReturnStatus.COMPLETE
        ).order_by("snapshot_on")
    )


def value(figures: dict[str, Any] | None, measure: str) -> float:
    found = measure_value(figures or {}, measure)
    assert found is not None, measure
    return found


def test_each_demo_borough_has_accepted_returns_whose_trends_move(seeded) -> None:
    assert len(demo.BOROUGHS) == 12
    assert not WorkforceReturn.objects.exclude(status=ReturnStatus.COMPLETE).exists()
    for borough in demo.BOROUGHS:
        returns = accepted(borough.code)
        assert 2 <= len(returns) <= 3, borough.code
        assert returns[-1].snapshot_on == demo.SNAPSHOTS[-1]
        for return_ in returns:
            assert return_.kind == ("aggregate" if borough.aggregate else "employee")
            assert return_.full
            assert return_.published
            assert return_.headcount
            assert 1_000 < return_.headcount < 4_000
            # The borough's own population, not London's.
            assert return_.population_code == borough.code
            # The headline figures survive disclosure control.
            assert value(return_.published, NOT_DISCLOSED) is not None
            if borough.aggregate:  # counts and mean pay: a mean pay gap, no top 5% of earners
                assert measure_value(return_.full, TOP_5PCT) is None
                assert value(return_.published, "pay_gap.mean:ethnic_minority") is not None
            else:
                assert value(return_.published, TOP_5PCT) is not None
        not_disclosed = [value(r.full, NOT_DISCLOSED) for r in returns]
        assert not_disclosed == sorted(not_disclosed, reverse=True), borough.code
        if not borough.aggregate:
            top = [value(r.full, TOP_5PCT) for r in returns]
            assert top == sorted(top), borough.code
    # Every borough with a demo editor has all three years, uploaded by its editor.
    codes = {
        code
        for code in Membership.objects.filter(role=Role.EDITOR).values_list(
            "organisation__ons_code", flat=True
        )
        if code
    }
    assert {demo.CAMDEN, "E09000022", "E09000009", "E09000015"} <= codes
    first = {borough.code: borough.first for borough in demo.BOROUGHS}
    for code in codes & set(first):
        returns = accepted(code)
        assert [r.snapshot_on for r in returns] == [s for s in demo.SNAPSHOTS if s >= first[code]]
        editors = {
            m.user for m in Membership.objects.filter(organisation__ons_code=code, role=Role.EDITOR)
        }
        assert all(r.uploaded_by in editors for r in returns)
    # The service deleted every upload.
    assert not seeded.exists() or not any(seeded.iterdir())


def test_camden_has_recruitment_figures_and_two_targets_one_met(seeded, client) -> None:
    camden = Organisation.objects.get(ons_code=demo.CAMDEN)
    returns = accepted(demo.CAMDEN)
    assert [f["role"] for f in returns[-1].files] == ["return", "recruitment"]
    assert (returns[-1].full or {})["recruitment"]
    targets = {t.measure: t for t in Target.objects.filter(organisation=camden)}
    assert set(targets) == {TOP_5PCT, NOT_DISCLOSED}
    top = targets[TOP_5PCT]
    assert top.direction == "at_least"
    assert top.milestones == {"2022": 25.0, "2023": 35.0, "2024": 45.0, "2025": 50.0}
    assert top.created_by == User.objects.get(email="editor@camden.demo")
    assert targets[NOT_DISCLOSED].direction == "at_most"
    statuses = {
        measure: progress(
            {int(year): value for year, value in target.milestones.items()},
            target.direction,
            {r.snapshot_on.year: value(r.full, measure) for r in returns},
        ).status
        for measure, target in targets.items()
    }
    assert statuses == {TOP_5PCT: "achieved", NOT_DISCLOSED: "behind"}

    client.force_login(User.objects.get(email="editor@camden.demo"))
    assert client.get("/o/camden/workforce/").status_code == 200
    assert client.get("/o/camden/workforce/targets/").status_code == 200
    client.force_login(User.objects.get(email="coordinator@londoncouncils.demo"))
    london = client.get("/london/workforce/")
    assert london.status_code == 200
    assert "Tower Hamlets" in london.content.decode()


def test_running_it_again_changes_nothing(seeded) -> None:
    counts = (WorkforceReturn.objects.count(), Target.objects.count(), AuditEvent.objects.count())
    assert counts[0] == sum(len([s for s in demo.SNAPSHOTS if s >= b.first]) for b in demo.BOROUGHS)
    call_command("seed_demo", stdout=StringIO())
    again = (WorkforceReturn.objects.count(), Target.objects.count(), AuditEvent.objects.count())
    assert again == counts
    assert not seeded.exists() or not any(seeded.iterdir())
