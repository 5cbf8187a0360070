"""Receiving and processing workforce returns: what is kept, what is refused, and that an
organisation's earlier figures survive every kind of failure."""

import json
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest
from django.apps import apps
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import coordinator, org_with_roles
from tests.factories.returns import (
    applications_bytes,
    csv_bytes,
    employee_frame,
    upload,
    upload_file,
)
from tri.common.enums import Verb
from tri.common.models import AuditEvent
from tri.returns import queries, services, tasks
from tri.returns.enums import ReturnKind, ReturnStatus, Stage
from tri.returns.models import WorkforceReturn

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LAST_YEAR = date(2024, 3, 31)
THIS_YEAR = date(2025, 3, 31)


@pytest.fixture
def own():  # type: ignore[no-untyped-def]
    return org_with_roles(slug="own")


@pytest.fixture
def accepted(own, tmp_path):  # type: ignore[no-untyped-def]
    """An accepted return from last year: the figures every failure must leave alone."""
    return upload(
        own.organisation,
        own.editor,
        csv_bytes(employee_frame(seed=3), tmp_path),
        snapshot_on=LAST_YEAR,
    )


def _everything_in_the_database() -> str:
    """Every row of every table, as JSON: what a person with the database would have."""
    return "\n".join(
        serializers.serialize("json", m._default_manager.all()) for m in apps.get_models()
    )


def _everything_on_disk(*folders: Path) -> bytes:
    found = []
    for folder in folders:
        if folder.exists():
            found += [p.read_bytes() for p in folder.rglob("*") if p.is_file()]
    return b"\n".join(found)


def test_an_accepted_return_keeps_both_forms_of_the_figures_and_deletes_the_file(
    own, tmp_path, returns_dir
):  # type: ignore[no-untyped-def]
    return_ = upload(own.organisation, own.editor, csv_bytes(employee_frame(), tmp_path))

    assert return_.status == ReturnStatus.COMPLETE
    assert return_.stage == Stage.DONE
    assert return_.kind == ReturnKind.EMPLOYEE
    assert return_.full is not None
    assert return_.published is not None
    assert return_.full["settings"]["suppression"] is False
    assert return_.published["settings"]["suppression"] is True
    assert return_.headcount == return_.full["headcount"]
    assert return_.files == [
        {"role": "return", "name": "staff.csv", "size": return_.files[0]["size"]}
    ]
    assert list(returns_dir.iterdir()) == []
    verbs = list(
        AuditEvent.objects.filter(
            target_type="returns.workforcereturn", target_id=str(return_.pk)
        ).values_list("verb", flat=True)
    )
    assert sorted(verbs) == sorted([Verb.RETURN_UPLOADED, Verb.RETURN_ACCEPTED])


def test_no_row_level_value_survives_in_the_database_or_on_disk(
    own, tmp_path, returns_dir, settings
):  # type: ignore[no-untyped-def]
    frame = employee_frame(500, seed=7)
    refs = [f"PLANTED-REF-{i:05d}" for i in range(frame.height)]
    # A pay no aggregate can equal: the highest earner's, with odd pence; a start date nobody
    # else has; a leaving reason written in free text.
    top = frame["hourly_pay"].max()
    assert isinstance(top, float)
    planted_pay = round(top + 123.4567, 2)
    frame = frame.with_columns(
        pl.Series("employee_ref", refs),
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit(planted_pay))
        .otherwise(pl.col("hourly_pay"))
        .alias("hourly_pay"),
        pl.when(pl.int_range(pl.len()) == 1)
        .then(pl.lit(date(1987, 6, 5)))
        .otherwise(pl.col("started_on"))
        .alias("started_on"),
    )
    applications = applications_bytes(200).replace(b"\n", b"\n", 1)

    return_ = upload(
        own.organisation, own.editor, csv_bytes(frame, tmp_path), recruitment=applications
    )

    assert return_.status == ReturnStatus.COMPLETE
    database = _everything_in_the_database()
    disk = _everything_on_disk(returns_dir, Path(settings.VAR_DIR) / "returns")
    for secret in [*refs[:50], refs[-1], f"{planted_pay}", "1987-06-05"]:
        assert secret not in database, secret
        assert secret.encode() not in disk, secret
    assert list(returns_dir.iterdir()) == []


def test_a_bad_row_refuses_the_return_keeps_no_cell_value_and_leaves_last_years_figures(
    own, accepted, tmp_path, returns_dir
):  # type: ignore[no-untyped-def]
    frame = employee_frame(300, seed=5).with_columns(pl.col("hourly_pay").cast(pl.String))
    frame = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == 4)
        .then(pl.lit("PLANTED-NOT-A-NUMBER"))
        .otherwise(pl.col("hourly_pay"))
        .alias("hourly_pay")
    )
    before = WorkforceReturn.objects.get(pk=accepted.pk)

    refused = upload(
        own.organisation, own.editor, csv_bytes(frame, tmp_path), snapshot_on=THIS_YEAR
    )

    assert refused.status == ReturnStatus.FAILED
    assert refused.full is None
    assert refused.published is None
    [problem] = [p for p in refused.problems if p["column"] == "hourly_pay"]
    assert problem["rows"] == [6]  # the header is row 1, so the fifth record is row 6
    assert problem["message"] == "is not a number"
    assert problem["values"] == []
    assert "PLANTED-NOT-A-NUMBER" not in _everything_in_the_database()
    assert list(returns_dir.iterdir()) == []
    after = WorkforceReturn.objects.get(pk=accepted.pk)
    assert (after.status, after.full, after.published) == (
        ReturnStatus.COMPLETE,
        before.full,
        before.published,
    )
    assert list(queries.visible_snapshots(own.editor, own.organisation)) == [after]


def test_an_unmapped_ethnicity_label_is_named_so_it_can_be_mapped(own, accepted, tmp_path):  # type: ignore[no-untyped-def]
    frame = employee_frame(300, seed=5).with_columns(
        pl.when(pl.int_range(pl.len()) < 3)
        .then(pl.lit("BAME"))
        .otherwise(pl.col("ethnicity"))
        .alias("ethnicity")
    )

    refused = upload(
        own.organisation, own.editor, csv_bytes(frame, tmp_path), snapshot_on=THIS_YEAR
    )

    assert refused.status == ReturnStatus.FAILED
    [problem] = refused.problems
    assert (problem["column"], problem["rows"], problem["count"]) == ("ethnicity", [2, 3, 4], 3)
    assert problem["values"] == ["BAME", "BAME", "BAME"]
    assert WorkforceReturn.objects.get(pk=accepted.pk).status == ReturnStatus.COMPLETE


def test_a_mapping_file_maps_a_councils_own_label(own, tmp_path):  # type: ignore[no-untyped-def]
    frame = employee_frame(300, seed=5).with_columns(
        pl.when(pl.col("ethnicity") == "Indian")
        .then(pl.lit("Asian - Indian (HR code 12)"))
        .otherwise(pl.col("ethnicity"))
        .alias("ethnicity")
    )
    mapping = b"label,category\nAsian - Indian (HR code 12),Indian\n"
    return_ = services.receive_return(
        organisation=own.organisation,
        snapshot_on=THIS_YEAR,
        upload=upload_file(csv_bytes(frame, tmp_path)),
        mapping=upload_file(mapping, "our-labels.csv"),
        actor=own.editor,
    )
    tasks.process_return.enqueue(return_.pk)
    return_.refresh_from_db()

    assert return_.status == ReturnStatus.COMPLETE, return_.problems
    assert return_.full is not None
    assert return_.full["profile"]["categories"]["Indian"]["count"] > 0


@pytest.mark.parametrize(
    ("main", "recruitment", "message"),
    [
        ("applications", None, "looks like a recruitment return"),
        ("employees", "employees", "not a recruitment return"),
        ("aggregate", "applications", "A recruitment return goes with an employee return"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_before_anything_is_kept(
    own, tmp_path, returns_dir, main, recruitment, message
):  # type: ignore[no-untyped-def]
    files = {
        "employees": csv_bytes(employee_frame(50), tmp_path),
        "applications": applications_bytes(50),
        "aggregate": b"ethnicity,pay_band,headcount\nAsian,1,12\nWhite,1,20\n",
    }

    with pytest.raises(services.ReturnRefusedError) as refused:
        services.receive_return(
            organisation=own.organisation,
            snapshot_on=THIS_YEAR,
            upload=upload_file(files[main], f"{main}.csv"),
            recruitment=upload_file(files[recruitment], "r.csv") if recruitment else None,
            actor=own.editor,
        )

    assert message in " ".join(refused.value.messages)
    assert WorkforceReturn.objects.count() == 0
    assert not returns_dir.exists() or list(returns_dir.iterdir()) == []


def test_a_file_that_is_not_a_table_is_refused(own, returns_dir):  # type: ignore[no-untyped-def]
    with pytest.raises(services.ReturnRefusedError, match="not a CSV, XLSX or Parquet"):
        services.receive_return(
            organisation=own.organisation,
            snapshot_on=THIS_YEAR,
            upload=upload_file(b"%PDF-1.7", "staff.pdf"),
            actor=own.editor,
        )
    assert WorkforceReturn.objects.count() == 0


def test_a_mapping_that_is_not_csv_or_yaml_is_refused(own, tmp_path, returns_dir):  # type: ignore[no-untyped-def]
    with pytest.raises(services.ReturnRefusedError, match=r"labels\.txt is not a mapping file"):
        services.receive_return(
            organisation=own.organisation,
            snapshot_on=THIS_YEAR,
            upload=upload_file(csv_bytes(employee_frame(50), tmp_path)),
            mapping=upload_file(b"BAME=Other", "labels.txt"),
            actor=own.editor,
        )
    assert WorkforceReturn.objects.count() == 0
    assert not returns_dir.exists() or list(returns_dir.iterdir()) == []


def test_only_an_editor_may_upload(own, tmp_path):  # type: ignore[no-untyped-def]
    for person in (own.viewer, own.approver, coordinator()):
        with pytest.raises(PermissionDenied):
            services.receive_return(
                organisation=own.organisation,
                snapshot_on=THIS_YEAR,
                upload=upload_file(b"ethnicity,pay_band,headcount\n"),
                actor=person,
            )


def test_a_worker_killed_part_way_leaves_earlier_figures_and_says_what_happened(
    own, accepted, tmp_path, returns_dir, settings
):  # type: ignore[no-untyped-def]
    return_ = services.receive_return(
        organisation=own.organisation,
        snapshot_on=THIS_YEAR,
        upload=upload_file(csv_bytes(employee_frame(), tmp_path)),
        actor=own.editor,
    )
    # What a worker leaves when it dies while computing: the return marked as processing, its
    # file on disk, and no word from it since.
    long_ago = timezone.now() - timedelta(seconds=settings.TRI_RETURN_STALE_SECONDS + 1)
    WorkforceReturn.objects.filter(pk=return_.pk).update(
        status=ReturnStatus.PROCESSING, stage=Stage.COMPUTING, heartbeat_at=long_ago
    )
    return_.refresh_from_db()
    assert queries.is_stalled(return_)
    assert services.upload_dir(return_).exists()

    assert services.fail_stalled_returns() == 1

    return_.refresh_from_db()
    assert return_.status == ReturnStatus.FAILED
    assert return_.error == services.STOPPED
    assert not services.upload_dir(return_).exists()
    assert WorkforceReturn.objects.get(pk=accepted.pk).status == ReturnStatus.COMPLETE
    # A late word from the dead worker's task changes nothing.
    late = services.process_return(return_id=return_.pk)
    assert late is not None
    assert late.status == ReturnStatus.FAILED
    assert services.fail_stalled_returns() == 0


def test_an_error_in_the_engine_is_reported_without_a_traceback(
    own, accepted, tmp_path, monkeypatch, returns_dir
):  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "employee_metrics", broken)
    refused = upload(
        own.organisation, own.editor, csv_bytes(employee_frame(), tmp_path), snapshot_on=THIS_YEAR
    )

    assert refused.status == ReturnStatus.FAILED
    assert refused.error == services.CRASHED
    assert "disk on fire" not in refused.error
    assert list(returns_dir.iterdir()) == []
    assert WorkforceReturn.objects.get(pk=accepted.pk).status == ReturnStatus.COMPLETE


def test_a_new_return_for_the_same_date_replaces_the_old_once_accepted(own, accepted, tmp_path):  # type: ignore[no-untyped-def]
    newer = upload(
        own.organisation,
        own.editor,
        csv_bytes(employee_frame(seed=9), tmp_path),
        snapshot_on=LAST_YEAR,
    )

    old = WorkforceReturn.objects.get(pk=accepted.pk)
    assert (old.status, old.full, old.published) == (ReturnStatus.SUPERSEDED, None, None)
    assert list(queries.visible_snapshots(own.editor, own.organisation)) == [newer]


def test_processing_twice_does_nothing_the_second_time(own, accepted):  # type: ignore[no-untyped-def]
    again = services.process_return(return_id=accepted.pk)
    assert again is not None
    assert again.status == ReturnStatus.COMPLETE
    assert services.process_return(return_id=999999) is None


def test_orphaned_upload_folders_are_deleted_but_not_fresh_ones(own, returns_dir):  # type: ignore[no-untyped-def]
    (returns_dir / "deadbeef").mkdir(parents=True)
    (returns_dir / "deadbeef" / "staff.csv").write_text("employee_ref\n1\n")

    assert services.delete_orphaned_uploads() == 0  # a folder being written has no return yet
    assert services.delete_orphaned_uploads(older_than=-1) == 1
    assert list(returns_dir.iterdir()) == []


def test_figures_for_gives_full_figures_only_to_the_organisations_own_people(own, accepted):  # type: ignore[no-untyped-def]
    other = org_with_roles(slug="other")
    boss = coordinator()

    assert queries.figures_for(own.viewer, accepted) == accepted.full
    assert queries.figures_for(boss, accepted) == accepted.published
    assert queries.figures_for(other.editor, accepted) == accepted.published
    assert list(queries.visible_snapshots(other.editor, own.organisation)) == []
    assert list(queries.visible_returns(boss, own.organisation)) == []
    assert list(queries.visible_snapshots(boss, own.organisation)) == [accepted]


# ---------------------------------------------------------------- targets


def test_targets_are_set_changed_and_removed_with_an_audit_trail(own):  # type: ignore[no-untyped-def]
    target = services.set_target(
        organisation=own.organisation,
        measure="senior.top_5pct_ethnic_minority_pct",
        direction="at_least",
        milestones={2023: 35, 2022: 25},
        actor=own.editor,
    )
    assert target.milestones == {"2022": 25.0, "2023": 35.0}

    services.change_target(
        target=target, direction="at_least", milestones={2025: 50}, actor=own.editor
    )
    services.remove_target(target=target, actor=own.editor)

    assert list(queries.visible_targets(own.editor, own.organisation)) == []
    verbs = list(
        AuditEvent.objects.filter(target_type="returns.target", target_id=str(target.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [Verb.TARGET_SET, Verb.TARGET_CHANGED, Verb.TARGET_REMOVED]


def test_a_target_on_an_unknown_measure_is_refused(own):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        services.set_target(
            organisation=own.organisation,
            measure="no.such",
            direction="at_least",
            milestones={2025: 1},
            actor=own.editor,
        )
    assert "measure" in refused.value.message_dict


def test_only_an_editor_sets_targets(own):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.set_target(
            organisation=own.organisation,
            measure="disclosure.not_disclosed_pct",
            direction="at_most",
            milestones={2025: 5},
            actor=own.viewer,
        )


def test_figures_come_back_from_the_database_with_their_keys_in_the_order_written(own):  # type: ignore[no-untyped-def]
    # PostgreSQL's jsonb would give "Other" before "White" and band "10" before band "2".
    figures = {"profile": {"White": 1, "Other": 2, "Asian": 3}, "bands": {"2": 4, "10": 5}}
    written = WorkforceReturn.objects.create(
        organisation=own.organisation,
        snapshot_on=date(2025, 3, 31),
        full=figures,
        published={"sections": ["z", "a"], **figures},
    )

    read = WorkforceReturn.objects.get(pk=written.pk)

    assert json.dumps(read.full) == json.dumps(figures)
    assert read.published is not None
    assert list(read.published) == ["sections", "profile", "bands"]
    assert WorkforceReturn.objects.filter(pk=written.pk, published__isnull=False).exists()
