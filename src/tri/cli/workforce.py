"""`tri workforce …`: the workforce data standard, checking returns, metrics and synthetic data.

Parse, call the engine, render. Problems with the input go to stderr, one per line, with exit
status 2 and no traceback.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from tri import reports
from tri.cli.errors import fail, user_errors, write
from tri.cli.render import to_json
from tri.reports.frames import write_table
from tri.workforce import (
    DEFAULT_THRESHOLD,
    EthnicityMap,
    Options,
    RecruitmentReturn,
    Reference,
    Report,
    ReturnKind,
    WorkforceError,
    aggregate_metrics,
    control,
    detect_kind,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
    schema_json,
)
from tri.workforce import generate as synthetic

#: Files bigger than this get a progress display on stderr.
LARGE_FILE = 20 * 1024 * 1024

app = typer.Typer(
    help="Workforce ethnicity data: the data standard, checking returns, metrics.",
    no_args_is_help=True,
)


class Kind(enum.StrEnum):
    AUTO = "auto"
    EMPLOYEE = "employee"
    RECRUITMENT = "recruitment"
    AGGREGATE = "aggregate"


class OutputFormat(enum.StrEnum):
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"


def _bands(option: str | None) -> list[str] | None:
    if option is None:
        return None
    bands = [b.strip() for b in option.split(",") if b.strip()]
    if not bands:
        fail("--band-order: give the bands lowest first, separated by commas")
    return bands


def _mapping(path: Path | None) -> EthnicityMap:
    mapping = EthnicityMap.standard()
    if path is None:
        return mapping
    with user_errors(WorkforceError):
        return mapping.with_local(path)


def _kind(path: Path, kind: Kind) -> Kind:
    """The kind asked for, or else the one the file's header shows."""
    if kind is not Kind.AUTO:
        return kind
    return Kind(detect_kind(path).value.removesuffix("-return"))


@contextmanager
def _progress(path: Path) -> Iterator[Progress | None]:
    """A progress display on stderr for large files, when stderr is a terminal."""
    try:
        large = path.stat().st_size > LARGE_FILE
    except OSError:
        large = False
    if not large or not sys.stderr.isatty():
        yield None
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with progress:
        yield progress


def _step(progress: Progress | None, description: str) -> None:
    if progress is None:
        return
    for task in progress.tasks:
        if not task.finished:
            progress.update(task.id, completed=1, total=1)
    progress.add_task(description, total=None)


@app.command("schema")
def schema(
    kind: Annotated[Kind, typer.Option("--kind", help="Which return.")] = Kind.EMPLOYEE,
) -> None:
    """Print a return's Frictionless Table Schema (JSON): its columns, types and rules."""
    chosen = ReturnKind.EMPLOYEE if kind is Kind.AUTO else ReturnKind(f"{kind.value}-return")
    sys.stdout.write(schema_json(chosen))


KindOption = Annotated[
    Kind, typer.Option("--kind", help="Which return the file is (auto: from its header).")
]
BandOption = Annotated[
    str | None,
    typer.Option(
        "--band-order",
        help="Pay bands lowest first, comma-separated (else the file's metadata, else numeric order).",
    ),
]
MappingOption = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="Your own ethnicity labels: a CSV with columns label,category (or a YAML mapping).",
    ),
]


@app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="A return: CSV, XLSX or Parquet.")],
    kind: KindOption = Kind.AUTO,
    band_order: BandOption = None,
    mapping: MappingOption = None,
) -> None:
    """Check a return against the data standard. Lists every problem; exit status 2 if any."""
    chosen = _kind(file, kind)
    labels = _mapping(mapping)
    bands = _bands(band_order)
    with user_errors(WorkforceError), _progress(file) as progress:
        _step(progress, f"Checking {file.name}")
        if chosen is Kind.RECRUITMENT:
            applications = read_applications(file, ethnicity=labels)
            summary = f"a valid recruitment return: {applications.frame.height:,} applications"
            ignored = applications.ignored
        elif chosen is Kind.AGGREGATE:
            aggregate = read_aggregate(file, ethnicity=labels, bands=bands)
            level = "categories" if aggregate.by_category else "high-level groups"
            summary = (
                f"a valid aggregate return: {int(aggregate.frame['headcount'].sum()):,} staff "
                f"by {level} in {len(aggregate.bands.bands)} bands ({aggregate.bands.source})"
            )
            ignored = ()
        else:
            employees = read_employees(file, ethnicity=labels, bands=bands)
            summary = (
                f"a valid employee return: {employees.rows:,} rows in "
                f"{len(employees.bands.bands)} bands ({employees.bands.source})"
            )
            ignored = employees.ignored
    typer.echo(f"{file.name}: {summary}")
    if ignored:
        typer.echo(f"Ignored columns not in the standard: {', '.join(ignored)}")


def _targets(values: list[str] | None) -> dict[int, float]:
    targets: dict[int, float] = {}
    for item in values or []:
        year, _, pct = item.partition("=")
        try:
            targets[int(year)] = float(pct)
        except ValueError:
            fail(f'--target "{item}": write YEAR=PERCENT, for example 2025=50')
        if not 0 <= targets[int(year)] <= 100:
            fail(f'--target "{item}": the percentage must be from 0 to 100')
    return targets


@app.command("metrics")
def metrics(
    file: Annotated[Path, typer.Argument(help="An employee or aggregate return.")],
    kind: KindOption = Kind.AUTO,
    recruitment: Annotated[
        Path | None, typer.Option("--recruitment", help="A recruitment return for the same year.")
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--population",
            help="Compare with the residents of this local authority (ONS code or name) or 'london'.",
        ),
    ] = "london",
    reference: Annotated[
        Reference, typer.Option("--reference", help="The group pay gaps are measured against.")
    ] = Reference.WHITE,
    no_suppression: Annotated[
        bool,
        typer.Option(
            "--no-suppression",
            help="Full figures, small numbers included: for the organisation's own analysis only.",
        ),
    ] = False,
    threshold: Annotated[
        int, typer.Option("--threshold", min=1, help="Suppress counts below this.")
    ] = DEFAULT_THRESHOLD,
    round5: Annotated[
        bool, typer.Option("--round", help="Round published counts to the nearest 5.")
    ] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.JSON,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
    band_order: BandOption = None,
    mapping: MappingOption = None,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            help="Target ethnic minority share of the top 5%, as YEAR=PERCENT (repeatable).",
        ),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The year the return describes (for targets).")
    ] = None,
    glass_ceiling: Annotated[
        float,
        typer.Option(
            "--glass-ceiling",
            min=0.0,
            max=1.0,
            help="A band is a ceiling when a group's share falls below this fraction of its overall share.",
        ),
    ] = 0.8,
) -> None:
    """Compute the workforce metrics of a return. Disclosure control is on unless you turn it off."""
    if output is OutputFormat.XLSX and out is None:
        fail("--format xlsx needs --out FILE.xlsx")
    labels = _mapping(mapping)
    bands = _bands(band_order)
    targets = _targets(target)
    with user_errors(WorkforceError):
        resident = None if area is None or area.lower() == "none" else population(area)
    options = Options(
        population=resident,
        reference=reference,
        glass_ceiling_fraction=glass_ceiling,
        targets=targets,
        year=year,
    )
    with user_errors(WorkforceError), _progress(file) as progress:
        _step(progress, f"Reading and checking {file.name}")
        chosen = _kind(file, kind)
        if chosen is Kind.RECRUITMENT:
            fail(
                f"{file.name}: is a recruitment return; give the employee return first and this"
                " one with --recruitment"
            )
        if chosen is Kind.AGGREGATE and recruitment is not None:
            fail(
                "--recruitment: an aggregate return has no staff records to set applications"
                " against; give an employee return"
            )
        applications: RecruitmentReturn | None = None
        if recruitment is not None:
            applications = read_applications(recruitment, ethnicity=labels)
        if chosen is Kind.AGGREGATE:
            aggregate = read_aggregate(file, ethnicity=labels, bands=bands)
            _step(progress, "Computing the metrics")
            report = aggregate_metrics(aggregate, options)
        else:
            employees = read_employees(file, ethnicity=labels, bands=bands)
            _step(progress, "Computing the metrics")
            report = employee_metrics(employees, applications, options)
        if not no_suppression:
            _step(progress, "Applying disclosure control")
            report = control(report, threshold=threshold, rounding=5 if round5 else None)
        _step(progress, "Writing")
    _emit(report, output, out)


def _emit(report: Report, output: OutputFormat, out: Path | None) -> None:
    if output is OutputFormat.XLSX:
        assert out is not None  # noqa: S101 - checked before the work started
        write(out, reports.workforce_xlsx(report.as_json()))
        return
    if output is OutputFormat.HTML:
        text = reports.workforce_html(report.as_json())
    else:
        text = to_json(report.as_json())
    if out is None:
        sys.stdout.write(text)
    else:
        write(out, text.encode("utf-8"))


@app.command("generate")
def generate(
    rows: Annotated[int, typer.Option("--rows", min=1, help="How many rows.")],
    out: Annotated[Path, typer.Option("--out", help="CSV, XLSX or Parquet, by extension.")],
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same data.")] = 0,
    kind: Annotated[Kind, typer.Option("--kind", help="employee or recruitment.")] = Kind.EMPLOYEE,
) -> None:
    """Write a synthetic return (not real people) for demos, tests and benchmarks."""
    if out.suffix.lower() not in (".csv", ".xlsx", ".parquet"):
        fail(f"{out}: --out must end in .csv, .xlsx or .parquet")
    if kind is Kind.RECRUITMENT:
        frame = synthetic.applications(rows, seed=seed)
    elif kind in (Kind.EMPLOYEE, Kind.AUTO):
        frame = synthetic.employees(rows, seed=seed)
    else:
        fail("--kind: generate makes employee or recruitment returns")
    try:
        write_table(frame, out)
    except (OSError, ValueError) as exc:
        fail(f"{out}: cannot be written ({getattr(exc, 'strerror', None) or exc})")
    typer.echo(f"Wrote {out} ({rows:,} rows)", err=True)
