"""The benchmark of `tri workforce metrics`, in one command: times, memory, BENCHMARKS.md.

    uv run python benchmarks/run.py [--sizes 100000,1000000,10000000] [--repeat 3] [--out BENCHMARKS.md]
    make bench

For each size it generates a synthetic employee return (`tri workforce generate`, fixed seed,
kept under var/bench/ for the next run) as CSV and as Parquet. On each file it runs, each as its
own process and taking turns:

- the engine: `tri workforce metrics FILE --out OUT.json`, everything as a user runs it;
- the pandas baseline: `benchmarks/pandas_baseline.py FILE --out OUT.json --no-bootstrap`;
- the same baseline with its bootstrap confidence intervals, so the very same metrics as the
  engine, once per file up to `--pandas-ci-up-to` employees (it is slow: naive resampling);
- the floor: `benchmarks/floor.py FILE`, polars reading the file and counting staff by ethnicity.

Each is run once to warm up (so that .pyc files exist and the file is in the page cache), then
`--repeat` times; the time is the median wall-clock time of a run, from start to exit, and the
memory the largest peak resident set size of a run (ru_maxrss, from os.wait4). From
`--pandas-once-from` employees the baseline is run once only, and a baseline run that takes
longer than `--timeout` seconds is stopped and reported as such.

Every engine output is checked against the baseline's, figure by figure, and the floor's count
of rows against both; the run fails (exit status 1) if they disagree.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZES = (100_000, 1_000_000, 10_000_000)
FORMATS = ("csv", "parquet")
SEED = 2026
CACHE_ENV = "TRI_BENCH_CACHE"
TOOLS = ("engine", "pandas", "floor")
#: The baseline with confidence intervals: run once per file, not in turns (it takes minutes).
WITH_CIS = "pandas_ci"
MIB = 1024  # ru_maxrss is in KiB on Linux

# The targets.
TARGET_ROWS = 1_000_000
TARGET_SECONDS = 2.0
TARGET_SPEEDUP = 5.0
TARGET_FLOOR_RATIO = 3.0
LARGE_ROWS = 10_000_000

GROUPS = ("Asian", "Black", "Mixed", "White", "Other", "Not disclosed")
COMPARED = ("Asian", "Black", "Mixed", "Other")
#: Figures that must be shown, and equal, in both outputs.
MAIN_FIGURES: tuple[tuple[str, ...], ...] = (
    ("headcount",),
    *(("profile", "groups", g, key) for g in GROUPS for key in ("count", "pct")),
    ("disclosure", "not_disclosed_pct"),
    *(
        (*where, key)
        for where in (
            *(("pay_gap", "groups", g) for g in COMPARED),
            ("pay_gap", "ethnic_minority"),
            ("pay_gap", "all_except_white_british"),
        )
        for key in ("mean_gap_pct", "median_gap_pct")
    ),
)
#: Two figures agree when they differ by at most this (percentages and pay have 2 places).
TOLERANCE = 0.011


# ---------------------------------------------------------------- running one process


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    failure: str | None = None


def measure(command: Sequence[str], env: dict[str, str], timeout: float) -> Run:
    """Run `command` to its end: wall-clock seconds and peak resident memory in MiB."""
    stopped = threading.Event()
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        # The commands are this script's own: the engine, the baseline and the floor.
        process = subprocess.Popen(  # noqa: S603
            command, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )

        def stop() -> None:
            stopped.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / MIB
        if code == 0:
            return Run(seconds, peak)
        errors.seek(0)
        tail = errors.read()[-4000:].decode("utf-8", errors="replace").strip()
    if stopped.is_set():
        failure = f"stopped after {timeout / 60:.0f} min"
    elif "MemoryError" in tail or code == -9:
        failure = "ran out of memory"
    else:
        last = tail.splitlines()[-1] if tail else "no message"
        failure = f"failed (exit status {code}): {last}"
    return Run(seconds, peak, failure)


def tri_command() -> list[str]:
    """The installed `tri` script beside this Python, as a user runs it."""
    script = Path(sys.executable).with_name("tri")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from tri.cli.main import app; app()"]


def child_env() -> dict[str, str]:
    """This environment without PYTHONDONTWRITEBYTECODE, which would make every run compile
    every module again (about 0.7 s): a user's installed `tri` has its .pyc files."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def command(tool: str, file: Path, out: Path) -> list[str]:
    if tool == "engine":
        return [*tri_command(), "workforce", "metrics", str(file), "--out", str(out)]
    if tool in ("pandas", WITH_CIS):
        baseline = [sys.executable, str(HERE / "pandas_baseline.py"), str(file), "--out", str(out)]
        return baseline if tool == WITH_CIS else [*baseline, "--no-bootstrap"]
    return [sys.executable, str(HERE / "floor.py"), str(file), "--out", str(out)]


# ---------------------------------------------------------------- the returns


def data_path(cache: Path, rows: int, fmt: str) -> Path:
    return cache / f"employees-{rows}-seed{SEED}.{fmt}"


def employee_file(cache: Path, rows: int, fmt: str, env: dict[str, str]) -> Path:
    """The synthetic return of `rows` employees, generated once and kept in `cache`."""
    path = data_path(cache, rows, fmt)
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"partial-{path.name}")
        print(f"generating {path.name}", flush=True)
        generate = ["workforce", "generate", "--rows", str(rows), "--seed", str(SEED)]
        subprocess.run(  # noqa: S603 - our own command
            [*tri_command(), *generate, "--out", str(partial)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        partial.replace(path)
    return path


# ---------------------------------------------------------------- do the outputs agree?


def leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every figure of a metrics JSON with its path; not the settings or the (random) intervals."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("settings", "ci95", "suppressed"):
                yield from leaves(value, (*path, key))
    else:
        yield path, node


MISSING = object()


def lookup(node: Any, path: tuple[str, ...]) -> Any:
    """The figure at `path`, or MISSING."""
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return MISSING
        node = node[key]
    return node


def same(a: Any, b: Any) -> bool:
    """Equal, numbers to within rounding at two places."""
    numbers = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a == b)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return abs(a - b) <= TOLERANCE or math.isclose(a, b, rel_tol=1e-3)
    return bool(a == b)


@dataclass
class Agreement:
    compared: int = 0
    withheld: int = 0  # shown by the baseline, withheld by the engine's secondary suppression
    main_compared: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.problems:
            return "OUTPUTS DISAGREE: " + "; ".join(self.problems[:5])
        main = (
            f"all {len(MAIN_FIGURES)} main figures among them"
            if self.main_compared == len(MAIN_FIGURES)
            else f"{self.main_compared} of the {len(MAIN_FIGURES)} main figures among them"
        )
        withheld = f"; {self.withheld:,} more withheld by the engine only" if self.withheld else ""
        return f"outputs agree ({self.compared:,} figures, {main}{withheld})"


def compare(engine: dict[str, Any], baseline: dict[str, Any]) -> Agreement:
    """Every figure of the baseline against the engine's figure at the same path.

    The engine does secondary suppression and the baseline does not, so a figure the baseline
    shows and the engine withholds is counted, not failed. The main figures (MAIN_FIGURES) must
    be in the baseline's output; how many of them the engine shows too is counted.
    """
    result = Agreement()
    for path in MAIN_FIGURES:
        if lookup(baseline, path) in (None, MISSING):
            result.problems.append(f"{'.'.join(path)} is missing from the baseline's output")
        elif lookup(engine, path) not in (None, MISSING):
            result.main_compared += 1
    for path, value in leaves(baseline):
        theirs = lookup(engine, path)
        where = ".".join(path)
        if theirs is MISSING:
            result.problems.append(f"{where} is not in the engine's output")
        elif value is not None and theirs is None:
            result.withheld += 1
        elif value is None and theirs is not None:
            result.problems.append(f"{where}: engine {theirs!r}, baseline withheld it")
        elif value is not None:
            result.compared += 1
            if not same(theirs, value):
                result.problems.append(f"{where}: engine {theirs!r}, baseline {value!r}")
    return result


def check(outputs: dict[str, Path], ran: dict[str, bool]) -> Agreement | None:
    """The engine's output against the baseline's, and the rows each read."""
    if not (ran["engine"] and ran["pandas"]):
        return None
    engine = json.loads(outputs["engine"].read_text(encoding="utf-8"))
    baseline = json.loads(outputs["pandas"].read_text(encoding="utf-8"))
    agreement = compare(engine, baseline)
    # Disclosure control may leave the engine's row count out of its output.
    rows = {"engine": engine["settings"].get("rows"), "pandas": baseline["settings"]["rows"]}
    if ran["floor"]:
        rows["floor"] = sum(json.loads(outputs["floor"].read_text(encoding="utf-8")).values())
    if len({n for n in rows.values() if n is not None}) != 1:
        agreement.problems.append(f"rows read differ: {rows}")
    return agreement


# ---------------------------------------------------------------- one file, three tools


@dataclass
class Timing:
    runs: list[Run] = field(default_factory=list)

    @property
    def failure(self) -> str | None:
        return next((r.failure for r in self.runs if r.failure), None)

    @property
    def seconds(self) -> float | None:
        good = [r.seconds for r in self.runs if not r.failure]
        return statistics.median(good) if good and not self.failure else None

    @property
    def peak_mb(self) -> float | None:
        return max((r.peak_mb for r in self.runs), default=None)


@dataclass
class Result:
    rows: int
    fmt: str
    file_mb: float
    timings: dict[str, Timing]
    agreement: Agreement | None

    def ratio(self, numerator: str, denominator: str) -> float | None:
        top, bottom = self.timings[numerator].seconds, self.timings[denominator].seconds
        return None if top is None or bottom is None else top / bottom


@dataclass(frozen=True)
class Settings:
    repeat: int
    warm_up: bool
    pandas_once_from: int
    pandas_ci_up_to: int
    timeout: float
    env: dict[str, str]


def bench_file(file: Path, rows: int, fmt: str, settings: Settings, work: Path) -> Result:
    outputs = {tool: work / f"{tool}-{rows}-{fmt}.json" for tool in (*TOOLS, WITH_CIS)}
    timings = {tool: Timing() for tool in (*TOOLS, WITH_CIS)}
    pandas_once = rows >= settings.pandas_once_from

    def go(tool: str) -> Run:
        run = measure(command(tool, file, outputs[tool]), settings.env, settings.timeout)
        state = run.failure or f"{run.seconds:7.2f} s {run.peak_mb:8,.0f} MB"
        print(f"{rows:>12,} {fmt:<8} {tool:<7} {state}", flush=True)
        return run

    if settings.warm_up:
        for tool in TOOLS:
            if not (tool == "pandas" and pandas_once):
                warm = go(tool)
                if warm.failure:
                    timings[tool].runs.append(warm)
    for turn in range(settings.repeat):
        for tool in TOOLS:
            if timings[tool].failure or (tool == "pandas" and pandas_once and turn):
                continue
            timings[tool].runs.append(go(tool))
    if rows <= settings.pandas_ci_up_to:
        timings[WITH_CIS].runs.append(go(WITH_CIS))
    ran = {tool: bool(timings[tool].runs) and not timings[tool].failure for tool in TOOLS}
    file_mb = file.stat().st_size / MIB / MIB
    return Result(rows, fmt, file_mb, timings, check(outputs, ran))


# ---------------------------------------------------------------- BENCHMARKS.md


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right_from: int | None = None
) -> str:
    """A Markdown table; the columns from `right_from` on (numbers) are right-aligned."""
    edge = len(headers) if right_from is None else right_from
    align = ["---" if i < edge else "---:" for i in range(len(headers))]
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def _size(rows: int) -> str:
    if rows >= 1_000_000 and rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}M"
    if rows >= 1_000 and rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return f"{rows:,}"


def _name(result: Result) -> str:
    return f"{_size(result.rows)} {'CSV' if result.fmt == 'csv' else 'Parquet'}"


def _seconds(timing: Timing) -> str:
    if timing.failure:
        return timing.failure
    return "–" if timing.seconds is None else f"{timing.seconds:.2f}"


def _mb(timing: Timing) -> str:
    peak = timing.peak_mb
    if peak is None:
        return "–"
    return f"≥ {peak:,.0f}" if timing.failure else f"{peak:,.0f}"


def _times(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def results_table(results: Sequence[Result]) -> str:
    headers = [
        "Employees",
        "File",
        "File MB",
        "Engine s",
        "Engine peak MB",
        "pandas s",
        "pandas peak MB",
        "pandas with CIs s",
        "Floor s",
        "Floor peak MB",
        "Speed-up vs pandas",
        "Speed-up vs pandas with CIs",
        "Engine ÷ floor",
    ]
    rows = [
        [
            f"{r.rows:,}",
            "CSV" if r.fmt == "csv" else "Parquet",
            f"{r.file_mb:,.1f}",
            _seconds(r.timings["engine"]),
            _mb(r.timings["engine"]),
            _seconds(r.timings["pandas"]),
            _mb(r.timings["pandas"]),
            _seconds(r.timings[WITH_CIS]),
            _seconds(r.timings["floor"]),
            _mb(r.timings["floor"]),
            _times(r.ratio("pandas", "engine")),
            _times(r.ratio(WITH_CIS, "engine")),
            _times(r.ratio("engine", "floor")),
        ]
        for r in results
    ]
    return _table(headers, rows, right_from=2)


def _verdict(values: list[tuple[Result, float | None]], good: Any) -> str:
    """'yes' when every measured value is good, else 'no', saying where it was met if anywhere."""
    measured = [(r, v) for r, v in values if v is not None]
    if not measured:
        return "not measured"
    met = [_name(r) for r, v in measured if good(v)]
    if len(met) == len(measured):
        return "yes"
    return "no" + (f" (met at {', '.join(met)})" if met else "")


def targets_table(results: Sequence[Result]) -> str:
    one_million = next((r for r in results if r.rows == TARGET_ROWS and r.fmt == "csv"), None)
    if one_million is None or one_million.timings["engine"].seconds is None:
        first = ("not measured", "not measured")
    else:
        seconds = one_million.timings["engine"].seconds
        first = (f"{seconds:.2f} s", "yes" if seconds < TARGET_SECONDS else "no")

    speedups = [(r, r.ratio("pandas", "engine")) for r in results]
    same_work = [(r, r.ratio(WITH_CIS, "engine")) for r in results]
    ratios = [(r, r.ratio("engine", "floor")) for r in results]

    def listed(values: list[tuple[Result, float | None]]) -> str:
        shown = [f"{_name(r)} {v:.2f}×" for r, v in values if v is not None]
        return ", ".join(shown) or "not measured"

    large = [r for r in results if r.rows == LARGE_ROWS]
    if large:
        engine = [r.timings["engine"] for r in large]
        memory = "; ".join(
            f"{_name(r)}: {_seconds(t)} s, peak {_mb(t)} MB"
            for r, t in zip(large, engine, strict=True)
        )
        fourth = (memory, "yes" if all(t.seconds is not None for t in engine) else "no")
    else:
        fourth = ("not measured", "not measured")
    rows = [
        [f"{_size(TARGET_ROWS)} employees from CSV in under {TARGET_SECONDS:.0f} s", *first],
        [
            f"At least {TARGET_SPEEDUP:.0f}× faster than the pandas baseline doing the same"
            " work (confidence intervals included)",
            listed(same_work),
            _verdict(same_work, lambda v: v >= TARGET_SPEEDUP),
        ],
        [
            f"At least {TARGET_SPEEDUP:.0f}× faster than the pandas baseline without"
            " confidence intervals (less work than the engine)",
            listed(speedups),
            _verdict(speedups, lambda v: v >= TARGET_SPEEDUP),
        ],
        [
            f"Within {TARGET_FLOOR_RATIO:.0f}× of the floor",
            listed(ratios),
            _verdict(ratios, lambda v: v <= TARGET_FLOOR_RATIO),
        ],
        [f"{_size(LARGE_ROWS)} employees without running out of memory", *fourth],
    ]
    return _table(["Target", "Measured", "Met?"], rows)


def agreement_lines(results: Sequence[Result]) -> str:
    lines = []
    for r in results:
        text = str(r.agreement) if r.agreement else "not checked: the baseline did not finish"
        lines.append(f"- {_name(r)}: {text}")
    return "\n".join(lines)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
        memory = f"{int(meminfo[meminfo.index('MemTotal:') + 1]) / MIB / MIB:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "CPU": cpu,
        "Cores": f"{os.cpu_count()} ({len(os.sched_getaffinity(0))} usable)",
        "Memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "polars": _version("polars"),
        "pandas": _version("pandas"),
        "numpy": _version("numpy"),
        "pyarrow": _version("pyarrow"),
        "Commit": _commit(),
    }


def _commit() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    try:
        head = subprocess.run(  # noqa: S603 - git, with fixed arguments
            [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            [git, "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head or 'unknown'}{' (with uncommitted changes)' if dirty else ''}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def method(results: Sequence[Result], settings: Settings) -> str:
    """How the figures were measured, in a paragraph."""
    sizes = ", ".join(f"{rows:,}" for rows in dict.fromkeys(r.rows for r in results))
    formats = " and ".join(dict.fromkeys("CSV" if r.fmt == "csv" else "Parquet" for r in results))
    warm_up = "after one warm-up run" if settings.warm_up else "with no warm-up run"
    return (
        f"Each tool runs as its own process, taking turns, on synthetic returns "
        f"(`tri workforce generate`, seed {SEED}) of {sizes} employees, as {formats}. "
        f"Time is wall-clock, from starting the process to its exit: the median of "
        f"{_plural(settings.repeat, 'run')} {warm_up}; from {settings.pandas_once_from:,} "
        f"employees the baseline runs once only. The baseline with confidence intervals runs "
        f"once per file, up to {settings.pandas_ci_up_to:,} employees. Peak memory is the "
        f"largest peak resident set size (`ru_maxrss`) of a run, in MiB."
    )


def markdown(
    results: Sequence[Result], settings: Settings, started: datetime.datetime, load: float
) -> str:
    minutes = (datetime.datetime.now(datetime.UTC) - started).total_seconds() / 60
    # Other work on the machine slows the engine and the floor, which use both cores, more
    # than the baseline, which mostly uses one: the load average says how quiet it was.
    info = machine() | {
        "Load average (1 min)": f"{load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end"
    }
    return f"""# Benchmarks

How fast `tri workforce metrics` computes the workforce metrics of an employee return, and how
much memory it needs, against two yardsticks measured in the same run:

- **pandas baseline**: [`benchmarks/pandas_baseline.py`](benchmarks/pandas_baseline.py), the
  same metrics written the straightforward way in pandas, as a council analyst would, with the
  95% confidence interval of every pay gap from naive bootstrap resampling (1,000 draws). That
  is the engine's work ("pandas with CIs"), measured once per file up to the size it takes a
  few minutes. It is also run without the intervals (`--no-bootstrap`, "pandas"), doing *less*
  than the engine: a stricter comparison, measured at every size. Either way its disclosure control
  is primary suppression only (the engine adds secondary suppression and the audit), and it
  checks nothing in the return but the ethnicity labels.
- **floor**: [`benchmarks/floor.py`](benchmarks/floor.py), polars reading the same file and
  counting staff by ethnicity. Nothing that reads the whole file can be much faster.

The engine runs as a user runs it, `tri workforce metrics FILE --out OUT.json`: reading and
checking the return, every metric (bootstrap intervals included), disclosure control and
writing the JSON.

{method(results, settings)}

To run it again, one command (the returns are generated once and kept in `var/bench/`):

```sh
make bench    # or: uv run python benchmarks/run.py [--sizes 100000,1000000] [--repeat 3]
```

## Results

Measured {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} minutes.

{results_table(results)}

## Targets

{targets_table(results)}

## The outputs agree

Every figure the baseline computes is compared with the engine's figure at the same place in
its JSON (counts exactly; percentages, gaps and pay to within rounding at two places), and the
number of rows each tool read is compared too. A figure the baseline shows and the engine
withholds is one the engine's secondary suppression hides: it is counted, not compared.

{agreement_lines(results)}

## Machine

{_table(["", ""], [[key, value] for key, value in info.items()])}
"""


#: A section another benchmark writes into BENCHMARKS.md (benchmarks/upload.py), between marker
#: comments: this script rewrites the rest of the file and puts such sections back after it.
KEPT_SECTION = re.compile(r"<!-- section: ([\w-]+) -->\n.*?<!-- end section: \1 -->", re.S)


def kept_sections(path: Path) -> str:
    """The marked sections of the file at `path`, to write back after this script's own."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return "".join(f"\n{match.group(0)}\n" for match in KEPT_SECTION.finditer(text))


# ---------------------------------------------------------------- the command


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark tri workforce metrics against pandas and the polars floor."
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, SIZES)),
        help="employees per return, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--formats", default=",".join(FORMATS), help="default: %(default)s")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each tool")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the warm-up runs")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get(CACHE_ENV, ROOT / "var" / "bench")),
        help=f"where the generated returns are kept (${CACHE_ENV}; default: var/bench)",
    )
    parser.add_argument(
        "--pandas-once-from",
        type=int,
        default=LARGE_ROWS,
        help="run the baseline once only from this many employees (default: %(default)s)",
    )
    parser.add_argument(
        "--pandas-ci-up-to",
        type=int,
        default=TARGET_ROWS,
        help="run the baseline with confidence intervals up to this many employees"
        " (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout", type=float, default=15 * 60, help="seconds before a run is stopped"
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    if not sizes or any(s < 1 for s in sizes) or not set(formats) <= set(FORMATS):
        parser.error("--sizes are positive numbers; --formats are csv and parquet")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    settings = Settings(
        repeat=args.repeat,
        warm_up=not args.no_warm_up,
        pandas_once_from=args.pandas_once_from,
        pandas_ci_up_to=args.pandas_ci_up_to,
        timeout=args.timeout,
        env=child_env(),
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="tri-bench-") as work:
        for rows in sizes:
            for fmt in formats:
                file = employee_file(args.cache, rows, fmt, settings.env)
                results.append(bench_file(file, rows, fmt, settings, Path(work)))
    text = markdown(results, settings, started, load) + kept_sections(args.out)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    disagree = [r for r in results if r.agreement and r.agreement.problems]
    for r in disagree:
        print(f"{_name(r)}: {r.agreement}", file=sys.stderr)
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
