"""The workforce demo: synthetic workforce returns for twelve London boroughs, and Camden's targets.

`seed_workforce` is called by `manage.py seed_demo`. Every return is made up by the synthetic
generator (`tri.workforce.generate`); no row describes a real person. Each is uploaded and
processed through the services, as the upload page and the worker do, so the demo shows what a
real upload leaves: the figures (full and published), never the rows. Idempotent: a borough's
snapshot that already has an accepted return is left alone.

The six boroughs with demo people (Camden, Lambeth, Hackney, Islington, Southwark, Lewisham) have
returns for 31 March 2023, 2024 and 2025, uploaded by their editor; four more (Greenwich, Brent,
Tower Hamlets, Barnet) have 2024 and 2025, uploaded by no demo person. Ealing, whose demo people
joined for the 2025 round, has 2024 and 2025; Harrow sends aggregate returns (headcounts and mean
pay by high-level group and pay band) for all three years. The coordinator's London page pools
the twelve and lists the other 21 as not submitted. Camden's 2025 return comes with a
recruitment return.

The generator draws every year alike, so the trends are made here, deterministically: each year
fewer staff have not disclosed their ethnicity, and more of the top 5% of earners are ethnic
minority staff.
"""

import math
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import OutputWrapper

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.organisations.enums import Role
from tri.organisations.models import Membership, Organisation
from tri.reports.frames import write_table
from tri.returns import services
from tri.returns.enums import FileRole, ReturnKind, ReturnStatus
from tri.returns.models import Target, WorkforceReturn
from tri.workforce import generate
from tri.workforce.disclosure import DEFAULT_THRESHOLD
from tri.workforce.ethnicity import (
    CATEGORIES,
    CATEGORY_BY_CODE,
    ETHNIC_MINORITY_GROUPS,
    NOT_DISCLOSED,
    NOT_KNOWN,
    PREFER_NOT_TO_SAY,
    WHITE,
)

SNAPSHOTS = (date(2023, 3, 31), date(2024, 3, 31), date(2025, 3, 31))
CAMDEN = "E09000007"


@dataclass(frozen=True)
class Borough:
    """A borough's demo returns. Rates are percentages in the first snapshot's year, and how
    much they change each year after."""

    code: str
    rows: int
    not_disclosed: float
    not_disclosed_step: float
    top_5pct: float
    top_5pct_step: float
    first: date = SNAPSHOTS[0]
    #: An aggregate return (headcounts and mean pay by group and band) instead of one row
    #: per employee.
    aggregate: bool = False


#: In order (each borough's seeds follow its place): six boroughs with demo people, four
#: without, then the two whose demo people came with the 2025 round.
BOROUGHS = (
    Borough(CAMDEN, 2_400, 13.0, -3.0, 37.0, 7.0),  # Camden
    Borough("E09000022", 3_200, 15.0, -2.5, 31.0, 4.0),  # Lambeth
    Borough("E09000012", 2_800, 17.0, -3.5, 30.0, 5.0),  # Hackney
    Borough("E09000019", 1_900, 14.0, -2.0, 32.0, 3.0),  # Islington
    Borough("E09000028", 3_600, 16.0, -4.0, 30.0, 6.0),  # Southwark
    Borough("E09000023", 2_100, 19.0, -3.0, 30.0, 4.5),  # Lewisham
    Borough("E09000011", 1_600, 15.0, -2.0, 30.0, 3.5, SNAPSHOTS[1]),  # Greenwich
    Borough("E09000005", 2_600, 18.0, -4.0, 33.0, 5.0, SNAPSHOTS[1]),  # Brent
    Borough("E09000030", 3_000, 14.0, -3.0, 34.0, 6.0, SNAPSHOTS[1]),  # Tower Hamlets
    Borough("E09000003", 1_500, 12.0, -1.5, 31.0, 2.5, SNAPSHOTS[1]),  # Barnet
    Borough("E09000009", 2_900, 16.0, -3.0, 29.0, 4.0, SNAPSHOTS[1]),  # Ealing
    Borough("E09000015", 1_700, 14.0, -2.5, 28.0, 5.0, aggregate=True),  # Harrow
)
#: Headcount grows a little each year to the last snapshot.
GROWTH = 0.03
RECRUITMENT_ROWS = 700
#: Camden's targets, set by its editor: (measure, direction, milestones, note).
CAMDEN_TARGETS = (
    (
        "senior.top_5pct_ethnic_minority_pct",
        "at_least",
        {2022: 25.0, 2023: 35.0, 2024: 45.0, 2025: 50.0},
        "Ethnic minority share of the top 5% of earners (demo).",
    ),
    (
        "disclosure.not_disclosed_pct",
        "at_most",
        {2022: 12.0, 2023: 10.0, 2024: 8.0, 2025: 5.0},
        "Staff who have not told us their ethnicity (demo).",
    ),
)

#: Every label the generator writes, to its high-level group (blank: not disclosed).
_GROUP_OF_LABEL: Mapping[str, str] = {c.label: c.group for c in CATEGORIES} | {
    label: CATEGORY_BY_CODE[code].group for code, label in generate.VARIANT_LABELS.items()
}
_NOT_DISCLOSED_LABELS = (None, PREFER_NOT_TO_SAY.label, NOT_KNOWN.label)


def seed_workforce(
    organisations: Mapping[str, Organisation],
    people: Mapping[str, User],
    *,
    stdout: OutputWrapper | None = None,
) -> None:
    """Upload and process the demo's workforce returns and set Camden's targets.

    `organisations` by ONS code and `people` by email, as seed_demo loads them. Side effects:
    accepted returns (and their audit records) for each borough and snapshot that had none;
    Camden's targets if it has none on those measures. Upload folders are deleted.
    """
    editors = _editors(organisations, people)
    added = 0
    with tempfile.TemporaryDirectory(prefix="tri-demo-") as folder:
        for index, borough in enumerate(BOROUGHS):
            organisation = organisations[borough.code]
            done = set(
                WorkforceReturn.objects.filter(
                    organisation=organisation, status=ReturnStatus.COMPLETE
                ).values_list("snapshot_on", flat=True)
            )
            for snapshot in SNAPSHOTS:
                if snapshot < borough.first or snapshot in done:
                    continue
                files = _files(Path(folder), index, borough, snapshot, organisation.slug)
                _upload(organisation, snapshot, files, editors.get(organisation.pk))
                added += 1
    _targets(organisations[CAMDEN], editors[organisations[CAMDEN].pk])
    if stdout is not None and added:
        stdout.write(f"Workforce demo: {added} returns processed for {len(BOROUGHS)} boroughs.")


def _editors(
    organisations: Mapping[str, Organisation], people: Mapping[str, User]
) -> dict[int, User]:
    """Each borough's first demo editor (in the order the demo people were made)."""
    found: dict[int, User] = {}
    memberships = (
        Membership.objects.filter(
            organisation__in=[organisations[b.code] for b in BOROUGHS],
            role=Role.EDITOR,
            user__in=list(people.values()),
        )
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        found.setdefault(membership.organisation_id, membership.user)
    return found


# ---------------------------------------------------------------- the returns


def _files(
    folder: Path, index: int, borough: Borough, snapshot: date, slug: str
) -> dict[FileRole, Path]:
    years = snapshot.year - borough.first.year
    seed = 1_000 * (index + 1) + snapshot.year
    rows = round(borough.rows * (1 + GROWTH) ** (snapshot.year - SNAPSHOTS[-1].year))
    frame = generate.employees(rows, seed=seed, snapshot=snapshot)
    rng = np.random.default_rng(seed)
    frame = with_not_disclosed(
        frame, borough.not_disclosed + borough.not_disclosed_step * years, rng
    )
    frame = with_top_5pct(frame, borough.top_5pct + borough.top_5pct_step * years, rng)
    if borough.aggregate:
        frame = as_aggregate(frame)
    kind = "headcounts" if borough.aggregate else "staff"
    files = {FileRole.RETURN: folder / f"{slug}-{kind}-{snapshot.isoformat()}.csv"}
    write_table(frame, files[FileRole.RETURN])
    if borough.code == CAMDEN and snapshot == SNAPSHOTS[-1]:
        files[FileRole.RECRUITMENT] = folder / f"{slug}-applications-{snapshot.isoformat()}.csv"
        write_table(generate.applications(RECRUITMENT_ROWS, seed=seed), files[FileRole.RECRUITMENT])
    return files


def _groups(labels: list[Any]) -> np.ndarray[Any, np.dtype[Any]]:
    return np.array([_GROUP_OF_LABEL.get(label, NOT_DISCLOSED) for label in labels])


def _top_5pct(frame: pl.DataFrame) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Which rows are the top 5% of earners in post, as the engine counts them: paid at least
    the 95th percentile (nearest rank) of pay in post."""
    in_post = frame.get_column("left_on").is_null().to_numpy()
    pay = frame.get_column("hourly_pay").to_numpy()
    ranked = np.sort(pay[in_post])
    threshold = ranked[math.ceil(0.95 * len(ranked)) - 1]
    top: np.ndarray[Any, np.dtype[np.bool_]] = in_post & (pay >= threshold)
    return top


def with_not_disclosed(frame: pl.DataFrame, pct: float, rng: np.random.Generator) -> pl.DataFrame:
    """`frame` with about `pct`% of people not disclosed: some who had disclosed are blanked
    (as blank, "Prefer not to say" or "Not known"), or some who had not are given a disclosed person's label
    (they answered the survey). If a few of the top 5% of earners have not disclosed, they do
    now: a count under the disclosure threshold would hide the top 5%'s figures."""
    labels = frame.get_column("ethnicity").to_list()
    undisclosed = _groups(labels) == NOT_DISCLOSED
    wanted = round(pct / 100 * len(labels))
    change = wanted - int(undisclosed.sum())
    disclosed = np.flatnonzero(~undisclosed)
    if change > 0:
        chosen = rng.choice(disclosed, size=change, replace=False)
        for position, row in enumerate(chosen):
            labels[row] = _NOT_DISCLOSED_LABELS[position % len(_NOT_DISCLOSED_LABELS)]
    elif change < 0:
        chosen = rng.choice(np.flatnonzero(undisclosed), size=-change, replace=False)
        for row in chosen:
            labels[row] = labels[int(rng.choice(disclosed))]
    undisclosed = _groups(labels) == NOT_DISCLOSED
    disclosed = np.flatnonzero(~undisclosed)
    top_undisclosed = np.flatnonzero(undisclosed & _top_5pct(frame))
    if len(top_undisclosed) < DEFAULT_THRESHOLD:
        for row in top_undisclosed:
            labels[row] = labels[int(rng.choice(disclosed))]
    return frame.with_columns(pl.Series("ethnicity", labels, dtype=pl.String))


def as_aggregate(frame: pl.DataFrame) -> pl.DataFrame:
    """An employee return as an aggregate return: the staff in post counted by high-level
    ethnic group ("Unknown" for those who have not disclosed) and pay band, with each cell's
    mean hourly pay, as an organisation that shares only counts would send it."""
    in_post = frame.filter(pl.col("left_on").is_null())
    groups = _groups(in_post.get_column("ethnicity").to_list())
    return (
        in_post.with_columns(
            pl.Series("group", groups).replace(NOT_DISCLOSED, "Unknown").alias("ethnicity")
        )
        .group_by("ethnicity", "pay_band")
        .agg(
            pl.len().alias("headcount"),
            pl.col("hourly_pay").mean().round(2).alias("mean_hourly_pay"),
        )
        .sort("pay_band", "ethnicity")
        .select("ethnicity", "pay_band", "headcount", "mean_hourly_pay")
    )


def with_top_5pct(frame: pl.DataFrame, pct: float, rng: np.random.Generator) -> pl.DataFrame:
    """`frame` with about `pct`% of the top 5% of earners (in post, who disclosed) ethnic
    minority staff: staff there swap their ethnicity with staff among the next 15% of earners,
    as if those had been promoted into their posts."""
    labels = frame.get_column("ethnicity").to_list()
    groups = _groups(labels)
    in_post = frame.get_column("left_on").is_null().to_numpy()
    pay = frame.get_column("hourly_pay").to_numpy()
    top = _top_5pct(frame)
    below = np.sort(pay[in_post])[math.ceil(0.80 * int(in_post.sum())) - 1]
    next_in_line = in_post & ~top & (pay >= below)
    minority = np.isin(groups, ETHNIC_MINORITY_GROUPS)
    white = groups == WHITE
    known = int((top & (minority | white)).sum())
    swaps = math.ceil(pct / 100 * known) - int((top & minority).sum())
    # More ethnic minority staff at the top: White staff there swap with ethnic minority staff
    # next in line; fewer: the other way round.
    outgoing, incoming = (white, minority) if swaps > 0 else (minority, white)
    leaders = np.flatnonzero(top & outgoing)
    promoted = np.flatnonzero(next_in_line & incoming)
    swaps = min(abs(swaps), len(leaders), len(promoted))
    for leader, joiner in zip(
        rng.choice(leaders, size=swaps, replace=False),
        rng.choice(promoted, size=swaps, replace=False),
        strict=True,
    ):
        labels[leader], labels[joiner] = labels[joiner], labels[leader]
    return frame.with_columns(pl.Series("ethnicity", labels, dtype=pl.String))


def _upload(
    organisation: Organisation, snapshot: date, files: Mapping[FileRole, Path], editor: User | None
) -> WorkforceReturn:
    """Receive and process a return as the upload page and the worker do. A borough without a
    demo editor has its return received without one: the audit trail names no uploader."""
    if editor is not None:
        recruitment = files.get(FileRole.RECRUITMENT)
        return_ = services.receive_return(
            organisation=organisation,
            snapshot_on=snapshot,
            upload=_uploaded(files[FileRole.RETURN]),
            recruitment=_uploaded(recruitment) if recruitment else None,
            actor=editor,
        )
    else:
        return_ = _receive_without_editor(organisation, snapshot, files)
    processed = services.process_return(return_id=return_.pk)
    if processed is None or processed.status != ReturnStatus.COMPLETE:
        problems = (processed.problems or processed.error) if processed else "it vanished"
        raise RuntimeError(f"The demo return for {organisation} was not accepted: {problems}")
    return processed


def _uploaded(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


def _receive_without_editor(
    organisation: Organisation, snapshot: date, files: Mapping[FileRole, Path]
) -> WorkforceReturn:
    """What `services.receive_return` does, less the check that the uploader is an editor."""
    return_ = WorkforceReturn(
        organisation=organisation,
        snapshot_on=snapshot,
        kind=ReturnKind.EMPLOYEE,
        population_code=services._population_code(organisation),  # as the service chooses
        files=[
            {"role": role, "name": path.name, "size": path.stat().st_size}
            for role, path in files.items()
        ],
    )
    for role, path in files.items():
        folder = services.upload_dir(return_) / role
        folder.mkdir(parents=True, exist_ok=True)
        (folder / path.name).write_bytes(path.read_bytes())
    return_.save()
    record(
        actor=None,
        organisation=organisation,
        verb=Verb.RETURN_UPLOADED,
        target=return_,
        data={"snapshot_on": snapshot.isoformat(), "files": return_.files},
    )
    return return_


# ---------------------------------------------------------------- targets


def _targets(camden: Organisation, editor: User) -> None:
    existing = set(Target.objects.filter(organisation=camden).values_list("measure", flat=True))
    for measure, direction, milestones, note in CAMDEN_TARGETS:
        if measure not in existing:
            services.set_target(
                organisation=camden,
                measure=measure,
                direction=direction,
                milestones=milestones,
                note=note,
                actor=editor,
            )
