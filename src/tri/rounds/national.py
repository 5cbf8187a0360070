"""A generated national-scale dataset, for the load benchmark (`benchmarks/load.py`).

`seed_national` adds, on top of the demo: synthetic local authorities up to `organisations` in
all (the 33 London ones first, so inner/outer London and the partnerships are real groups),
`rounds` closed rounds in which every one of them has a final assessment (self-assessed,
peer-reviewed criterion by criterion, a few challenges accepted), `snapshots` yearly
workforce returns each (computed by the real engine from synthetic returns, full and
disclosure-controlled figures, rows never kept), two targets each, a confirmed adoption of the
Anti-Racist Statement for most, and a publication of everything available for most.

Rows are bulk-created rather than walked through each service step by step (which would take
an hour at this scale), but every stored value is one the services would store: assessments
final with a cycle and judgements, returns as `returns.services.compute_figures` makes them,
publications through `publication.services.publish`. Every name says "(synthetic)".
Idempotent: run it again and nothing is added.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
from django.db import transaction
from django.utils import timezone

from tri.accounts.models import User
from tri.assessments import engine
from tri.assessments.enums import AssessmentStatus
from tri.assessments.models import Answer, Assessment, ReviewCycle
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import Membership, Organisation
from tri.publication import services as publication_services
from tri.publication.documents import available_parts
from tri.publication.models import Publication
from tri.reports.frames import write_table
from tri.returns import services as return_services
from tri.returns.demo import with_not_disclosed, with_top_5pct
from tri.returns.enums import FileRole, ReturnKind, ReturnStatus, Stage
from tri.returns.models import Target, WorkforceReturn
from tri.rounds.models import Judgement, Participant, Round
from tri.standard import Level
from tri.statement.enums import AdoptionStatus
from tri.statement.models import Adoption
from tri.workforce import generate

#: The first round's year; one round a year after it, each opening in February.
FIRST_ROUND_YEAR = 2018
#: Workforce snapshots: 31 March of the years up to this one.
LAST_SNAPSHOT_YEAR = 2025
#: Shares of the generated organisations that adopted the Statement and that publish.
ADOPTED = 0.7
PUBLISHED = 0.75
#: Staff per organisation: drawn between these.
STAFF = (600, 4_000)
TARGETS = (
    ("disclosure.not_disclosed_pct", "at_most", "Staff who have not told us their ethnicity."),
    ("senior.top_5pct_ethnic_minority_pct", "at_least", "Ethnic minority share of the top 5%."),
)


def round_name(year: int) -> str:
    return f"National round {year} (synthetic)"


def seed_national(
    *,
    coordinator: User,
    organisations: int = 400,
    rounds: int = 5,
    snapshots: int = 5,
    seed: int = 2026,
    say: Callable[[str], None] = lambda _message: None,
) -> None:
    """Add the national dataset (see the module's docstring). `coordinator` opens the rounds
    and moderates. Side effects only; nothing is added if its first round already exists."""
    if Round.objects.filter(name=round_name(FIRST_ROUND_YEAR)).exists():
        say("The national dataset is already there.")
        return
    rng = np.random.default_rng(seed)
    members = _organisations(organisations)
    say(f"{len(members)} organisations.")
    approvers = _approvers(members)
    quality = {org.pk: float(rng.uniform(0.05, 0.7)) for org in members}
    for number in range(rounds):
        year = FIRST_ROUND_YEAR + number
        _round(year, members, quality, coordinator, rng)
        quality = {pk: min(q + float(rng.uniform(0.0, 0.08)), 0.95) for pk, q in quality.items()}
        say(f"{round_name(year)}: {len(members)} final assessments.")
    _returns(members, snapshots, rng, say)
    _targets(members, approvers, rng)
    _adoptions(members, approvers, coordinator, rng)
    published = _publications(members, approvers, rng)
    say(f"{published} organisations published.")


def _organisations(count: int) -> list[Organisation]:
    """The London local authorities, then synthetic ones up to `count`."""
    london = list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
        .exclude(ons_code=None)
        .order_by("ons_code")[:count]
    )
    wanted = [
        Organisation(
            name=f"Synthetic authority {n:03d} (synthetic)",
            slug=f"synthetic-{n:03d}",
            kind=OrganisationKind.LOCAL_AUTHORITY,
        )
        for n in range(1, count - len(london) + 1)
    ]
    Organisation.objects.bulk_create(wanted, ignore_conflicts=True)
    synthetic = list(
        Organisation.objects.filter(slug__in=[o.slug for o in wanted]).order_by("slug")
    )
    return london + synthetic


def _approvers(members: list[Organisation]) -> dict[int, User]:
    """An approver per organisation, who cannot sign in (no usable password): the person
    the publications and adoptions are recorded by."""
    users = []
    for org in members:
        user = User(email=f"approver@{org.slug}.synthetic", full_name=f"Approver, {org.name}")
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, ignore_conflicts=True)
    by_email = {u.email: u for u in User.objects.filter(email__in=[u.email for u in users])}
    Membership.objects.bulk_create(
        [
            Membership(user=by_email[f"approver@{org.slug}.synthetic"], organisation=org, role=role)
            for org in members
            for role in (Role.APPROVER, Role.ADMIN)
        ],
        ignore_conflicts=True,
    )
    return {org.pk: by_email[f"approver@{org.slug}.synthetic"] for org in members}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


@transaction.atomic
def _round(
    year: int,
    members: list[Organisation],
    quality: dict[int, float],
    coordinator: User,
    rng: np.random.Generator,
) -> None:
    """A closed round in which every member's assessment is final."""
    standard = engine.current_standard()
    opens_on = date(year, 2, 5)
    round_ = Round.objects.create(
        name=round_name(year),
        standard_id=standard.id,
        standard_version=standard.version,
        opens_on=opens_on,
        submit_by=opens_on + timedelta(days=80),
        closes_on=opens_on + timedelta(days=140),
        closed_at=_at(opens_on + timedelta(days=140)),
        created_by=coordinator,
    )
    submitted = _at(opens_on + timedelta(days=75))
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(
                organisation=org,
                standard_id=standard.id,
                standard_version=standard.version,
                period=round_.name,
                status=AssessmentStatus.FINAL,
                created_by=coordinator,
                submitted_at=submitted,
            )
            for org in members
        ]
    )
    Participant.objects.bulk_create(
        [
            Participant(round=round_, organisation=org, assessment=assessment)
            for org, assessment in zip(members, assessments, strict=True)
        ]
    )
    answers: list[Answer] = []
    cycles: list[ReviewCycle] = []
    chosen: list[dict[str, str]] = []
    for org, assessment in zip(members, assessments, strict=True):
        levels = {}
        for criterion in standard.criteria:
            offered = [Level.NONE, *criterion.levels]
            position = rng.binomial(len(offered) - 1, quality[org.pk])
            levels[criterion.id] = offered[int(position)].key
        chosen.append(levels)
        answers.extend(
            Answer(
                assessment=assessment,
                organisation=org,
                criterion_id=row,
                level=level,
                evidence="Generated (synthetic).",
            )
            for row, level in levels.items()
        )
        cycles.append(
            ReviewCycle(
                assessment=assessment,
                organisation=org,
                number=1,
                snapshot={
                    row: {"level": level, "evidence": "Generated (synthetic)."}
                    for row, level in levels.items()
                },
                submitted_at=submitted,
                submitted_by=coordinator,
            )
        )
    Answer.objects.bulk_create(answers, batch_size=5_000)
    cycles = ReviewCycle.objects.bulk_create(cycles)
    judged = _at(opens_on + timedelta(days=100))
    judgements: list[Judgement] = []
    for index, (org, assessment, cycle) in enumerate(
        zip(members, assessments, cycles, strict=True)
    ):
        reviewer = members[(index + 1) % len(members)]
        challenged = set(rng.choice(len(standard.criteria), size=3, replace=False).tolist())
        for number, criterion in enumerate(standard.criteria):
            level = chosen[index][criterion.id]
            lower = _lower(level, criterion.levels)
            challenge = number in challenged and lower is not None
            judgements.append(
                Judgement(
                    cycle=cycle,
                    assessment=assessment,
                    organisation=org,
                    criterion_id=criterion.id,
                    verdict="challenge" if challenge else "agree",
                    comment="Generated challenge (synthetic)." if challenge else "",
                    proposed_level=(lower or "") if challenge else "",
                    reviewer=coordinator,
                    reviewer_organisation=reviewer,
                    judged_at=judged,
                    reply="accept" if challenge else "",
                    replied_at=judged if challenge else None,
                )
            )
    Judgement.objects.bulk_create(judgements, batch_size=5_000)


def _lower(key: str, levels: tuple[Level, ...]) -> str | None:
    """The level one step below `key` among those the criterion offers, if any."""
    offered = [Level.NONE, *levels]
    keys = [level.key for level in offered]
    here = keys.index(key)
    return keys[here - 1] if here > 0 else None


def _returns(
    members: list[Organisation],
    snapshots: int,
    rng: np.random.Generator,
    say: Callable[[str], None],
) -> None:
    """`snapshots` yearly returns per organisation, through the engine as the worker runs it.
    A snapshot that already has an accepted return (the demo's) is left alone."""
    dates = [date(LAST_SNAPSHOT_YEAR - n, 3, 31) for n in reversed(range(snapshots))]
    done = set(
        WorkforceReturn.objects.filter(
            organisation__in=members, status=ReturnStatus.COMPLETE
        ).values_list("organisation_id", "snapshot_on")
    )
    made: list[WorkforceReturn] = []
    with tempfile.TemporaryDirectory(prefix="tri-national-") as folder:
        for index, org in enumerate(members):
            staff = int(rng.integers(*STAFF))
            not_disclosed = float(rng.uniform(6, 22))
            top = float(rng.uniform(15, 40))
            for year, snapshot in enumerate(dates):
                if (org.pk, snapshot) in done:
                    continue
                made.append(
                    _return(
                        Path(folder),
                        org,
                        snapshot,
                        rows=staff + 40 * year,
                        not_disclosed=max(not_disclosed - 1.5 * year, 1.0),
                        top_5pct=min(top + 2.5 * year, 60.0),
                        seed=index * 100 + year,
                    )
                )
            if index % 50 == 49:
                say(f"Workforce returns: {index + 1} organisations.")
    WorkforceReturn.objects.bulk_create(made, batch_size=200)


def _return(
    folder: Path,
    org: Organisation,
    snapshot: date,
    *,
    rows: int,
    not_disclosed: float,
    top_5pct: float,
    seed: int,
) -> WorkforceReturn:
    rng = np.random.default_rng(seed)
    frame = generate.employees(rows, seed=seed, snapshot=snapshot)
    frame = with_top_5pct(with_not_disclosed(frame, not_disclosed, rng), top_5pct, rng)
    return_ = WorkforceReturn(
        organisation=org,
        snapshot_on=snapshot,
        kind=ReturnKind.EMPLOYEE,
        population_code="london",
        files=[{"role": FileRole.RETURN, "name": "staff.csv", "size": 0}],
    )
    upload = folder / org.slug / snapshot.isoformat()
    (upload / FileRole.RETURN).mkdir(parents=True)
    write_table(frame, upload / FileRole.RETURN / "staff.csv")
    figures = return_services.compute_figures(return_, upload, lambda _stage: None)
    for path in (upload / FileRole.RETURN).iterdir():  # rows are never kept
        path.unlink()
    finished = _at(snapshot + timedelta(days=60))
    headcount = figures.full.get("headcount")
    return_.status = ReturnStatus.COMPLETE
    return_.stage = Stage.DONE
    return_.full = figures.full
    return_.published = figures.published
    return_.headcount = headcount if isinstance(headcount, int) else None
    return_.started_at = return_.finished_at = finished
    return return_


def _targets(
    members: list[Organisation], approvers: dict[int, User], rng: np.random.Generator
) -> None:
    made = []
    for org in members:
        if Target.objects.filter(organisation=org).exists():
            continue
        start = float(rng.uniform(8, 20))
        for measure, direction, note in TARGETS:
            step = -2.0 if direction == "at_most" else 5.0
            base = start if direction == "at_most" else float(rng.uniform(15, 35))
            milestones = {
                str(year): round(max(base + step * n, 1.0), 1)
                for n, year in enumerate(range(2022, 2027))
            }
            made.append(
                Target(
                    organisation=org,
                    measure=measure,
                    direction=direction,
                    milestones=milestones,
                    note=f"{note} (synthetic)",
                    created_by=approvers[org.pk],
                )
            )
    Target.objects.bulk_create(made)


def _adoptions(
    members: list[Organisation],
    approvers: dict[int, User],
    coordinator: User,
    rng: np.random.Generator,
) -> None:
    adopted = set(Adoption.objects.values_list("organisation_id", flat=True))
    made = []
    for org in members:
        if org.pk in adopted or rng.random() > ADOPTED:
            continue
        day = date(2021, 1, 4) + timedelta(days=int(rng.integers(0, 1_400)))
        made.append(
            Adoption(
                organisation=org,
                adopted_on=day,
                decision=f"Full council, {day:%-d %B %Y} (synthetic)",
                link=f"https://example.org/{org.slug}/anti-racist-statement",
                status=AdoptionStatus.CONFIRMED,
                recorded_by=approvers[org.pk],
                confirmed_by=coordinator,
                confirmed_at=_at(day + timedelta(days=14)),
            )
        )
    Adoption.objects.bulk_create(made)


def _publications(
    members: list[Organisation], approvers: dict[int, User], rng: np.random.Generator
) -> int:
    """Most organisations publish everything they can, through the service."""
    published = set(Publication.objects.values_list("organisation_id", flat=True))
    count = 0
    for org in members:
        if org.pk in published or rng.random() > PUBLISHED:
            continue
        parts = [part for part, there in available_parts(org).items() if there]
        if parts:
            with transaction.atomic():
                publication_services.publish(organisation=org, parts=parts, actor=approvers[org.pk])
            count += 1
    return count
