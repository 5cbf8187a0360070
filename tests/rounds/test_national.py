"""The generated national dataset the load benchmark runs on (`manage.py seed_national`), at a
small size: what it makes is what the services would have made, and nothing twice."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import coordinator
from tri.assessments.models import Assessment
from tri.publication.models import Publication
from tri.returns.enums import ReturnStatus
from tri.returns.models import Target, WorkforceReturn
from tri.rounds.benchmarks import round_benchmark
from tri.rounds.models import Round
from tri.rounds.national import round_name
from tri.rounds.outcomes import final_reports
from tri.statement.models import Adoption

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _seed() -> str:
    out = StringIO()
    call_command(
        "seed_national", "--organisations", "6", "--rounds", "2", "--snapshots", "2", stdout=out
    )
    return out.getvalue()


def test_a_small_national_dataset_is_what_the_services_would_make(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.TRI_RETURNS_DIR = tmp_path / "returns"
    coordinator()
    said = _seed()

    assert "6 organisations." in said
    rounds = list(Round.objects.order_by("opens_on"))
    assert [r.name for r in rounds] == [round_name(2018), round_name(2019)]
    assert all(r.closed_at is not None for r in rounds)
    assert Assessment.objects.filter(status="final").count() == 12
    finals = final_reports(rounds[-1])
    assert len(finals) == 6
    result, workforce, _names = round_benchmark(rounds[-1])
    assert result.groups[0].shown
    assert len(result.members) == 6
    # Disclosure control may hide a figure of a small return: never more than there are.
    assert max(m.n_available for m in workforce.measures) == 6

    returns = WorkforceReturn.objects.filter(status=ReturnStatus.COMPLETE)
    assert returns.count() == 12
    for return_ in returns:
        assert return_.full is not None
        assert return_.published is not None
        assert (return_.headcount or 0) > 500
        assert "employee_ref" not in str(return_.full)
    assert not any((tmp_path / "returns").glob("**/*.csv"))
    assert Target.objects.count() == 12
    assert Adoption.objects.filter(status="confirmed").exists()
    published = Publication.objects.all()
    assert published.exists()
    assert all("assessment" in p.parts and "workforce" in p.parts for p in published)

    counts = (Assessment.objects.count(), WorkforceReturn.objects.count(), published.count())
    assert "already there" in _seed()
    assert (
        Assessment.objects.count(),
        WorkforceReturn.objects.count(),
        published.count(),
    ) == counts


def test_it_needs_the_demo_first_and_sensible_sizes() -> None:
    with pytest.raises(CommandError, match="seed_demo"):
        _seed()
    coordinator()
    with pytest.raises(CommandError, match="--organisations must be at least 5"):
        call_command("seed_national", "--organisations", "2", stdout=StringIO())
