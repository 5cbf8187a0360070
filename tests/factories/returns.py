"""Workforce returns for tests: real files from the synthetic generator, uploaded and processed
through the services (the test settings run tasks immediately)."""

import io
from datetime import date
from pathlib import Path

import polars as pl
from django.core.files.uploadedfile import SimpleUploadedFile

from tri.accounts.models import User
from tri.organisations.models import Organisation
from tri.reports.frames import write_table
from tri.returns import services, tasks
from tri.returns.models import WorkforceReturn
from tri.workforce import generate


def employee_frame(
    rows: int = 400, *, seed: int = 1, snapshot: date = date(2025, 3, 31)
) -> pl.DataFrame:
    return generate.employees(rows, seed=seed, snapshot=snapshot)


def csv_bytes(frame: pl.DataFrame, tmp_path: Path, name: str = "return.csv") -> bytes:
    path = tmp_path / name
    write_table(frame, path)
    return path.read_bytes()


def upload_file(content: bytes, name: str = "staff.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def upload(
    organisation: Organisation,
    actor: User,
    content: bytes,
    *,
    snapshot_on: date = date(2025, 3, 31),
    name: str = "staff.csv",
    recruitment: bytes | None = None,
) -> WorkforceReturn:
    """Receive and process a return, as the upload page and the worker do."""
    return_ = services.receive_return(
        organisation=organisation,
        snapshot_on=snapshot_on,
        upload=upload_file(content, name),
        recruitment=upload_file(recruitment, "applications.csv") if recruitment else None,
        actor=actor,
    )
    tasks.process_return.enqueue(return_.pk)
    return_.refresh_from_db()
    return return_


def applications_bytes(rows: int = 300, *, seed: int = 2) -> bytes:
    out = io.BytesIO()
    generate.applications(rows, seed=seed).write_csv(out)
    return out.getvalue()
