"""Outputs of the engines shared by the command line and the web service.

Plain Python (with openpyxl for workbooks and jinja2 for HTML): no Django, no terminal rendering.

The workbook and HTML writers are loaded on first use: openpyxl takes a third of a second to
import, and `tri workforce metrics` on a million rows has two seconds in all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tri.reports.labels import category_level_label, level_label, ranges_text, report_heading
from tri.reports.template import template_yaml

if TYPE_CHECKING:
    from tri.reports.evaluation import evaluation_xlsx
    from tri.reports.tables import tables_xlsx
    from tri.reports.workforce import workforce_html, workforce_xlsx
    from tri.reports.xlsx import report_xlsx

_LAZY = {
    "evaluation_xlsx": "tri.reports.evaluation",
    "report_xlsx": "tri.reports.xlsx",
    "tables_xlsx": "tri.reports.tables",
    "workforce_html": "tri.reports.workforce",
    "workforce_xlsx": "tri.reports.workforce",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "category_level_label",
    "evaluation_xlsx",
    "level_label",
    "ranges_text",
    "report_heading",
    "report_xlsx",
    "tables_xlsx",
    "template_yaml",
    "workforce_html",
    "workforce_xlsx",
]
