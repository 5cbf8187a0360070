"""The service's main command: the web server and the background worker, together.

`make run` calls this. It starts gunicorn and the database task worker (`db_worker`) as child
processes, restarts the worker if it dies (a return it was processing is then reported as
stopped, and the organisation's earlier figures are untouched), sweeps stalled returns,
orphaned upload folders and the records of tasks that finished over 14 days ago every half
minute, and stops both children on Ctrl+C or SIGTERM.
"""

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from tri.returns import services

#: How often the supervisor looks for stalled returns and orphaned uploads (seconds).
SWEEP_EVERY = 30
#: How long the database queue keeps the record of a finished task (a return's id and the
#: task's outcome; never figures or rows).
TASK_RESULTS_KEPT_DAYS = 14


class Command(BaseCommand):
    help = "Run the web server and the background worker (what `make run` starts)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="threads per worker (more than 1: gunicorn's gthread workers, with keep-alive)",
        )
        parser.add_argument("--no-worker", action="store_true", help="web server only")

    def handle(
        self, *args: Any, bind: str, workers: int, threads: int, no_worker: bool, **options: Any
    ) -> None:
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self._sweep()
        web = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tri.config.wsgi",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--access-logfile",
                "-",
            ]
        )
        worker = None if no_worker else self._start_worker()
        last_sweep = time.monotonic()
        try:
            while not self._stopping and web.poll() is None:
                if worker is not None and worker.poll() is not None:
                    self.stderr.write(
                        f"The background worker stopped (exit {worker.returncode}); restarting it."
                    )
                    self._sweep()
                    worker = self._start_worker()
                if time.monotonic() - last_sweep > SWEEP_EVERY:
                    self._sweep()
                    last_sweep = time.monotonic()
                time.sleep(0.5)
        finally:
            for child in (worker, web):
                if child is not None and child.poll() is None:
                    child.terminate()
            for child in (worker, web):
                if child is not None:
                    try:
                        child.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        child.kill()

    def _start_worker(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "db_worker",
                "--interval",
                "0.5",
                "--no-reload",
                "--no-startup-delay",
            ]
        )

    def _sweep(self) -> None:
        stopped = services.fail_stalled_returns()
        orphaned = services.delete_orphaned_uploads()
        if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            call_command("prune_db_task_results", min_age_days=TASK_RESULTS_KEPT_DAYS, verbosity=0)
        if stopped or orphaned:
            self.stdout.write(
                f"Marked {stopped} stalled return(s) as stopped; deleted {orphaned} orphaned upload(s)."
            )

    def _stop(self, signum: int, frame: Any) -> None:
        self._stopping = True
