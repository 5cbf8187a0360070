"""The end-to-end benchmark of uploading a workforce return to the running service.

    uv run python -m benchmarks.upload [--cases 100k-csv,1M-csv,1M-parquet] [--repeat 3]
    make bench-upload

It starts the service as `make run` does (`manage.py serve`: gunicorn with two sync workers
and the database task worker) in a fresh temporary TRI_VAR_DIR, on SQLite there (or on the
PostgreSQL server DATABASE_URL names, when it is set), with the demo data; signs in as Camden's
editor; and uploads synthetic employee returns (the files `make bench` generates and keeps in
var/bench/) through the upload form, as a browser does: a multipart POST, sent by curl.

- Time: from the start of the POST until the return's page, asked every 0.25 s with the
  header its htmx panel sends, says the return was accepted. The return's record gives the
  queue wait (created to started) and the processing time (started to finished).
- Responsiveness: meanwhile two threads with the same session ask for Camden's workforce
  dashboard and the home page every 0.5 s each; their latencies during each upload are
  compared with those at idle, measured before the timed uploads.
- The worker killed part-way: with TRI_RETURN_STALE_SECONDS=10, an upload of the 1M CSV is
  followed until it is being computed, then the `db_worker` process is killed (SIGKILL). The
  supervisor must start a new worker, the return's page must say the return was stopped, the
  organisation's accepted figures must be as they were and the upload folder must go.
- Privacy: after each accepted upload nothing is left in TRI_VAR_DIR/returns/, and no file in
  TRI_VAR_DIR (the database included) nor the server's log contains an employee_ref of the
  uploaded files.

The results are written into BENCHMARKS.md, in their own section between marker comments
(`benchmarks/run.py` keeps that section when it rewrites the file). The exit status is 1 if an
upload was not accepted, or a check of the killed worker or of privacy failed.
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime
import html
import http.cookiejar
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import psutil  # type: ignore[import-untyped]

try:
    from benchmarks import run
except ModuleNotFoundError:  # run as a script, `python benchmarks/upload.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import run

ROOT = run.ROOT
MANAGE = ROOT / "manage.py"
SEED_DEMO = ROOT / "src" / "tri" / "rounds" / "management" / "commands" / "seed_demo.py"
ORG = "camden"
EDITOR = "editor@camden.demo"
CASES = ((100_000, "csv"), (1_000_000, "csv"), (1_000_000, "parquet"))
KILL_CASE = (1_000_000, "csv")

# The quality bar.
TARGET_ROWS = 1_000_000
TARGET_SECONDS = 60.0

POLL_EVERY = 0.25  # the status page, as the benchmark follows an upload
KILL_POLL_EVERY = 0.05  # the status page, waiting for the moment to kill the worker
SAMPLE_EVERY = 0.5  # each responsiveness page
IDLE_SECONDS = 10.0
KILL_STALE_SECONDS = 10
#: How often `manage.py serve` sweeps stalled returns (SWEEP_EVERY in serve.py).
SERVE_SWEEP_SECONDS = 30
FINISH_TIMEOUT = 15 * 60
REQUEST_TIMEOUT = 120.0
#: A stage is "computing or later" from this progress (STAGE_PROGRESS in tri.returns.enums).
COMPUTING_PROGRESS = 55
REFS_SAMPLED = 6

#: The section of BENCHMARKS.md this script writes; run.py keeps it (run.KEPT_SECTION).
SECTION = "upload"


def markers(section: str) -> tuple[str, str]:
    """The comments a section of BENCHMARKS.md starts and ends with (run.KEPT_SECTION)."""
    return f"<!-- section: {section} -->", f"<!-- end section: {section} -->"


START, END = markers(SECTION)
TITLE = "## Workforce return upload, end to end (issue 6)"

STOPPED_TEXT = "Processing stopped part-way through"


class BenchError(Exception):
    """The benchmark could not go on: an upload failed, or the server did not answer."""


# ---------------------------------------------------------------- small pieces


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def demo_password(source: Path = SEED_DEMO) -> str:
    """DEMO_PASSWORD from seed_demo.py, read without importing Django."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if "DEMO_PASSWORD" in names and isinstance(node.value.value, str):
                return node.value.value
    raise BenchError(f"no DEMO_PASSWORD in {source}")


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def page_text(fragment: str) -> str:
    """The words of an HTML fragment."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if found is None:
        raise BenchError("no CSRF token in the page")
    return found.group(1)


def employee_refs(path: Path, count: int = REFS_SAMPLED) -> list[str]:
    """employee_ref values spread through a CSV return: the first, the last and between."""
    size = path.stat().st_size
    refs: list[str] = []
    with path.open("rb") as handle:
        header = next(csv.reader([handle.readline().decode("utf-8-sig")]))
        column = header.index("employee_ref")
        for i in range(count):
            handle.seek(max(handle.tell(), int(size * i / count)))
            if i:
                handle.readline()  # the rest of a line cut part-way
            line = handle.readline().decode("utf-8")
            if not line:
                break
            refs.append(next(csv.reader([line]))[column])
        handle.seek(max(0, size - 4096))
        last = handle.read().decode("utf-8", errors="replace").strip().splitlines()[-1]
        refs.append(next(csv.reader([last]))[column])
    return sorted(set(refs) - {""})


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def timestamp(value: str | None) -> float | None:
    return None if value is None else datetime.datetime.fromisoformat(value).timestamp()


# ---------------------------------------------------------------- the service


@dataclass
class Server:
    """`manage.py serve` in a temporary TRI_VAR_DIR, with its log in `log`."""

    var: Path
    log: Path
    env: dict[str, str]
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = None

    @classmethod
    def fresh(cls, folder: Path) -> Server:
        var = folder / "var"
        (var / "tmp").mkdir(parents=True)
        env = run.child_env() | {
            "TRI_VAR_DIR": str(var),
            "TRI_RETURNS_DIR": str(var / "returns"),
            "TRI_TASKS_BACKEND": "database",
            # Django's temporary upload files go here, so the privacy check can look at them.
            "TMPDIR": str(var / "tmp"),
            "PYTHONUNBUFFERED": "1",
        }
        return cls(var=var, log=folder / "server.log", env=env)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database(self) -> str:
        return "PostgreSQL" if self.env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"

    @property
    def returns_dir(self) -> Path:
        return self.var / "returns"

    def manage(self, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(MANAGE), *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self) -> None:
        self.manage("migrate", "--noinput")
        self.manage("seed_demo")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

    def start(self, workers: int = 2, threads: int = 1, **extra: str) -> None:
        self.port = free_port()
        self._log = self.log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [
                sys.executable,
                str(MANAGE),
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            env=self.env | extra,
            cwd=ROOT,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"the server stopped (exit {self.process.returncode})")
            try:
                with urllib.request.urlopen(f"{self.base}/accounts/sign-in/", timeout=5) as r:  # noqa: S310
                    if r.status == 200 and self.worker_pid() is not None:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        raise BenchError("the server did not answer within 2 minutes")

    def worker_pid(self) -> int | None:
        """The `db_worker` process the server started, if it is running."""
        if self.process is None:
            return None
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return None
        for child in children:
            try:
                worker = any("db_worker" in part for part in child.cmdline())
                if worker and child.status() != psutil.STATUS_ZOMBIE:
                    return int(child.pid)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return None

    def stop(self) -> None:
        """SIGTERM, as Ctrl+C: serve stops gunicorn and the worker. Then anything left."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            try:
                children = psutil.Process(process.pid).children(recursive=True)
            except psutil.NoSuchProcess:
                children = []
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for child in children:
                with suppress(psutil.NoSuchProcess):
                    child.kill()
        if self._log is not None:
            self._log.close()
            self._log = None

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def returns(self, pks: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The records of these returns, read through Django (SQLite or PostgreSQL)."""
        code = (
            "import json\n"
            "from tri.returns.models import WorkforceReturn as W\n"
            "fields = ('id', 'status', 'stage', 'error', 'headcount', 'token',\n"
            "          'created_at', 'started_at', 'finished_at')\n"
            f"rows = W.objects.filter(pk__in={list(pks)!r}).values(*fields)\n"
            "print(json.dumps([{k: (None if v is None else v if isinstance(v, (int, str))\n"
            "                      else str(v) if k == 'token' else v.isoformat())\n"
            "                   for k, v in r.items()} for r in rows]))\n"
        )
        rows = json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])
        return {int(r["id"]): r for r in rows}

    def latest_accepted(self) -> str:
        """Camden's latest accepted return, the one its dashboard shows: its number, snapshot
        date and a digest of its stored figures."""
        code = (
            "import hashlib, json\n"
            "from tri.returns.models import WorkforceReturn as W\n"
            f"r = W.objects.filter(organisation__slug={ORG!r}, status='complete')"
            ".order_by('-snapshot_on').first()\n"
            "print('none' if r is None else f'return {r.pk} of {r.snapshot_on}, figures ' + "
            "hashlib.sha256(json.dumps([r.full, r.published], sort_keys=True).encode())"
            ".hexdigest()[:12])\n"
        )
        return self.manage("shell", "-c", code).strip().splitlines()[-1]

    def database_dump(self) -> bytes:
        """The database's content: the SQLite files as they are, or every row of PostgreSQL."""
        if self.database == "SQLite":
            return b"".join(p.read_bytes() for p in sorted(self.var.glob("tri.sqlite3*")))
        return self.manage("dumpdata", "--indent", "0").encode("utf-8")


# ---------------------------------------------------------------- the browser


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    url: str


class Client:
    """A signed-in browser: a cookie session, safe to share between threads."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()

    def _open(self, request: urllib.request.Request, timeout: float) -> Answer:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        try:
            with opener.open(request, timeout=timeout) as response:
                body = response.read().decode("utf-8", errors="replace")
                return Answer(response.status, body, response.url)
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode("utf-8", errors="replace"), error.url)

    def get(
        self, path: str, headers: dict[str, str] | None = None, timeout: float = REQUEST_TIMEOUT
    ) -> Answer:
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        return self._open(request, timeout)

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        data = urllib.parse.urlencode(fields).encode("ascii")
        request = urllib.request.Request(self.base + path, data=data)  # noqa: S310 - http://
        return self._open(request, REQUEST_TIMEOUT)

    def sign_in(self, email: str, password: str) -> None:
        page = self.get("/accounts/sign-in/")
        fields = {"csrfmiddlewaretoken": csrf_token(page.body), "username": email}
        answer = self.post("/accounts/sign-in/", fields | {"password": password})
        if (
            answer.status != 200
            or "/accounts/sign-in/" in answer.url
            or not self.cookie("sessionid")
        ):
            raise BenchError(f"signing in as {email} failed (HTTP {answer.status}, {answer.url})")

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


# ---------------------------------------------------------------- one upload


@dataclass(frozen=True)
class Status:
    code: int
    state: str  # "pending", "accepted" or "failed"
    progress: int
    text: str


def read_status(code: int, fragment: str) -> Status:
    """The return's progress panel, as htmx gets it: 200 while pending, 286 once finished."""
    text = page_text(fragment)
    done = re.search(r"(\d+)% done", text)
    if code == 200:
        return Status(code, "pending", int(done.group(1)) if done else 0, text)
    if code == 286:
        accepted = "Return accepted" in text or "Accepted, since replaced" in text
        return Status(code, "accepted" if accepted else "failed", 100, text)
    raise BenchError(f"the status page answered HTTP {code}: {text[:300]}")


def status_path(pk: int) -> str:
    return f"/o/{ORG}/workforce/returns/{pk}/"


def get_status(client: Client, pk: int) -> Status:
    answer = client.get(status_path(pk), headers={"HX-Request": "true"})
    return read_status(answer.status, answer.body)


@dataclass(frozen=True)
class Posted:
    pk: int
    started: float  # time.monotonic() at the start of the POST
    seconds: float  # until the answer (the redirect to the return's page)


def post_return(client: Client, file: Path, snapshot_on: datetime.date, work: Path) -> Posted:
    """Upload `file` through the form with curl (multipart, streamed from disk)."""
    upload = f"/o/{ORG}/workforce/upload/"
    form = client.get(upload)
    if form.status != 200:
        raise BenchError(f"GET {upload} answered HTTP {form.status}")
    body = work / "upload-answer.html"
    curl = shutil.which("curl")
    if curl is None:
        raise BenchError("curl is not installed")
    command = [
        curl,
        "--silent",
        "--show-error",
        "--output",
        str(body),
        "--write-out",
        "%{http_code} %{redirect_url}",
        "--header",
        "Expect:",  # send the body at once, not after waiting for "100 Continue"
        "--cookie",
        client.cookie_header(),
        "--form",
        f"csrfmiddlewaretoken={csrf_token(form.body)}",
        "--form",
        f"snapshot_on={snapshot_on.isoformat()}",
        "--form",
        f"upload=@{file}",
        "--form",
        "band_order=",
        client.base + upload,
    ]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    seconds = time.monotonic() - started
    code, _, location = result.stdout.strip().partition(" ")
    found = re.search(r"/returns/(\d+)/$", location)
    if result.returncode != 0 or code != "302" or found is None:
        answer = page_text(body.read_text(errors="replace")) if body.exists() else ""
        raise BenchError(
            f"POST {upload} with {file.name}: curl exit {result.returncode}, HTTP {code or '?'},"
            f" redirect {location or 'none'}; {result.stderr.strip()} {answer[:600]}"
        )
    return Posted(int(found.group(1)), started, seconds)


def follow(
    client: Client,
    pk: int,
    every: float = POLL_EVERY,
    timeout: float = FINISH_TIMEOUT,
    latencies: list[float] | None = None,
) -> tuple[float, Status]:
    """Ask for the return's page every `every` seconds until it is finished; the time it was
    seen finished (time.monotonic()) and its status. Each request's latency goes in `latencies`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        asked = time.monotonic()
        status = get_status(client, pk)
        if latencies is not None:
            latencies.append(time.monotonic() - asked)
        if status.state != "pending":
            return time.monotonic(), status
        time.sleep(every)
    raise BenchError(f"return {pk} was not finished after {timeout / 60:.0f} minutes")


# ---------------------------------------------------------------- responsiveness


@dataclass(frozen=True)
class Sample:
    at: float  # time.monotonic() when the request was sent
    page: str
    seconds: float
    status: int | None  # None: no answer
    error: str = ""

    @property
    def answered(self) -> bool:
        return self.status == 200


@dataclass(frozen=True)
class Latency:
    requests: int
    unanswered: int
    median: float
    p95: float
    worst: float

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Latency:
        return cls.of_seconds([s.seconds for s in samples], sum(not s.answered for s in samples))

    @classmethod
    def of_seconds(cls, seconds: Sequence[float], unanswered: int = 0) -> Latency:
        return cls(
            requests=len(seconds),
            unanswered=unanswered,
            median=statistics.median(seconds) if seconds else math.nan,
            p95=percentile(seconds, 95),
            worst=max(seconds, default=math.nan),
        )


class Sampler:
    """A thread per page, each asking for its page every SAMPLE_EVERY seconds."""

    def __init__(self, client: Client, pages: Sequence[str], every: float = SAMPLE_EVERY) -> None:
        self.client = client
        self.pages = pages
        self.every = every
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._ask, args=(p,), daemon=True) for p in pages]

    def _ask(self, page: str) -> None:
        next_at = time.monotonic()
        while not self._stop.is_set():
            at = time.monotonic()
            try:
                answer = self.client.get(page, timeout=REQUEST_TIMEOUT)
                sample = Sample(at, page, time.monotonic() - at, answer.status)
            except (urllib.error.URLError, OSError) as error:
                sample = Sample(at, page, time.monotonic() - at, None, str(error))
            with self._lock:
                self.samples.append(sample)
            next_at = max(next_at + self.every, time.monotonic())
            self._stop.wait(next_at - time.monotonic())

    def __enter__(self) -> Sampler:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    def between(self, start: float, end: float) -> list[Sample]:
        with self._lock:
            return [s for s in self.samples if start <= s.at <= end]


# ---------------------------------------------------------------- the timed uploads


@dataclass
class Timed:
    rows: int
    fmt: str
    file_mb: float
    snapshot_on: datetime.date
    pk: int
    upload_s: float
    total_s: float
    mono_start: float  # time.monotonic() at the start of the POST
    mono_end: float  # and when the return's page said it was accepted
    latency: Latency
    leftovers: list[str]
    queue_s: float | None = None
    processing_s: float | None = None
    headcount: int | None = None


def name(rows: int, fmt: str) -> str:
    return f"{run._size(rows)} {'CSV' if fmt == 'csv' else 'Parquet'}"


class Dates:
    """A new snapshot date for each upload, so that each is accepted as its own snapshot."""

    def __init__(self, first: datetime.date = datetime.date(2001, 3, 31)) -> None:
        self.next = first

    def __call__(self) -> datetime.date:
        day, self.next = self.next, self.next + datetime.timedelta(days=1)
        return day


def timed_upload(
    client: Client,
    server: Server,
    sampler: Sampler,
    file: Path,
    rows: int,
    fmt: str,
    snapshot_on: datetime.date,
    work: Path,
    polls: list[float],
) -> Timed:
    posted = post_return(client, file, snapshot_on, work)
    finished, status = follow(client, posted.pk, latencies=polls)
    if status.state != "accepted":
        raise BenchError(f"{name(rows, fmt)} (return {posted.pk}) was not accepted: {status.text}")
    total = finished - posted.started
    latency = Latency.of(sampler.between(posted.started, finished))
    leftovers = [str(p.relative_to(server.var)) for p in files_under(server.returns_dir)]
    leftovers += [p.name for p in files_under(server.var / "tmp") if ".upload" in p.name]
    print(
        f"{name(rows, fmt):<12} return {posted.pk:>3}: upload {posted.seconds:6.2f} s,"
        f" accepted after {total:6.2f} s; pages: max {latency.worst * 1000:,.0f} ms"
        f" ({latency.requests} requests, {latency.unanswered} unanswered)",
        flush=True,
    )
    return Timed(
        rows=rows,
        fmt=fmt,
        file_mb=file.stat().st_size / run.MIB / run.MIB,
        snapshot_on=snapshot_on,
        pk=posted.pk,
        upload_s=posted.seconds,
        total_s=total,
        mono_start=posted.started,
        mono_end=finished,
        latency=latency,
        leftovers=leftovers,
    )


def add_records(server: Server, timed: Sequence[Timed]) -> None:
    """Queue wait and processing time from each return's record."""
    records = server.returns([t.pk for t in timed])
    for t in timed:
        record = records[t.pk]
        created, started, finished = (
            timestamp(record[key]) for key in ("created_at", "started_at", "finished_at")
        )
        if created is not None and started is not None:
            t.queue_s = started - created
        if started is not None and finished is not None:
            t.processing_s = finished - started
        t.headcount = record["headcount"]


# ---------------------------------------------------------------- the worker killed part-way


@dataclass
class Check:
    what: str
    passed: bool
    detail: str


@dataclass
class Killed:
    pk: int | None = None
    attempts: int = 0
    progress: int | None = None
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)


def dashboard_snapshot(client: Client) -> int | None:
    """The snapshot Camden's dashboard shows as its latest."""
    answer = client.get(f"/o/{ORG}/workforce/")
    found = re.search(rf"/o/{ORG}/workforce/snapshots/(\d+)/", answer.body)
    return int(found.group(1)) if found else None


def stopped_sentence(text: str) -> str:
    """The sentence of the page that says the return was stopped, else its first words."""
    start = text.find(STOPPED_TEXT)
    if start < 0:
        return text[:160]
    end = text.find(". ", start)
    return text[start : end + 1 if end > 0 else start + 160]


def stage_at(progress: int | None) -> str:
    """The stage a progress percentage stands for (STAGE_PROGRESS in tri.returns.enums)."""
    stages = {10: "reading", 55: "computing", 80: "disclosure control", 92: "saving"}
    return stages.get(progress or 0, "unknown")


def wait_for(predicate: Any, timeout: float, every: float = 0.25) -> float | None:
    """Seconds until predicate() is true, or None after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(every)
    return None


def kill_worker_part_way(
    client: Client, server: Server, file: Path, work: Path, small: Path
) -> Killed:
    """Kill the worker while it computes a return's figures; see what the service does."""
    result = Killed()
    before_id, before_page = server.latest_accepted(), dashboard_snapshot(client)
    killed_at = 0.0
    old_pid = None
    # Later than any snapshot: had the return been accepted, the dashboard would show it.
    snapshot_on = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=1)
    for attempt in range(1, 4):
        result.attempts = attempt
        old_pid = server.worker_pid()
        if old_pid is None:
            raise BenchError("no db_worker process to kill")
        posted = post_return(client, file, snapshot_on, work)
        result.pk = posted.pk
        status = get_status(client, posted.pk)
        while status.state == "pending" and status.progress < COMPUTING_PROGRESS:
            time.sleep(KILL_POLL_EVERY)
            status = get_status(client, posted.pk)
        if status.state == "pending":
            os.kill(old_pid, signal.SIGKILL)
            killed_at = time.monotonic()
            result.progress = status.progress
            break
        print(f"return {posted.pk} finished before the worker could be killed; again", flush=True)
        before_id, before_page = server.latest_accepted(), dashboard_snapshot(client)
    else:
        result.checks.append(Check("The worker was killed part-way", False, "too quick, 3 tries"))
        return result
    pk = posted.pk
    print(f"killed db_worker {old_pid} at {result.progress}% of return {pk}", flush=True)

    def restarted() -> bool:
        pid = server.worker_pid()
        return pid is not None and pid != old_pid

    seconds = wait_for(restarted, 30, every=0.1)
    new_pid = server.worker_pid()
    result.checks.append(
        Check(
            "The supervisor started a new worker",
            seconds is not None,
            f"after {seconds:.1f} s (pid {old_pid} → {new_pid})"
            if seconds is not None
            else "no new db_worker within 30 s",
        )
    )
    finished, status = follow(client, pk, timeout=KILL_STALE_SECONDS + 60)
    reported = finished - killed_at
    reported_ok = status.state == "failed" and STOPPED_TEXT in status.text
    result.checks.append(
        Check(
            f"The return's page says it was stopped and not accepted once the worker has been "
            f"silent for TRI_RETURN_STALE_SECONDS ({KILL_STALE_SECONDS} s; the page is asked "
            f"every {POLL_EVERY} s)",
            reported_ok and reported <= KILL_STALE_SECONDS + 1,
            f"after {reported:.1f} s: “{stopped_sentence(status.text)}”",
        )
    )
    after_id, after_page = server.latest_accepted(), dashboard_snapshot(client)
    result.checks.append(
        Check(
            "The organisation's accepted figures are as they were",
            before_id == after_id and before_page == after_page and before_id != "none",
            f"latest accepted: {before_id} before, {after_id} after; the dashboard shows "
            f"snapshot {before_page} before, {after_page} after",
        )
    )
    gone = wait_for(
        lambda: not any(server.returns_dir.iterdir()) if server.returns_dir.is_dir() else True,
        SERVE_SWEEP_SECONDS + KILL_STALE_SECONDS + 30,
    )
    result.checks.append(
        Check(
            "The upload folder under TRI_VAR_DIR/returns/ is deleted",
            gone is not None,
            f"{reported + (gone or 0):.1f} s after the kill (by the supervisor's sweep, every "
            f"{SERVE_SWEEP_SECONDS} s)"
            if gone is not None
            else f"still there {SERVE_SWEEP_SECONDS + KILL_STALE_SECONDS + 30} s later: "
            + ", ".join(str(p.relative_to(server.var)) for p in files_under(server.returns_dir)),
        )
    )
    record = server.returns([pk])[pk]
    result.checks.append(
        Check(
            "Its record says not accepted, stopped",
            record["status"] == "failed" and STOPPED_TEXT in (record["error"] or ""),
            f"status {record['status']}, stage {record['stage']}",
        )
    )
    posted = post_return(client, small, snapshot_on, work)
    finished, status = follow(client, posted.pk)
    result.checks.append(
        Check(
            "The new worker processes the next upload",
            status.state == "accepted",
            f"{small.name} uploaded again for the same date: {status.state} after "
            f"{finished - posted.started:.1f} s",
        )
    )
    return result


# ---------------------------------------------------------------- privacy


@dataclass
class Privacy:
    refs: list[str]
    leftovers: list[str]
    uploads_checked: int
    searched_mb: float
    found: dict[str, list[str]]  # where → refs found there

    @property
    def passed(self) -> bool:
        return not self.leftovers and not self.found


def privacy_check(server: Server, refs: Sequence[str], timed: Sequence[Timed]) -> Privacy:
    """No ref of the uploaded files in any file under TRI_VAR_DIR, the database or the log."""
    needles = [r.encode("utf-8") for r in refs]
    found: dict[str, list[str]] = {}
    searched = 0
    places = [(str(p.relative_to(server.var)), p.read_bytes()) for p in files_under(server.var)]
    places.append((f"the {server.database} database", server.database_dump()))
    places.append(("the server's log", server.log.read_bytes()))
    for where, content in places:
        searched += len(content)
        hits = [r for r, n in zip(refs, needles, strict=True) if n in content]
        if hits:
            found[where] = hits
    leftovers = sorted({item for t in timed for item in t.leftovers})
    return Privacy(list(refs), leftovers, len(timed), searched / run.MIB / run.MIB, found)


# ---------------------------------------------------------------- BENCHMARKS.md


def _s(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}"


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value * 1000:,.0f}"


def _median(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if known else None


def grouped(timed: Sequence[Timed]) -> dict[tuple[int, str], list[Timed]]:
    groups: dict[tuple[int, str], list[Timed]] = {}
    for t in timed:
        groups.setdefault((t.rows, t.fmt), []).append(t)
    return groups


def results_table(timed: Sequence[Timed]) -> str:
    rows = []
    for (size, fmt), runs in grouped(timed).items():
        totals = [t.total_s for t in runs]
        rows.append(
            [
                name(size, fmt),
                f"{runs[0].file_mb:,.1f}",
                str(len(runs)),
                _s(_median([t.upload_s for t in runs])),
                _s(_median([t.queue_s for t in runs])),
                _s(_median([t.processing_s for t in runs])),
                _s(statistics.median(totals)),
                _s(max(totals)),
            ]
        )
    headers = [
        "Return",
        "File MB",
        "Runs",
        "Upload (HTTP) s",
        "Queue wait s",
        "Processing s",
        "Total s",
        "Slowest total s",
    ]
    return run._table(headers, rows, right_from=1)


def latency_row(label: str, latency: Latency) -> list[str]:
    return [
        label,
        f"{latency.requests:,}",
        f"{latency.unanswered:,}",
        _ms(latency.median),
        _ms(latency.p95),
        _ms(latency.worst),
    ]


def latency_table(idle: Latency, during: dict[str, Latency]) -> str:
    rows = [latency_row("Idle, before the uploads", idle)]
    rows += [latency_row(f"During the {label} uploads", value) for label, value in during.items()]
    headers = ["When", "Requests", "Not answered", "Median ms", "95th percentile ms", "Max ms"]
    return run._table(headers, rows, right_from=1)


def during(timed: Sequence[Timed], sampler: Sampler) -> tuple[dict[str, Latency], Latency]:
    """Latencies while each kind of return was uploaded and processed, and for all of them."""
    per_case = {
        name(*case): Latency.of(
            [s for t in runs for s in sampler.between(t.mono_start, t.mono_end)]
        )
        for case, runs in grouped(timed).items()
    }
    everything = Latency.of([s for t in timed for s in sampler.between(t.mono_start, t.mono_end)])
    return per_case, everything


def targets_table(timed: Sequence[Timed], all_during: Latency) -> str:
    rows = []
    for (size, fmt), runs in grouped(timed).items():
        if size != TARGET_ROWS:
            continue
        totals = [t.total_s for t in runs]
        met = max(totals) < TARGET_SECONDS
        rows.append(
            [
                f"A {name(size, fmt)} employee return accepted in under {TARGET_SECONDS:.0f} s,"
                " end to end",
                f"median {statistics.median(totals):.1f} s, slowest {max(totals):.1f} s"
                f" ({len(runs)} runs)",
                "yes" if met else "no",
            ]
        )
    responsive = all_during.requests > 0 and all_during.unanswered == 0
    rows.append(
        [
            "The pages answer throughout every upload",
            f"{all_during.requests:,} requests, {all_during.unanswered} not answered;"
            f" slowest {all_during.worst:.2f} s",
            "yes" if responsive else "no",
        ]
    )
    return run._table(["Target", "Measured", "Met?"], rows)


def kill_section(killed: Killed | None) -> str:
    if killed is None:
        return "Not run this time (`--skip-kill`)."
    rows = [[c.what, "pass" if c.passed else "**FAIL**", c.detail] for c in killed.checks]
    verdict = "**Passed.**" if killed.passed else "**FAILED.**"
    tries = f" (on try {killed.attempts})" if killed.attempts > 1 else ""
    return (
        f"The server is started again on the same database with TRI_RETURN_STALE_SECONDS="
        f"{KILL_STALE_SECONDS}. The {name(*KILL_CASE)} return is uploaded for a new, later "
        f"snapshot date; once its page shows it at the computing stage or later (it was at "
        f"{stage_at(killed.progress)}, {killed.progress}%{tries}), the `db_worker` process is killed with SIGKILL. "
        f"{verdict}\n\n" + run._table(["Check", "Result", "Measured"], rows)
    )


def privacy_section(privacy: Privacy) -> str:
    refs = ", ".join(f"`{r}`" for r in privacy.refs)
    left = (
        f"**Left behind: {', '.join(privacy.leftovers)}.**"
        if privacy.leftovers
        else "nothing was left"
    )
    found = (
        "; ".join(f"**{where}: {', '.join(refs)}**" for where, refs in privacy.found.items())
        if privacy.found
        else "none of them was found"
    )
    verdict = "**Passed.**" if privacy.passed else "**FAILED.**"
    return (
        f"{verdict} After each of the {run._plural(privacy.uploads_checked, 'timed upload')}, "
        f"TRI_VAR_DIR/returns/ and the server's temporary folder were looked at: {left}. At "
        f"the end, every file under TRI_VAR_DIR (the database with it), the database's content "
        f"and the server's log ({privacy.searched_mb:,.0f} MB in all) were searched for "
        f"employee_ref values of the uploaded files ({refs}): {found}."
    )


def versions() -> dict[str, str]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {"Django": version("django"), "gunicorn": version("gunicorn")}


@dataclass
class Report:
    timed: list[Timed]
    idle: Latency
    during: dict[str, Latency]
    all_during: Latency
    killed: Killed | None
    privacy: Privacy
    database: str
    repeat: int
    started: datetime.datetime
    load: float
    status_polls: Latency

    @property
    def passed(self) -> bool:
        return self.privacy.passed and (self.killed is None or self.killed.passed)


def markdown(report: Report) -> str:
    minutes = (datetime.datetime.now(datetime.UTC) - report.started).total_seconds() / 60
    info = (
        run.machine()
        | versions()
        | {
            "Database": report.database,
            "Load average (1 min)": f"{report.load:.2f} at the start, "
            f"{os.getloadavg()[0]:.2f} at the end",
        }
    )
    sizes = ", ".join(dict.fromkeys(name(t.rows, t.fmt) for t in report.timed))
    a = report.all_during
    database = (
        "a fresh SQLite database in a temporary folder"
        if report.database == "SQLite"
        else "the PostgreSQL database DATABASE_URL names"
    )
    busy = (
        f" The machine was not idle: its load average was {report.load:.2f} at the start, so"
        " these times are on the slow side."
        if report.load > 1.0
        else ""
    )
    return f"""{TITLE}

The quality bar: *uploading a 1M-row employee return completes on this 2-core machine in under
a minute end to end, with the page responsive throughout.*

[`benchmarks/upload.py`](benchmarks/upload.py) starts the service as `make run` does
(`manage.py serve`: gunicorn with two sync workers, and the database task worker) on
{database} with the demo data, signs in as Camden's editor and uploads synthetic
employee returns ({sizes}; `tri workforce generate`, seed {run.SEED}, the files `make bench`
uses) through the upload form as a browser does: a multipart POST, sent by curl. The clock
starts when the POST starts and stops when the return's page, asked every {POLL_EVERY} s (its
htmx panel asks every second), says the return was accepted. Upload is the POST until its
answer, the redirect to the return's page; queue wait (from when the POST recorded the return
until the worker started it) and processing (started to finished: reading and checking every
row, the figures, disclosure control, saving them and deleting the upload) come from the
return's record. Each upload has its own snapshot
date, so each is accepted. The median of {run._plural(report.repeat, "run")} of each, after one
upload to warm the server up.

To run it again (about two minutes; the returns are generated once and kept in `var/bench/`):

```sh
make bench-upload    # or: uv run python -m benchmarks.upload [--cases 100k-csv,1M-csv,1M-parquet] [--repeat 3]
```

### Results

Measured {report.started:%Y-%m-%d %H:%M} UTC; the whole run took {minutes:.1f} minutes.{busy}

{results_table(report.timed)}

### Targets

{targets_table(report.timed, report.all_during)}

### Responsiveness

While each upload was sent and processed, two more threads with the same session asked for
Camden's workforce dashboard (`/o/{ORG}/workforce/`) and the home page every {SAMPLE_EVERY} s
each; at idle they did the same for {IDLE_SECONDS:.0f} s before the timed uploads. Latency is
from sending the request to the end of the answer. All uploads together:
{a.requests:,} requests, {a.unanswered} not answered, median {_ms(a.median)} ms, 95th
percentile {_ms(a.p95)} ms, slowest {_ms(a.worst)} ms. The return's own page, asked every
{POLL_EVERY} s by the benchmark: {report.status_polls.requests:,} requests, slowest
{_ms(report.status_polls.worst)} ms.

{latency_table(report.idle, report.during)}

### The worker killed part-way

{kill_section(report.killed)}

### Nothing of the rows is kept

{privacy_section(report.privacy)}

### Machine

{run._table(["", ""], [[key, value] for key, value in info.items()])}
"""


def reflow(text: str, width: int = 96) -> str:
    """Fill the prose paragraphs of Markdown to `width`; tables, code and headings as they are."""
    blocks = []
    for block in text.strip().split("\n\n"):
        if block.lstrip().startswith(("|", "```", "#", "<!--")):
            blocks.append(block)
        else:
            blocks.append(
                textwrap.fill(
                    " ".join(block.split()),
                    width=width,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
    return "\n\n".join(blocks) + "\n"


def write_section(path: Path, body: str, section: str = SECTION) -> None:
    """Put `body` between the markers of `section` (this script's, unless another benchmark
    names its own) in `path`, in place of what was there, or at the end; the rest of the file
    stays as it is."""
    start, end = markers(section)
    block = f"{start}\n{reflow(body).strip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = f"{text.rstrip()}\n\n{block}" if text.strip() else block
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the command


def parse_cases(text: str) -> list[tuple[int, str]]:
    """'100k-csv,1M-parquet' → [(100000, 'csv'), (1000000, 'parquet')]."""
    cases = []
    for part in text.split(","):
        found = re.fullmatch(r"\s*(\d+)([kKmM]?)-(csv|parquet)\s*", part)
        if found is None:
            raise ValueError(f"not a case: {part!r} (for example 1M-csv or 100k-parquet)")
        unit = {"": 1, "k": 1_000, "m": 1_000_000}[found.group(2).lower()]
        cases.append((int(found.group(1)) * unit, found.group(3)))
    return cases


@contextmanager
def running(server: Server, workers: int = 2, threads: int = 1, **extra: str) -> Iterator[Server]:
    try:
        server.start(workers, threads, **extra)
        yield server
    finally:
        server.stop()


def bench(args: argparse.Namespace, work: Path) -> Report:
    started = datetime.datetime.now(datetime.UTC)
    load = os.getloadavg()[0]
    cases = parse_cases(args.cases)
    env = run.child_env()
    files = {case: run.employee_file(args.cache, *case, env) for case in cases}
    kill_file = run.employee_file(args.cache, *KILL_CASE, env)
    small = min(files.values(), key=lambda p: p.stat().st_size)
    refs = sorted({ref for case in cases if case[1] == "csv" for ref in employee_refs(files[case])})
    if not refs:
        refs = employee_refs(kill_file)
    password = demo_password()
    server = Server.fresh(work)
    print(f"preparing the {server.database} database; TRI_VAR_DIR is {server.var}", flush=True)
    server.prepare()
    dates = Dates()
    timed: list[Timed] = []
    with running(server):
        client = Client(server.base)
        client.sign_in(EDITOR, password)
        pages = [f"/o/{ORG}/workforce/", "/"]
        with Sampler(client, pages) as sampler:
            warm = post_return(client, small, dates(), work)
            follow(client, warm.pk)
            idle_start = time.monotonic()
            time.sleep(IDLE_SECONDS)
            idle = Latency.of(sampler.between(idle_start, time.monotonic()))
            print(f"idle: max {idle.worst * 1000:,.0f} ms over {idle.requests} requests")
            polls: list[float] = []
            for _turn in range(args.repeat):
                for case in cases:
                    file = files[case]
                    timed.append(
                        timed_upload(client, server, sampler, file, *case, dates(), work, polls)
                    )
            per_case, everything = during(timed, sampler)
        add_records(server, timed)
    killed = None
    if not args.skip_kill:
        with running(server, TRI_RETURN_STALE_SECONDS=str(KILL_STALE_SECONDS)):
            client = Client(server.base)
            client.sign_in(EDITOR, password)
            killed = kill_worker_part_way(client, server, kill_file, work, small)
    privacy = privacy_check(server, refs, timed)
    return Report(
        timed=timed,
        idle=idle,
        during=per_case,
        all_during=everything,
        killed=killed,
        privacy=privacy,
        database=server.database,
        repeat=args.repeat,
        started=started,
        load=load,
        status_polls=Latency.of_seconds(polls),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time uploading workforce returns to tri, end to end."
    )
    parser.add_argument(
        "--cases",
        default=",".join(f"{run._size(rows)}-{fmt}" for rows, fmt in CASES),
        help="returns to upload, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed uploads of each return")
    parser.add_argument("--skip-kill", action="store_true", help="skip killing the worker")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get(run.CACHE_ENV, ROOT / "var" / "bench")),
        help=f"where the generated returns are kept (${run.CACHE_ENV}; default: var/bench)",
    )
    args = parser.parse_args(argv)
    try:
        parse_cases(args.cases)
    except ValueError as error:
        parser.error(str(error))
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="tri-bench-upload-") as folder:
        work = Path(folder)
        try:
            report = bench(args, work)
        except BenchError as error:
            print(f"FAILED: {error}", file=sys.stderr)
            log = work / "server.log"
            if log.exists():
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
                print(f"--- the end of the server's log\n{tail}", file=sys.stderr)
            return 1
    write_section(args.out, markdown(report))
    print(f"wrote the upload section of {args.out}")
    if not report.passed:
        print("a check FAILED: see the section", file=sys.stderr)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
