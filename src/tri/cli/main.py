"""The `tri` command line: parse arguments, call the engine, render. No logic of its own."""

from __future__ import annotations

import enum
import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tri import reports
from tri.cli import render
from tri.cli.errors import fail, user_errors, write
from tri.cli.workforce import app as workforce_app
from tri.standard import (
    CELC_TRI,
    Catalogue,
    Standard,
    StandardError,
    check_consistency,
    improvements,
    load_responses,
    score,
)

app = typer.Typer(
    name="tri",
    help="The CELC Tackling Racial Inequality Standard: browse it, check it, score against it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
standard_app = typer.Typer(
    help="The versions of the Standard and their contents.", no_args_is_help=True
)
app.add_typer(standard_app, name="standard")
app.add_typer(workforce_app, name="workforce")


class TextOrJson(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


class ReportFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    XLSX = "xlsx"


def _console() -> Console:
    # Width comes from COLUMNS when set (tests fix it), otherwise from the terminal.
    return Console(highlight=False, soft_wrap=False)


def _catalogue(ctx: typer.Context) -> Catalogue:
    folders: list[Path] = ctx.obj or []
    with user_errors(StandardError):
        return Catalogue.load(*folders)


def _standard(ctx: typer.Context, standard_id: str, version: str | None) -> Standard:
    """The version asked for (the latest when `version` is None), or a one-line error."""
    catalogue = _catalogue(ctx)
    with user_errors(StandardError):
        return catalogue.get(standard_id, version)


@app.callback()
def main(
    ctx: typer.Context,
    standards: Annotated[
        list[Path] | None,
        typer.Option(
            "--standards",
            help="A folder of extra Standard files (a draft version, say). Repeatable. "
            "Also read from TRI_STANDARDS_PATH, folders separated by ':'.",
        ),
    ] = None,
) -> None:
    folders = [Path(p) for p in os.environ.get("TRI_STANDARDS_PATH", "").split(":") if p]
    ctx.obj = folders + list(standards or [])


def _write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    write(out, text.encode("utf-8"))


VersionOption = Annotated[
    str | None, typer.Option("--version", help="Version of the Standard (default: the latest).")
]
StandardOption = Annotated[str, typer.Option("--standard", help="Which Standard.")]
FormatOption = Annotated[TextOrJson, typer.Option("--format", help="Output format.")]


@standard_app.command("list")
def list_versions(ctx: typer.Context, output: FormatOption = TextOrJson.TEXT) -> None:
    """List the versions of the Standard available."""
    catalogue = _catalogue(ctx)
    if output is TextOrJson.JSON:
        sys.stdout.write(render.to_json(render.catalogue_dict(catalogue)))
    else:
        _console().print(render.catalogue_table(catalogue))


@standard_app.command("show")
def show(
    ctx: typer.Context,
    version: VersionOption = None,
    standard_id: StandardOption = CELC_TRI,
    output: FormatOption = TextOrJson.TEXT,
) -> None:
    """Show a whole version of the Standard: every category, range and descriptor."""
    standard = _standard(ctx, standard_id, version)
    findings = check_consistency(standard)
    if output is TextOrJson.JSON:
        sys.stdout.write(render.to_json(render.standard_dict(standard, findings)))
    else:
        _console().print(render.standard_text(standard, findings))


@standard_app.command("check")
def check(
    ctx: typer.Context,
    version: VersionOption = None,
    standard_id: StandardOption = CELC_TRI,
    output: FormatOption = TextOrJson.TEXT,
) -> None:
    """Check the Standard against itself. Exits 1 if it finds anything.

    Reports every category whose published score ranges differ from those the Standard's own
    methodology derives from its rows, and every row that repeats another.
    """
    standard = _standard(ctx, standard_id, version)
    findings = check_consistency(standard)
    if output is TextOrJson.JSON:
        sys.stdout.write(render.to_json([render.finding_dict(f) for f in findings]))
    else:
        _console().print(f"{standard.name}:", render.findings_text(findings))
    if findings:
        raise typer.Exit(1)


@app.command("score")
def score_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A response file, YAML or JSON.")],
    output: Annotated[
        ReportFormat, typer.Option("--format", help="Output format.")
    ] = ReportFormat.TEXT,
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Score a response file: points and level per category, and the next step for each row."""
    catalogue = _catalogue(ctx)
    with user_errors(StandardError):
        responses = load_responses(file)
        standard = catalogue.for_responses(responses)
        report = score(standard, responses)
    found = improvements(report)
    if output is ReportFormat.XLSX:
        if out is None:
            fail("--format xlsx needs --out FILE.xlsx")
        write(out, reports.report_xlsx(report, found))
    elif output is ReportFormat.JSON:
        _write_or_print(render.to_json(render.report_dict(report, found)), out)
    elif out is not None:
        buffer = io.StringIO()
        Console(file=buffer, width=120, highlight=False).print(render.report_text(report, found))
        write(out, buffer.getvalue().encode("utf-8"))
    else:
        _console().print(render.report_text(report, found))


@app.command("template")
def template(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="The response file to write.")],
    version: VersionOption = None,
    standard_id: StandardOption = CELC_TRI,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a blank response file, every row's descriptors as comments, to fill in by hand."""
    standard = _standard(ctx, standard_id, version)
    if out.exists() and not force:
        fail(f"{out}: already exists (use --force to overwrite it)")
    write(out, reports.template_yaml(standard).encode("utf-8"))
