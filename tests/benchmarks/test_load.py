"""The load benchmark's own pieces: reading locust's statistics, judging them against the
targets and the floor, and its section of BENCHMARKS.md. The real run is `make bench-load` (it
starts the service on PostgreSQL and runs locust; too slow for the tests)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks import load, run, upload

pytestmark = pytest.mark.unit

HEADER = [
    "Type", "Name", "Request Count", "Failure Count", "Median Response Time",
    "Average Response Time", "Min Response Time", "Max Response Time", "Average Content Size",
    "Requests/s", "Failures/s", "50%", "66%", "75%", "80%", "90%", "95%", "98%", "99%",
    "99.9%", "99.99%", "100%",
]  # fmt: skip


def _line(name: str, count: int, failures: int, p50: int, p95: int, p99: int) -> list[str]:
    return [
        "GET", name, str(count), str(failures), str(p50), "1.0", "1", str(p99 + 5), "100",
        "10.5", "0", str(p50), "1", "1", "1", "1", str(p95), "1", str(p99), "1", "1", "1",
    ]  # fmt: skip


def _stats(tmp_path: Path, lines: list[list[str]]) -> Path:
    path = tmp_path / "locust_stats.csv"
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(lines)
    return path


def test_statistics_are_read_and_judged(tmp_path: Path) -> None:
    path = _stats(
        tmp_path,
        [
            _line("api: an organisation", 900, 0, 12, 40, 60),
            _line("public: organisation page", 800, 0, 30, 160, 200),
            _line("benchmark: coordinator (named)", 100, 2, 40, 90, 120),
            _line(load.FLOOR, 300, 0, 3, 8, 12),
            _line("sign in", 50, 0, 100, 200, 300),
            ["", "Aggregated", "2150", "2", *["1"] * 18],
        ],
    )
    rows = load.read_stats(path)

    assert [r.name for r in rows] == [
        load.FLOOR,
        "api: an organisation",
        "benchmark: coordinator (named)",
        "public: organisation page",
    ]
    by_name = {r.name: r for r in rows}
    assert by_name["api: an organisation"].met  # 40 ms < 50 ms
    assert not by_name["public: organisation page"].met  # 160 ms ≥ 150 ms
    assert not by_name["benchmark: coordinator (named)"].met  # two failures
    assert by_name[load.FLOOR].target is None
    assert by_name[load.FLOOR].met

    table = load.results_table(rows)
    assert (
        "| api: an organisation | 900 | 0 | 10.5 | 12 | 40 | 60 | 65 | 5.0× | under 50 ms | yes |"
        in table
    )
    assert (
        "| public: organisation page | 800 | 0 | 10.5 | 30 | 160 | 200 | 205 | 20.0× | under 150 ms | **no** |"
        in table
    )


def test_the_section_is_written_between_its_markers_and_kept_by_make_bench(
    tmp_path: Path,
) -> None:
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\nthe engine's results\n")

    upload.write_section(out, f"{load.TITLE}\n\nfirst", section=load.SECTION)
    upload.write_section(out, f"{load.TITLE}\n\nsecond", section=load.SECTION)
    text = out.read_text()
    assert text.startswith("# Benchmarks\n\nthe engine's results\n")
    assert text.count("<!-- section: load -->") == text.count("<!-- end section: load -->") == 1
    assert "second" in text
    assert "first" not in text
    assert "second" in run.kept_sections(out)


def test_without_a_postgresql_database_it_says_what_to_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert load.main(["--database-url", "sqlite:///x.sqlite3"]) == 2
    assert "TRI_BENCH_DATABASE_URL" in capsys.readouterr().err
