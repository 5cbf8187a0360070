"""The upload benchmark's own pieces: reading the return's page, the latency figures and its
section of BENCHMARKS.md, which `benchmarks/run.py` keeps. The real run is `make bench-upload`
(it starts the service; too slow for the tests)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from benchmarks import run, upload
from tri.workforce.generate import employees

pytestmark = pytest.mark.unit


def test_the_progress_panel_is_read_as_htmx_gets_it() -> None:
    pending = upload.read_status(200, "<h2>Processing</h2><p>55% done. You can leave</p>")
    assert (pending.state, pending.progress) == ("pending", 55)
    accepted = upload.read_status(286, "<h2 class='x'>Return accepted</h2>")
    assert accepted.state == "accepted"
    stopped = upload.read_status(
        286,
        "<h2>This return was not accepted</h2><p>Processing stopped part-way through: the "
        "worker stopped. Nothing was changed.</p>",
    )
    assert stopped.state == "failed"
    assert upload.stopped_sentence(stopped.text) == (
        "Processing stopped part-way through: the worker stopped."
    )
    with pytest.raises(upload.BenchError, match="HTTP 500"):
        upload.read_status(500, "Server error")


def test_the_csrf_token_and_the_demo_password_are_found() -> None:
    page = '<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
    assert upload.csrf_token(page) == "abc123"
    with pytest.raises(upload.BenchError):
        upload.csrf_token("<form></form>")
    assert len(upload.demo_password()) >= 12


def test_latency_figures() -> None:
    samples = [upload.Sample(i, "/", s, 200) for i, s in enumerate([0.1, 0.2, 0.3, 0.4, 2.0])]
    samples.append(upload.Sample(9, "/", 5.0, None, "timed out"))
    latency = upload.Latency.of(samples)
    assert (latency.requests, latency.unanswered) == (6, 1)
    assert latency.median == pytest.approx(0.35)
    assert latency.p95 == latency.worst == 5.0
    assert upload.percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.0


def test_cases_and_dates() -> None:
    assert upload.parse_cases("100k-csv,1M-parquet") == [(100_000, "csv"), (1_000_000, "parquet")]
    with pytest.raises(ValueError, match="not a case"):
        upload.parse_cases("1M-xlsx")
    dates = upload.Dates(datetime.date(2020, 1, 1))
    assert [dates(), dates()] == [datetime.date(2020, 1, 1), datetime.date(2020, 1, 2)]


def test_employee_refs_are_spread_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "employees.csv"
    employees(1_000, seed=3).write_csv(path)
    refs = upload.employee_refs(path)
    column = employees(1_000, seed=3)["employee_ref"].to_list()
    assert set(refs) <= set(column)
    assert column[0] in refs
    assert column[-1] in refs
    assert len(refs) >= 5


def test_the_section_is_replaced_and_run_py_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "B.md"
    out.write_text("# Benchmarks\n\n## Results\n\nold\n", encoding="utf-8")
    upload.write_section(out, f"{upload.TITLE}\n\nfirst")
    upload.write_section(out, f"{upload.TITLE}\n\nsecond")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\n## Results\n\nold\n")
    assert text.count(upload.START) == text.count(upload.END) == 1
    assert "second" in text
    assert "first" not in text
    kept = run.kept_sections(out)
    assert kept.strip() == f"{upload.START}\n{upload.TITLE}\n\nsecond\n{upload.END}"
    # As run.py writes the file: its own text, then the kept section, which the next
    # upload run replaces in place.
    out.write_text("# Benchmarks\n\nnew\n" + kept, encoding="utf-8")
    upload.write_section(out, f"{upload.TITLE}\n\nthird")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nnew\n")
    assert "third" in text
    assert "second" not in text
    assert run.kept_sections(tmp_path / "missing.md") == ""


def test_reflow_fills_prose_and_keeps_tables_and_code() -> None:
    text = "A short\nparagraph   of words.\n\n| a | b |\n| --- | --- |\n\n```sh\nmake x\n```"
    assert upload.reflow(text) == (
        "A short paragraph of words.\n\n| a | b |\n| --- | --- |\n\n```sh\nmake x\n```\n"
    )
    long = " ".join(["word"] * 40)
    assert all(len(line) <= 96 for line in upload.reflow(long).splitlines())
