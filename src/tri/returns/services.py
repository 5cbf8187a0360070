"""Changes to workforce returns and targets. Every write names its actor and leaves an audit
record; row-level data is only ever on disk, in the return's upload folder, until processed.

The flow: `receive_return` saves the uploaded files in TRI_RETURNS_DIR/<token>/ and checks
that each is the kind of return it was uploaded as (header only). The background task then
calls `process_return`, which runs the workforce engine, deletes the files and, only if every
row passed, stores the two forms of the figures. Until then, and if anything goes wrong, the
organisation's earlier figures stay exactly as they were.
"""

import logging
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.returns import queries
from tri.returns.enums import (
    STAGE_PROGRESS,
    FileRole,
    ReturnKind,
    ReturnStatus,
    Stage,
    TargetDirection,
)
from tri.returns.models import Target, WorkforceReturn
from tri.workforce import (
    EthnicityMap,
    Options,
    Problem,
    WorkforceError,
    aggregate_metrics,
    control,
    detect_kind,
    employee_metrics,
    population,
    read_aggregate,
    read_applications,
    read_employees,
)
from tri.workforce import ReturnKind as EngineKind
from tri.workforce.measures import measure_label

logger = logging.getLogger(__name__)

#: The suffixes the engine reads.
SUFFIXES = (".csv", ".xlsx", ".parquet")
#: A refused return lists at most this many problems.
MAX_PROBLEMS = 200
STOPPED = _(
    "Processing stopped part-way through: the worker that was processing this return stopped. "
    "Nothing was changed. The figures from earlier returns are as they were. The uploaded file "
    "has been deleted: upload it again."
)
CRASHED = _(
    "Something went wrong while processing this return, and it was not accepted. Nothing was "
    "changed and the uploaded file has been deleted. Try again; if it happens again, tell "
    "London Councils, quoting the return's number."
)


class ReturnRefusedError(ValidationError):
    """An upload refused before it was queued. Nothing was kept."""


def _require(actor: User, perm: str, obj: object) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(perm)


def upload_dir(return_: WorkforceReturn) -> Path:
    return Path(settings.TRI_RETURNS_DIR) / return_.token.hex


def progress_of(return_: WorkforceReturn) -> int:
    return STAGE_PROGRESS[Stage(return_.stage)]


# ---------------------------------------------------------------- receiving an upload


#: The suffixes a council's mapping of its own ethnicity labels may have.
MAPPING_SUFFIXES = (".csv", ".yaml", ".yml")
NOT_A_RETURN = _("%(name)s is not a CSV, XLSX or Parquet file. Save the return in one of those.")
NOT_A_MAPPING = _(
    "%(name)s is not a mapping file: use the CSV or YAML layout in the data standard."
)


def _save(
    upload: UploadedFile,
    folder: Path,
    *,
    suffixes: Sequence[str] = SUFFIXES,
    refusal: str = NOT_A_RETURN,
) -> Path:
    """Write an upload into its own folder under its own (made safe) name, so that the
    engine's messages name the file the person chose. Refused unless its suffix is one of
    `suffixes`."""
    name = get_valid_filename(Path(upload.name or "upload").name) or "upload"
    if Path(name).suffix.lower() not in suffixes:
        raise ReturnRefusedError(refusal % {"name": upload.name})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    temporary = getattr(upload, "temporary_file_path", None)
    if temporary is not None and upload.file is not None:
        upload.file.flush()
        shutil.move(temporary(), path)
    else:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return path


_KIND_NAMES = {
    EngineKind.EMPLOYEE: _("an employee return"),
    EngineKind.RECRUITMENT: _("a recruitment return (it has a stage_reached column)"),
    EngineKind.AGGREGATE: _("an aggregate return (it has a headcount column)"),
}


def _check_kinds(main: Path, recruitment: Path | None) -> EngineKind:
    kind = detect_kind(main)
    if kind == EngineKind.RECRUITMENT:
        raise ReturnRefusedError(
            _(
                "%(name)s looks like %(kind)s. Upload the employee or aggregate return as the "
                "return, and a recruitment return in the recruitment box."
            )
            % {"name": main.name, "kind": _KIND_NAMES[kind]}
        )
    if recruitment is not None:
        found = detect_kind(recruitment)
        if found != EngineKind.RECRUITMENT:
            raise ReturnRefusedError(
                _("%(name)s looks like %(kind)s, not a recruitment return.")
                % {"name": recruitment.name, "kind": _KIND_NAMES[found]}
            )
        if kind == EngineKind.AGGREGATE:
            raise ReturnRefusedError(
                _(
                    "A recruitment return goes with an employee return. %(name)s is an aggregate "
                    "return: upload it without the recruitment return."
                )
                % {"name": main.name}
            )
    return kind


def receive_return(
    *,
    organisation: Organisation,
    snapshot_on: date,
    upload: UploadedFile,
    recruitment: UploadedFile | None = None,
    mapping: UploadedFile | None = None,
    band_order: Sequence[str] = (),
    actor: User,
) -> WorkforceReturn:
    """Keep the files for the worker and queue the return. Raises ReturnRefusedError (nothing kept)
    if a file is not a kind of return the engine reads or is in the wrong box.

    Side effects: files written under TRI_RETURNS_DIR/<token>/; a queued WorkforceReturn; an
    audit record. The caller enqueues `tri.returns.tasks.process_return`.
    """
    _require(actor, "returns.upload_return", organisation)
    fail_stalled_returns()
    return_ = WorkforceReturn(
        organisation=organisation,
        snapshot_on=snapshot_on,
        uploaded_by=actor,
        band_order=list(band_order),
        population_code=_population_code(organisation),
    )
    folder = upload_dir(return_)
    try:
        main = _save(upload, folder / FileRole.RETURN)
        other = _save(recruitment, folder / FileRole.RECRUITMENT) if recruitment else None
        if mapping is not None:
            _save(
                mapping,
                folder / FileRole.MAPPING,
                suffixes=MAPPING_SUFFIXES,
                refusal=NOT_A_MAPPING,
            )
        kind = _check_kinds(main, other)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return_.kind = ReturnKind.AGGREGATE if kind == EngineKind.AGGREGATE else ReturnKind.EMPLOYEE
    return_.files = [
        {"role": role, "name": item.name, "size": item.size}
        for role, item in (
            (FileRole.RETURN, upload),
            (FileRole.RECRUITMENT, recruitment),
            (FileRole.MAPPING, mapping),
        )
        if item is not None
    ]
    with transaction.atomic():
        return_.save()
        record(
            actor=actor,
            organisation=organisation,
            verb=Verb.RETURN_UPLOADED,
            target=return_,
            data={"snapshot_on": snapshot_on.isoformat(), "files": return_.files},
        )
    return return_


def _population_code(organisation: Organisation) -> str:
    """The organisation's own area if the engine knows its population; London otherwise."""
    code = organisation.ons_code or ""
    if code:
        try:
            population(code)
        except WorkforceError:
            return "london"
        return code
    return "london"


# ---------------------------------------------------------------- processing


def _advance(return_: WorkforceReturn, stage: Stage) -> None:
    """Record progress, and that the worker is alive, in its own small write."""
    now = timezone.now()
    WorkforceReturn.objects.filter(pk=return_.pk, status=ReturnStatus.PROCESSING).update(
        stage=stage, heartbeat_at=now
    )
    return_.stage = stage
    return_.heartbeat_at = now


def _only(folder: Path) -> Path | None:
    if not folder.is_dir():
        return None
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return files[0] if files else None


@dataclass(frozen=True)
class Figures:
    kind: str
    full: dict[str, Any]
    published: dict[str, Any]


def compute_figures(
    return_: WorkforceReturn, folder: Path, on_stage: Callable[[Stage], None]
) -> Figures:
    """Run the engine over the uploaded files. Raises WorkforceError for a bad return."""
    main = _only(folder / FileRole.RETURN)
    if main is None:
        raise FileNotFoundError(folder)
    recruitment = _only(folder / FileRole.RECRUITMENT)
    mapping = _only(folder / FileRole.MAPPING)
    ethnicity = EthnicityMap.standard()
    if mapping is not None:
        ethnicity = ethnicity.with_local(mapping)
    bands = list(return_.band_order) or None
    options = Options(
        population=population(return_.population_code or "london"),
        year=return_.snapshot_on.year,
    )
    on_stage(Stage.READING)
    if detect_kind(main) == EngineKind.AGGREGATE:
        aggregate = read_aggregate(main, ethnicity=ethnicity, bands=bands)
        on_stage(Stage.COMPUTING)
        report = aggregate_metrics(aggregate, options)
        kind = ReturnKind.AGGREGATE
    else:
        employees = read_employees(main, ethnicity=ethnicity, bands=bands)
        applications = read_applications(recruitment, ethnicity=ethnicity) if recruitment else None
        on_stage(Stage.COMPUTING)
        report = employee_metrics(employees, applications, options)
        kind = ReturnKind.EMPLOYEE
    on_stage(Stage.PROTECTING)
    published = control(report)
    return Figures(kind, dict(report.as_json()), dict(published.as_json()))


def problem_rows(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    """Problems as stored: where and what, without the cell values (which are the person's
    data), except ethnicity labels, which are vocabulary the council needs to map."""
    rows = []
    for problem in problems[:MAX_PROBLEMS]:
        keep_values = problem.column in ("ethnicity", "label", "category")
        rows.append(
            {
                "file": problem.file,
                "column": problem.column or "",
                "message": problem.message,
                "rows": [row for row, _value in problem.rows],
                "values": [value for _row, value in problem.rows if value is not None]
                if keep_values
                else [],
                "count": max(problem.count, len(problem.rows)),
            }
        )
    return rows


def process_return(*, return_id: int) -> WorkforceReturn | None:
    """Compute a queued return's figures and keep them if every row passed.

    Side effects: the upload folder is deleted whatever happens; on success the figures are
    stored, an earlier accepted return for the same snapshot date is superseded (its figures
    dropped) and an audit record is written; on failure the problems are stored (without cell
    values). Does nothing to a return that is not queued (already processed, or stopped).
    """
    with transaction.atomic():
        try:
            return_ = WorkforceReturn.objects.select_for_update().get(pk=return_id)
        except WorkforceReturn.DoesNotExist:
            return None
        if return_.status != ReturnStatus.QUEUED:
            return return_
        now = timezone.now()
        return_.status = ReturnStatus.PROCESSING
        return_.started_at = now
        return_.heartbeat_at = now
        return_.save(update_fields=["status", "started_at", "heartbeat_at"])
    fail_stalled_returns()
    folder = upload_dir(return_)
    try:
        figures = compute_figures(return_, folder, lambda stage: _advance(return_, stage))
    except WorkforceError as error:
        shutil.rmtree(folder, ignore_errors=True)
        return _refuse(return_, problems=problem_rows(error.problems))
    except FileNotFoundError:
        return _refuse(return_, error=STOPPED)
    except Exception:
        logger.exception("Workforce return %s could not be processed", return_.pk)
        shutil.rmtree(folder, ignore_errors=True)
        return _refuse(return_, error=CRASHED)
    _advance(return_, Stage.SAVING)
    shutil.rmtree(folder, ignore_errors=True)
    return _accept(return_, figures)


def _accept(return_: WorkforceReturn, figures: Figures) -> WorkforceReturn:
    with transaction.atomic():
        return_ = WorkforceReturn.objects.select_for_update().get(pk=return_.pk)
        if return_.status != ReturnStatus.PROCESSING:  # stopped meanwhile: leave it so
            return return_
        WorkforceReturn.objects.filter(
            organisation_id=return_.organisation_id,
            snapshot_on=return_.snapshot_on,
            status=ReturnStatus.COMPLETE,
        ).update(status=ReturnStatus.SUPERSEDED, full=None, published=None)
        return_.status = ReturnStatus.COMPLETE
        return_.stage = Stage.DONE
        return_.kind = figures.kind
        return_.full = figures.full
        return_.published = figures.published
        headcount = figures.full.get("headcount")
        return_.headcount = headcount if isinstance(headcount, int) else None
        return_.finished_at = timezone.now()
        return_.save()
        record(
            actor=return_.uploaded_by,
            organisation=return_.organisation,
            verb=Verb.RETURN_ACCEPTED,
            target=return_,
            data={
                "snapshot_on": return_.snapshot_on.isoformat(),
                "headcount": return_.headcount,
            },
        )
    return return_


def _refuse(
    return_: WorkforceReturn, *, problems: list[dict[str, Any]] | None = None, error: str = ""
) -> WorkforceReturn:
    with transaction.atomic():
        return_ = WorkforceReturn.objects.select_for_update().get(pk=return_.pk)
        if return_.status not in (ReturnStatus.QUEUED, ReturnStatus.PROCESSING):
            return return_
        return_.status = ReturnStatus.FAILED
        return_.problems = problems or []
        return_.error = error
        return_.finished_at = timezone.now()
        return_.save()
        record(
            actor=return_.uploaded_by,
            organisation=return_.organisation,
            verb=Verb.RETURN_REFUSED,
            target=return_,
            data={"problems": len(return_.problems), "stopped": bool(error)},
        )
    return return_


def fail_stalled_returns() -> int:
    """Mark returns whose worker stopped reporting as not accepted, and delete their files.
    Returns how many there were. Safe to call from anywhere, any number of times."""
    count = 0
    for return_ in queries.stalled():
        shutil.rmtree(upload_dir(return_), ignore_errors=True)
        if _refuse(return_, error=STOPPED).status == ReturnStatus.FAILED:
            count += 1
    return count


#: An upload folder without a return is only deleted once it is this old (seconds): a folder
#: being written by an upload in progress has no return yet.
ORPHAN_AGE = 3600


def delete_orphaned_uploads(*, older_than: float = ORPHAN_AGE) -> int:
    """Delete upload folders that no waiting or running return owns (left by a crash between
    saving the files and queueing the return). Returns how many were deleted."""
    root = Path(settings.TRI_RETURNS_DIR)
    cutoff = time.time() - older_than
    if not root.is_dir():
        return 0
    live = {
        token.hex
        for token in WorkforceReturn.objects.filter(
            status__in=(ReturnStatus.QUEUED, ReturnStatus.PROCESSING)
        ).values_list("token", flat=True)
    }
    count = 0
    for folder in root.iterdir():
        if folder.name not in live and folder.stat().st_mtime < cutoff:
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
            count += 1
    return count


# ---------------------------------------------------------------- targets


def _clean_target(measure: str, milestones: Mapping[int, float]) -> dict[str, float]:
    try:
        measure_label(measure)
    except ValueError as error:
        raise ValidationError({"measure": str(error)}) from None
    if not milestones:
        raise ValidationError({"milestones": _("Enter at least one year and value.")})
    return {str(year): float(value) for year, value in sorted(milestones.items())}


@transaction.atomic
def set_target(
    *,
    organisation: Organisation,
    measure: str,
    direction: str,
    milestones: Mapping[int, float],
    note: str = "",
    actor: User,
) -> Target:
    """Add a target. Side effects: an audit record."""
    _require(actor, "returns.manage_targets", organisation)
    target = Target.objects.create(
        organisation=organisation,
        measure=measure,
        direction=TargetDirection(direction),
        milestones=_clean_target(measure, milestones),
        note=note.strip(),
        created_by=actor,
    )
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.TARGET_SET,
        target=target,
        data={"measure": measure, "milestones": target.milestones, "direction": direction},
    )
    return target


@transaction.atomic
def change_target(
    *,
    target: Target,
    direction: str,
    milestones: Mapping[int, float],
    note: str = "",
    actor: User,
) -> Target:
    """Change a target's trajectory. Side effects: an audit record with before and after."""
    _require(actor, "returns.manage_targets", target.organisation)
    before = {"milestones": target.milestones, "direction": target.direction, "note": target.note}
    target.milestones = _clean_target(target.measure, milestones)
    target.direction = TargetDirection(direction)
    target.note = note.strip()
    target.save()
    record(
        actor=actor,
        organisation=target.organisation,
        verb=Verb.TARGET_CHANGED,
        target=target,
        data={
            "before": before,
            "after": {
                "milestones": target.milestones,
                "direction": target.direction,
                "note": target.note,
            },
        },
    )
    return target


@transaction.atomic
def remove_target(*, target: Target, actor: User) -> Target:
    """Stop showing a target (kept for the audit trail). Side effects: an audit record."""
    _require(actor, "returns.manage_targets", target.organisation)
    target.removed_at = timezone.now()
    target.save(update_fields=["removed_at"])
    record(
        actor=actor,
        organisation=target.organisation,
        verb=Verb.TARGET_REMOVED,
        target=target,
        data={"measure": target.measure},
    )
    return target
