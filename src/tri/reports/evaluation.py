"""The evaluation report for CELC on one round, as a workbook and as chart geometry.

Both walk the same `tri.scheme.Evaluation`, so the spreadsheet and the web page agree. Labels
of organisations come from the evaluation as they are: anonymous unless it was built named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from tri.reports.charts import BarChart, Series, bar_chart
from tri.reports.sheets import BOLD, TITLE, WRAP, header, widths
from tri.scheme import Evaluation

#: What each kind of feedback is called; kinds not listed are shown with their key made
#: readable ("hard_to_evidence" → "Hard to evidence").
FEEDBACK_KIND_LABELS: Mapping[str, str] = {
    "unclear": "Unclear",
    "duplicated": "Duplicated",
    "hard_to_evidence": "Too hard to evidence",
    "suggestion": "Suggestion",
}

#: The sheets of the workbook, in order.
SHEETS: tuple[str, ...] = (
    "Summary",
    "Participation",
    "Levels",
    "Peer review",
    "Most challenged",
    "Feedback",
    "Change since last round",
)

LEVEL_SERIES: tuple[Series, ...] = (
    Series("developing", "Developing"),
    Series("established", "Established"),
    Series("leading", "Leading"),
    Series("not-assessed", "Not assessed"),
)
MOVEMENT_SERIES: tuple[Series, ...] = (
    Series("peer", "Self-assessed to peer-reviewed"),
    Series("final", "Self-assessed to final"),
)
CHALLENGED_SERIES: tuple[Series, ...] = (Series("challenged", "Times challenged"),)

_DATE = "d mmm yyyy"


def kind_label(kind: str, labels: Mapping[str, str] | None = None) -> str:
    """The name of a kind of feedback a person reads: from `labels`, else the defaults."""
    found = {**FEEDBACK_KIND_LABELS, **(labels or {})}.get(kind)
    return str(found) if found else kind.replace("_", " ").capitalize()


def organisations_note(evaluation: Evaluation) -> str:
    """Says plainly whether the report names organisations."""
    if evaluation.is_named:
        return "Organisations are named in this report."
    return (
        "Organisations are anonymised in this report: each appears as "
        "“Organisation A”, “Organisation B” and so on."
    )


# ---------------------------------------------------------------- charts


@dataclass(frozen=True, slots=True)
class EvaluationCharts:
    """The report's charts; `challenged` is None when no criterion was challenged."""

    levels: BarChart
    movement: BarChart
    challenged: BarChart | None


def evaluation_charts(evaluation: Evaluation) -> EvaluationCharts:
    """Stacked bars of the levels reached per category, grouped diverging bars of the net change
    in points that peer review and moderation made per category, and plain bars of the criteria
    most often challenged."""
    levels = bar_chart(
        [
            (
                f"Category {row.category_id}",
                (row.developing, row.established, row.leading, row.not_assessed),
            )
            for row in evaluation.levels
        ],
        series=LEVEL_SERIES,
        axis_label="Number of organisations",
    )
    movement = bar_chart(
        [
            (f"Category {row.category_id}", (row.self_to_peer, row.self_to_final))
            for row in evaluation.movement
        ],
        series=MOVEMENT_SERIES,
        stacked=False,
        bar_height=22,
        axis_label="Net change in points, all organisations",
    )
    challenged = (
        bar_chart(
            [
                (f"Criterion {row.criterion_id}", (row.challenged,))
                for row in evaluation.most_challenged
            ],
            series=CHALLENGED_SERIES,
            label_width=130,
            axis_label="Times challenged",
        )
        if evaluation.most_challenged
        else None
    )
    return EvaluationCharts(levels=levels, movement=movement, challenged=challenged)


# ---------------------------------------------------------------- workbook


def evaluation_xlsx(
    evaluation: Evaluation, *, kind_labels: Mapping[str, str] | None = None
) -> bytes:
    """The evaluation as a workbook: a summary sheet, then one sheet per table of the report
    (see SHEETS), each with a bold header row frozen in place."""
    workbook = Workbook()
    _summary(workbook.worksheets[0], evaluation)
    _participation(workbook.create_sheet(SHEETS[1]), evaluation)
    _levels(workbook.create_sheet(SHEETS[2]), evaluation)
    _movement(workbook.create_sheet(SHEETS[3]), evaluation)
    _challenged(workbook.create_sheet(SHEETS[4]), evaluation)
    _feedback(workbook.create_sheet(SHEETS[5]), evaluation, kind_labels)
    _changes(workbook.create_sheet(SHEETS[6]), evaluation)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _title(evaluation: Evaluation) -> str:
    return f"Evaluation of {evaluation.round_name}: {evaluation.standard_name}"


def _format(sheet: Worksheet, column: int, number_format: str, first_row: int) -> None:
    for row in range(first_row, sheet.max_row + 1):
        sheet.cell(row, column).number_format = number_format


def _summary(sheet: Worksheet, evaluation: Evaluation) -> None:
    sheet.title = SHEETS[0]
    sheet.append([_title(evaluation)])
    sheet["A1"].font = TITLE
    sheet.append([organisations_note(evaluation)])
    sheet.append([])
    rows: list[tuple[str, str | int | float | date | None, str | None]] = [
        ("Round", evaluation.round_name, None),
        ("Standard", evaluation.standard_name, None),
        ("Round opened on", evaluation.opens_on, _DATE),
        ("Organisations named", "Yes" if evaluation.is_named else "No", None),
        ("Organisations invited", evaluation.invited, None),
        ("Started", evaluation.started, None),
        ("Signed off and submitted", evaluation.submitted, None),
        ("Scores confirmed as final", evaluation.final, None),
        ("Criteria answered, all organisations (%)", evaluation.completion, "0.0"),
        ("Median days from opening to sign-off", evaluation.median_days_to_submit, "0.0"),
        ("Levels used", evaluation.level_basis, None),
    ]
    for label, value, number_format in rows:
        sheet.append([label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
        if number_format:
            sheet.cell(sheet.max_row, 2).number_format = number_format
        sheet.cell(sheet.max_row, 2).alignment = Alignment(horizontal="left", wrap_text=True)
    widths(sheet, (42, 70))


def _participation(sheet: Worksheet, evaluation: Evaluation) -> None:
    header(
        sheet,
        (
            "Organisation",
            "Status",
            "Criteria answered",
            "Criteria in the Standard",
            "Completion (%)",
            "Signed off on",
            "Days to sign-off",
            "Levels used",
        ),
    )
    for row in evaluation.participants:
        sheet.append(
            [
                row.label,
                row.status,
                row.answered,
                row.total,
                row.completion,
                row.submitted_on,
                row.days_to_submit,
                row.basis.capitalize(),
            ]
        )
    _format(sheet, 5, "0.0", 2)
    _format(sheet, 6, _DATE, 2)
    widths(sheet, (36, 14, 12, 12, 12, 14, 12, 16))


def _levels(sheet: Worksheet, evaluation: Evaluation) -> None:
    sheet.append([f"Levels used: {evaluation.level_basis}."])
    sheet.append([])
    header(
        sheet,
        (
            "Category",
            "Title",
            "Developing",
            "Established",
            "Leading",
            "Not assessed",
            "Median points",
        ),
    )
    first = sheet.max_row + 1
    for row in evaluation.levels:
        sheet.append(
            [
                row.category_id,
                row.title,
                row.developing,
                row.established,
                row.leading,
                row.not_assessed,
                row.median_points,
            ]
        )
    _format(sheet, 7, "0.0", first)
    widths(sheet, (10, 40, 12, 12, 12, 12, 12))


def _movement(sheet: Worksheet, evaluation: Evaluation) -> None:
    header(
        sheet,
        (
            "Category",
            "Title",
            "Criteria judged by peer reviewers",
            "Criteria challenged",
            "Share challenged",
            "Net change in points, self-assessed to peer-reviewed",
            "Net change in points, self-assessed to final",
        ),
    )
    for row in evaluation.movement:
        sheet.append(
            [
                row.category_id,
                row.title,
                row.reviewed,
                row.challenged,
                row.challenge_share,
                row.self_to_peer,
                row.self_to_final,
            ]
        )
    _format(sheet, 5, "0.0%", 2)
    widths(sheet, (10, 40, 14, 12, 12, 18, 18))


def _challenged(sheet: Worksheet, evaluation: Evaluation) -> None:
    header(sheet, ("Criterion", "Summary", "Times challenged", "Times judged"))
    for row in evaluation.most_challenged:
        sheet.append([row.criterion_id, row.summary, row.challenged, row.judged])
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    if not evaluation.most_challenged:
        sheet.append(["No criterion has been challenged."])
    widths(sheet, (10, 70, 12, 12))


def _feedback(
    sheet: Worksheet, evaluation: Evaluation, kind_labels: Mapping[str, str] | None
) -> None:
    kinds = [kind_label(kind, kind_labels) for kind in evaluation.feedback_kinds]
    header(sheet, ("Criterion or category", "Title", *kinds, "Total"))
    for row in evaluation.feedback:
        sheet.append([row.subject, row.title, *row.counts, row.total])
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    if not evaluation.feedback:
        sheet.append(["No feedback has been left on this version of the Standard."])
    widths(sheet, (12, 60, *(14 for _ in kinds), 10))


def _changes(sheet: Worksheet, evaluation: Evaluation) -> None:
    sheet.append(
        [
            "Points now minus points in the earlier round, per category, for organisations "
            "with final scores in that round. Blank: the earlier version had no such category."
        ]
    )
    sheet.append([])
    header(sheet, ("Organisation", *(f"Category {id_}" for id_ in evaluation.category_ids)))
    for row in evaluation.changes:
        sheet.append([row.label, *row.changes])
    if not evaluation.changes:
        sheet.append(["No organisation has final scores from an earlier round."])
    widths(sheet, (36, *(12 for _ in evaluation.category_ids)))
