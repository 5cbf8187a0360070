"""Workforce metrics as an HTML report and an xlsx workbook (being written)."""

from __future__ import annotations

from typing import Any


def workforce_html(data: dict[str, Any]) -> str:
    raise NotImplementedError


def workforce_xlsx(data: dict[str, Any]) -> bytes:
    raise NotImplementedError
