"""Glue between a round's stored results and the benchmark engines (tri.scheme.benchmark for
the Standard, tri.workforce.benchmark for workforce figures). Nothing here decides a figure.

Comparison groups: every organisation in the round, inner and outer London, the four
sub-regional partnerships and the coordinator's own groups, in that order; a group with fewer
than five final assessments, or one within four organisations of a group shown before it, folds
into "all" (the engine decides, and says why). The workforce benchmark reads only
disclosure-controlled (published) figures. Both are computed once per state of the round and
kept in the cache; the state includes the custom groups' count and latest change, which
`services.save_group` and `delete_group` always move.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max

from tri.accounts.models import User
from tri.assessments import engine
from tri.common.fragments import cached_fragment
from tri.common.permissions import can
from tri.organisations.enums import Area, Partnership
from tri.organisations.models import ComparisonGroup, Organisation
from tri.organisations.queries import roles_by_organisation
from tri.returns import queries as returns_queries
from tri.rounds.models import Round
from tri.rounds.outcomes import final_reports
from tri.rounds.queries import previous_round
from tri.scheme import MINIMUM, Benchmark, Group, Member, anonymised, benchmark
from tri.workforce.benchmark import WorkforceBenchmark, workforce_benchmark

ALL = "all"
#: Long enough to spare a busy page the work, short enough that a change shows soon; every key
#: also carries the round's state, so a new final assessment shows at once.
CACHE_SECONDS = 600


def groups_of(organisations: list[Organisation]) -> list[Group]:
    """The comparison groups for these organisations: all of them first (the top group), then
    inner and outer London, the partnerships and the custom groups, each folding into "all"."""
    slugs = frozenset(o.slug for o in organisations)
    groups = [Group(ALL, "All organisations in the round", slugs)]
    for area in Area:
        members = frozenset(o.slug for o in organisations if o.area == area)
        if members:
            groups.append(Group(area.value, str(area.label), members, ALL))
    for partnership in Partnership:
        members = frozenset(o.slug for o in organisations if o.partnership == partnership)
        if members:
            groups.append(Group(partnership.value, str(partnership.label), members, ALL))
    for custom in ComparisonGroup.objects.prefetch_related("members"):
        members = frozenset(o.slug for o in custom.members.all()) & slugs
        if members:
            groups.append(Group(f"custom-{custom.pk}", custom.name, members, ALL))
    return groups


def _final_ids(round_: Round | None) -> list[int]:
    if round_ is None:
        return []
    finals = round_.participants.filter(assessment__status="final")
    return sorted(finals.values_list("assessment_id", flat=True))


def _state(round_: Round) -> str:
    """A fingerprint of everything a round's benchmark depends on."""
    custom = ComparisonGroup.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    text = repr(
        (
            round_.pk,
            _final_ids(round_),
            _final_ids(previous_round(round_)),
            custom["n"],
            custom["at"],
            returns_queries.accepted_returns_state(),
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _compute(round_: Round) -> tuple[Benchmark, WorkforceBenchmark, dict[str, str]]:
    finals = final_reports(round_)
    earlier_round = previous_round(round_)
    earlier = final_reports(earlier_round) if earlier_round else {}
    members = [
        Member(
            key=participant.organisation.slug,
            name=participant.organisation.name,
            report=report,
            earlier=earlier[org_id][1] if org_id in earlier else None,
        )
        for org_id, (participant, report) in sorted(
            finals.items(), key=lambda item: item[1][0].organisation.name
        )
    ]
    organisations = [p.organisation for p in round_.participants.select_related("organisation")]
    standard = engine.catalogue().get(round_.standard_id, round_.standard_version)
    result = benchmark(standard, members, groups_of(organisations))
    participating = {o.pk for o in organisations}
    reports = {
        s.organisation.slug: returns_queries.published_figures(s)
        for s in returns_queries.latest_snapshots()
        if s.organisation_id in participating
    }
    names = {o.slug: o.name for o in organisations}
    return result, workforce_benchmark(reports), names


def round_benchmark(
    round_: Round, state: str | None = None
) -> tuple[Benchmark, WorkforceBenchmark, dict[str, str]]:
    """The round's benchmark, named, from the cache when nothing it depends on has changed
    (`state`, the round's fingerprint, when the caller has it already)."""
    # v2: results carry why each group is folded; a v1 result from before would lack it.
    key = f"tri:benchmark:v2:{round_.pk}:{state or _state(round_)}"
    found = cache.get(key)
    if found is None:
        found = _compute(round_)
        cache.set(key, found, CACHE_SECONDS)
    return found


@dataclass(frozen=True)
class WorkforceRow:
    label: str
    is_own: bool
    values: tuple[tuple[str, str], ...]


def _own_slug(user: User, round_: Round) -> str | None:
    ids = set(roles_by_organisation(user))
    found = (
        round_.participants.filter(organisation_id__in=ids)
        .order_by("organisation__name")
        .values_list("organisation__slug", flat=True)
        .first()
    )
    return str(found) if found is not None else None


@dataclass(frozen=True)
class Viewer:
    """Who is looking, as far as the benchmark's content depends on it: named (the
    coordinator) or not, and then which organisation of the round is theirs."""

    named: bool
    own: str | None
    can_manage_groups: bool

    @classmethod
    def of(cls, user: User, round_: Round) -> "Viewer":
        named = can(user, "rounds.see_benchmark_names", round_)
        return cls(
            named=named,
            own=None if named else _own_slug(user, round_),
            can_manage_groups=can(user, "rounds.manage_groups", None),
        )


def benchmark_page(user: User, round_: Round) -> dict[str, Any]:
    """The benchmark page's context: its body rendered once per round state and kind of viewer
    (named; or each organisation's own anonymised view) and kept in the cache, so a page of
    hundreds of organisations costs a cache read, not a render. The page around it (the
    person's name, the CSP nonce) is rendered for each request."""
    state = _state(round_)
    viewer = Viewer.of(user, round_)
    variant = "named" if viewer.named else f"own-{viewer.own or ''}"
    body = cached_fragment(
        f"benchmark:{round_.pk}:{state}:{variant}:{int(viewer.can_manage_groups)}",
        "rounds/includes/benchmark_body.html",
        lambda: (
            benchmark_context(user, round_, state=state, viewer=viewer)
            | {"can_manage_groups": viewer.can_manage_groups}
        ),
    )
    return {"round": round_, "named": viewer.named, "minimum": MINIMUM, "body": body}


def benchmark_context(
    user: User, round_: Round, *, state: str | None = None, viewer: Viewer | None = None
) -> dict[str, Any]:
    """What this person may see of the round's benchmark: the coordinator everything, by name;
    anyone else their own organisation by name and every other as "Organisation N", and the
    heat map only once the whole round's group is large enough to be shown."""
    result, workforce, names = round_benchmark(round_, state)
    viewer = viewer or Viewer.of(user, round_)
    named, own = viewer.named, viewer.own
    top_shown = bool(result.groups) and result.groups[0].shown
    if not named:
        result = anonymised(result, own=own, seed=f"benchmark-{round_.pk}-{own}")
    rows = []
    for member in workforce.members:
        if not named and member != own:
            continue
        rows.append(
            WorkforceRow(
                label=names.get(member, member),
                is_own=member == own,
                values=tuple(
                    (m.label, _value(next(v for v in m.values if v.key == member), m.unit))
                    for m in workforce.measures
                ),
            )
        )
    return {
        "round": round_,
        "benchmark": result,
        "named": named,
        "own": own,
        "show_heat_map": named or top_shown,
        "shown_groups": [g for g in result.groups if g.shown],
        "folded_groups": [g for g in result.groups if not g.shown],
        "categories": _categories(result),
        "workforce": workforce,
        "workforce_rows": sorted(rows, key=lambda r: (not r.is_own, r.label)),
    }


def _value(value: Any, unit: str) -> str:
    if value.value is None:
        return "–"
    shown = f"{value.value:.2f}" if unit == "ratio" else f"{value.value:.1f}%"
    return f"{shown} ({value.quarter})" if value.quarter else shown


def _categories(result: Benchmark) -> list[tuple[str, str]]:
    if not result.members:
        return [(c, c) for c in result.category_ids]
    return [(cell.category_id, cell.title) for cell in result.members[0].cells]
