"""The load benchmark: the benchmark page, the public site and the API under 50 clients, on
PostgreSQL with a national-scale dataset, side by side with a minimal Django view.

    TRI_BENCH_DATABASE_URL=postgres://… uv run --group bench python -m benchmarks.load
    make bench-load

The database must be PostgreSQL and one the benchmark may fill: it migrates it, loads the demo
(`seed_demo`) and the generated national dataset (`seed_national`: 400 organisations, 5 closed
rounds with every assessment final, 5 workforce snapshots each, adoptions and publications)
unless they are there already, so a second run starts in seconds. It never empties a database.

It then starts the service as `make run` does (`manage.py serve`: gunicorn with its two sync
workers by default, and the task worker), asks every kind of page once per worker to warm the
caches (timing the first, cold, request for the benchmark page), and runs locust headless
(`benchmarks/locustfile.py`) with 50 clients for a minute, statistics reset once all clients
are running. The API's rate limit is raised for the run, as all clients come from one address.

Results go into BENCHMARKS.md between their own marker comments. The exit status is 1 if any
request failed or a target was missed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

try:
    from benchmarks import run, upload
except ModuleNotFoundError:  # run as a script, `python benchmarks/load.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import run, upload

ROOT = run.ROOT
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
SECTION = "load"
TITLE = "## Benchmarks, public pages and API under load (issue 7)"
#: The issue's quality bar, p95 in milliseconds, by the prefix of the request names.
TARGETS = {"benchmark": 150.0, "public": 150.0, "api": 50.0}
FLOOR = "floor: minimal Django view"
#: What the dataset holds, counted after seeding.
COUNTS: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("Organisations", "tri.organisations.models", "Organisation", {}),
    ("Rounds", "tri.rounds.models", "Round", {}),
    ("Final assessments", "tri.assessments.models", "Assessment", {"status": "final"}),
    ("Answers", "tri.assessments.models", "Answer", {}),
    ("Peer-review judgements", "tri.rounds.models", "Judgement", {}),
    ("Accepted workforce returns", "tri.returns.models", "WorkforceReturn", {"status": "complete"}),
    ("Targets", "tri.returns.models", "Target", {}),
    ("Confirmed adoptions", "tri.statement.models", "Adoption", {"status": "confirmed"}),
    ("Publications", "tri.publication.models", "Publication", {}),
)


class LoadError(Exception):
    """The benchmark could not go on."""


@dataclass(frozen=True)
class Row:
    """One line of locust's statistics."""

    name: str
    requests: int
    failures: int
    median: float
    p95: float
    p99: float
    worst: float
    rps: float

    @property
    def kind(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def target(self) -> float | None:
        return TARGETS.get(self.kind)

    @property
    def met(self) -> bool:
        return self.failures == 0 and (self.target is None or self.p95 < self.target)


def read_stats(path: Path) -> list[Row]:
    """locust's `*_stats.csv`, without the aggregated line and the sign-ins."""
    rows = []
    with path.open(newline="", encoding="utf-8") as file:
        for line in csv.DictReader(file):
            if line["Name"] == "Aggregated" or line["Name"].startswith("sign in"):
                continue
            rows.append(
                Row(
                    name=line["Name"],
                    requests=int(line["Request Count"]),
                    failures=int(line["Failure Count"]),
                    median=float(line["50%"]),
                    p95=float(line["95%"]),
                    p99=float(line["99%"]),
                    worst=float(line["Max Response Time"]),
                    rps=float(line["Requests/s"]),
                )
            )
    return sorted(rows, key=lambda r: (r.kind != "floor", r.name))


def count_code() -> str:
    lines = ["import json", "found = {}"]
    for label, module, model, where in COUNTS:
        lines.append(f"from {module} import {model}")
        lines.append(f"found[{label!r}] = {model}.objects.filter(**{where!r}).count()")
    lines.append("print(json.dumps(found))")
    return "\n".join(lines)


TARGETS_CODE = """
import json, math
from tri.publication.models import Publication
from tri.rounds.models import Round
round_ = Round.objects.filter(name__endswith="(synthetic)").order_by("-opens_on").first()
slugs = sorted(set(Publication.objects.values_list("organisation__slug", flat=True)))
print(json.dumps({"round": round_.pk, "round_name": round_.name, "published": slugs,
                  "published_count": len(slugs),
                  "organisation_pages": max(1, math.ceil(len(slugs) / 50))}))
"""


def last_json(text: str) -> dict[str, Any]:
    """The JSON object a `manage.py shell -c` snippet printed last."""
    found: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    return found


def prepare(server: upload.Server, args: argparse.Namespace) -> float | None:
    """Migrate, and seed unless the national dataset is there. Seconds spent seeding, or None
    when it was there already."""
    server.manage("migrate", "--noinput")
    there = server.manage(
        "shell",
        "-c",
        "from tri.rounds.models import Round; "
        "print(Round.objects.filter(name__endswith='(synthetic)').count())",
    )
    server.manage("collectstatic", "--noinput", "--verbosity", "0")
    if int(there.strip().splitlines()[-1]) >= args.rounds:
        return None
    started = time.monotonic()
    server.manage("seed_demo")
    server.manage(
        "seed_national",
        "--organisations",
        str(args.organisations),
        "--rounds",
        str(args.rounds),
        "--snapshots",
        str(args.snapshots),
    )
    return time.monotonic() - started


def timed_get(client: upload.Client, path: str) -> float:
    """Milliseconds to ask for `path` and read the answer, which must be a 200."""
    started = time.perf_counter()
    answer = client.get(path, timeout=300)
    if answer.status != 200:
        raise LoadError(f"{path}: HTTP {answer.status}")
    return (time.perf_counter() - started) * 1000


def warm_up(server: upload.Server, targets: dict[str, Any], workers: int) -> dict[str, float]:
    """Ask every kind of page once per worker (and a few more times, as gunicorn hands
    requests to whichever worker is free). Returns the first request's time for the pages
    whose first request computes what later ones reuse."""
    client = upload.Client(server.base)
    client.sign_in("coordinator@londoncouncils.demo", upload.demo_password())
    borough = upload.Client(server.base)
    borough.sign_in("editor@camden.demo", upload.demo_password())
    slug = str(targets["published"][0])
    benchmark = f"/rounds/{targets['round']}/benchmark/"
    first = {
        "benchmark: coordinator, first request": timed_get(client, benchmark),
        "public: London overview, first request": timed_get(client, "/public/london/"),
    }
    pages = [
        "/public/",
        "/public/london/",
        "/statement/",
        f"/public/o/{slug}/",
        f"/public/o/{slug}/v1/",
        "/api/v1/organisations",
        f"/api/v1/organisations/{slug}",
        "/api/v1/london",
        "/api/v1/statement/adoptions",
        "/healthz",
    ]
    for _ in range(3 * workers):
        timed_get(client, benchmark)
        timed_get(borough, benchmark)
        for page in pages:
            timed_get(client, page)
    return first


#: The second phase: only these kinds of client (classes of the locustfile).
API_ALONE = ("Api", "Floor")


def run_locust(
    server: upload.Server,
    targets_file: Path,
    args: argparse.Namespace,
    work: Path,
    classes: Sequence[str] = (),
) -> list[Row]:
    """One locust run of `args.duration` seconds with `args.users` clients: of every kind, or
    only of `classes`."""
    prefix = work / ("locust-" + ("-".join(classes) or "all"))
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--reset-stats",
        "--stop-timeout",
        "10",
        "--host",
        server.base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    env = run.child_env() | {"TRI_LOAD_TARGETS": str(targets_file)}
    result = subprocess.run(  # noqa: S603 - our own interpreter and locust
        command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise LoadError(f"locust wrote no statistics:\n{result.stderr[-3000:]}")
    return read_stats(stats)


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.0f}"


def results_table(rows: Sequence[Row]) -> str:
    floor = next((r for r in rows if r.name == FLOOR), None)
    lines = [
        "| Requests for | Requests | Failed | Per second | Median ms | p95 ms | p99 ms "
        "| Slowest ms | p95 ÷ floor's | Target (p95) | Met? |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in rows:
        ratio = f"{r.p95 / floor.p95:.1f}×" if floor and floor.p95 and r is not floor else "–"
        target = f"under {r.target:.0f} ms" if r.target else "–"
        met = (
            ("yes" if r.met else "**no**") if r.target else ("yes" if r.failures == 0 else "**no**")
        )
        lines.append(
            f"| {r.name} | {r.requests:,} | {r.failures} | {r.rps:.1f} | {_ms(r.median)} "
            f"| {_ms(r.p95)} | {_ms(r.p99)} | {_ms(r.worst)} | {ratio} | {target} | {met} |"
        )
    return "\n".join(lines)


def markdown(
    rows: Sequence[Row],
    api_rows: Sequence[Row],
    counts: dict[str, int],
    first: dict[str, float],
    seeded: float | None,
    args: argparse.Namespace,
    started: datetime.datetime,
    load: float,
    targets: dict[str, Any],
) -> str:
    minutes = (datetime.datetime.now(datetime.UTC) - started).total_seconds() / 60
    api_verdict = (
        "every API request's p95 is under 50 ms"
        if all(r.met for r in api_rows)
        else "missed: " + ", ".join(r.name for r in api_rows if not r.met)
    )
    total = sum(r.requests for r in rows)
    failures = sum(r.failures for r in rows)
    missed = [r.name for r in rows if r.target and not r.met]
    verdict = (
        "Every target is met, with no failed request."
        if not missed and failures == 0
        else f"Missed: {', '.join(missed) or 'none'}; failed requests: {failures}."
    )
    dataset = "\n".join(f"| {label} | {value:,} |" for label, value in counts.items())
    seeding = (
        f"Seeding it (`seed_demo`, then `seed_national`) took {seeded / 60:.1f} minutes in this run."
        if seeded is not None
        else "It was there already from an earlier run, so this run did not seed it."
    )
    info = run.machine() | {
        "Database": "PostgreSQL (TRI_BENCH_DATABASE_URL)",
        "Server": f"`manage.py serve`: gunicorn, {args.workers} workers × {args.threads} "
        f"thread(s), and the task worker",
        "Load generator": f"locust {metadata.version('locust')}, on the same machine",
        "Load average (1 min)": f"{load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
    }
    cold = "; ".join(f"{name}: {value:,.0f} ms" for name, value in first.items())
    return f"""{TITLE}

The quality bar: *the benchmark and public pages at p95 under 150 ms and the API under 50 ms with
50 concurrent clients, zero errors, on PostgreSQL with a national-scale dataset; the same run
measures a minimal Django view on the same server.*

[`benchmarks/load.py`](benchmarks/load.py) starts the service as `make run` does on a
PostgreSQL database holding the demo and a generated national dataset
([`tri.rounds.national`](src/tri/rounds/national.py): {args.organisations} organisations,
{args.rounds} closed rounds with every assessment final and peer-reviewed criterion by
criterion, {args.snapshots} yearly workforce returns each computed by the engine, targets,
adoptions of the Statement and publications). {seeding} Then
[locust](benchmarks/locustfile.py) runs {args.users} clients (its FastHttpUser) for {args.duration} s (statistics
reset once all are running), each waiting 0.5–1.5 s between requests: coordinators and a
borough's editor reading the benchmark of "{targets["round_name"]}" ({args.organisations}
organisations: the coordinator's heat map names them all, the borough's names only its own),
the public reading organisations' pages (latest and version 1, chosen at random among the
{len(targets["published"]):,} that published), the index, the London overview and the register,
and clients of the API; and, in the same run on the same server, `/healthz`, a Django view that
answers "ok" through the full middleware stack without the database: the floor. Times are from
locust sending the request to the end of the answer.

Before the run every kind of page is asked for a few times, so what is cached is warm: the
round's benchmark and its rendered body per kind of viewer (kept per state of the round), and
the London overview (kept until someone publishes). Organisations' pages are rendered for each
request. The first, cold requests: {cold}.

Reading the results: all three (locust, PostgreSQL and the service) share the machine's cores,
so a request also waits for the others' work; the floor's own p95 shows how much of every
figure that wait is, and "p95 ÷ floor's" what each page adds to it.

To run it again (`make bench-load`; the dataset stays in the database, so a second run takes
about two minutes):

```sh
TRI_BENCH_DATABASE_URL=postgres://user:password@host/db make bench-load
# or: uv run --group bench python -m benchmarks.load [--users 50] [--duration 60] [--workers 2] [--threads 1]
```

### Results

Measured {started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} minutes; {total:,}
requests, {failures} failed. {verdict}

{results_table(rows)}

### The API alone

Straight after, on the same server, {args.users} clients for {args.duration} s again, of two
kinds only: clients of the API and of the floor, in the same proportion as above (4 to 2). This
separates what the API costs from the wait behind pages of up to 640 KB that the mixed run adds:
{api_verdict}.

{results_table(api_rows)}

### The dataset

| | Rows |
| --- | ---: |
{dataset}

### Machine

{run._table(["", ""], [[key, value] for key, value in info.items()])}
"""


def bench(args: argparse.Namespace, work: Path) -> int:
    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    server = upload.Server.fresh(work)
    server.env["DATABASE_URL"] = args.database_url
    seeded = prepare(server, args)
    counts = last_json(server.manage("shell", "-c", count_code()))
    targets = last_json(server.manage("shell", "-c", TARGETS_CODE))
    targets["password"] = upload.demo_password()
    targets_file = work / "targets.json"
    targets_file.write_text(json.dumps(targets), encoding="utf-8")
    with upload.running(
        server, workers=args.workers, threads=args.threads, TRI_API_RATE="1000000/m"
    ):
        first = warm_up(server, targets, args.workers)
        rows = run_locust(server, targets_file, args, work)
        api_rows = run_locust(server, targets_file, args, work, API_ALONE)
    upload.write_section(
        args.out,
        markdown(rows, api_rows, counts, first, seeded, args, started, load, targets),
        section=SECTION,
    )
    print(results_table(rows))
    print(results_table(api_rows))
    print(f"Written to {args.out}.")
    return 0 if rows and all(r.met for r in [*rows, *api_rows]) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("TRI_BENCH_DATABASE_URL", ""))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--organisations", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--snapshots", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print(
            "The load benchmark runs on PostgreSQL: set TRI_BENCH_DATABASE_URL (or pass "
            "--database-url) to a PostgreSQL database it may fill with synthetic data, e.g. "
            "postgres://tri_bench:tri_bench@127.0.0.1:5432/tri_bench.",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="tri-load-") as folder:
        try:
            return bench(args, Path(folder))
        except (LoadError, upload.BenchError, OSError) as error:
            print(f"The load benchmark stopped: {error}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
