"""Outputs of the Standard engine shared by the command line and the web service.

Plain Python (with openpyxl for workbooks): no Django, no terminal rendering.
"""

from tri.reports.evaluation import evaluation_xlsx
from tri.reports.labels import category_level_label, level_label, ranges_text, report_heading
from tri.reports.template import template_yaml
from tri.reports.xlsx import report_xlsx

__all__ = [
    "category_level_label",
    "evaluation_xlsx",
    "level_label",
    "ranges_text",
    "report_heading",
    "report_xlsx",
    "template_yaml",
]
