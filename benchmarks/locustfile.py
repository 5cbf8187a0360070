"""The load that `benchmarks/load.py` puts on the running service, with locust.

Not run on its own: load.py starts the service, writes the targets (the national round's
number, the slugs of the organisations that published and the people to sign in as) into the
JSON file TRI_LOAD_TARGETS names, and runs locust headless with this file. Each kind of
person waits 0.5–1.5 s between requests, as someone reading pages (or a harvester being polite)
does, so 50 clients make about 50 requests a second.

Requests are named by what they ask for ("public: organisation page"), not by address, so the
statistics come per kind of page whatever organisation was asked for. The clients are locust's
FastHttpUser (geventhttpclient): with its default HttpUser (requests) about 2% of requests,
even to the minimal view, took a second more on the client's side, which a plain http.client
probe at the same rate never saw.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, task

TARGETS: dict[str, Any] = json.loads(Path(os.environ["TRI_LOAD_TARGETS"]).read_text())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WAIT = between(0.5, 1.5)


def _slug() -> str:
    return str(random.choice(TARGETS["published"]))  # noqa: S311 - choosing pages, not secrets


class _SignedIn(FastHttpUser):
    abstract = True
    wait_time = WAIT
    email = ""

    def on_start(self) -> None:
        page = self.client.get("/accounts/sign-in/", name="sign in (page)")
        token = CSRF.search(page.text)
        if token is None:
            raise RuntimeError("the sign-in page has no CSRF token")
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.email,
                "password": TARGETS["password"],
            },
            name="sign in",
            catch_response=True,
        ) as answer:
            if not any(cookie.name == "sessionid" for cookie in self.client.cookiejar):
                answer.failure(f"signing in as {self.email} failed")

    def _benchmark(self, name: str) -> None:
        self.client.get(f"/rounds/{TARGETS['round']}/benchmark/", name=name)


class Coordinator(_SignedIn):
    """London Councils' coordinator: the benchmark with every organisation named."""

    weight = 2
    email = "coordinator@londoncouncils.demo"

    @task
    def benchmark(self) -> None:
        self._benchmark("benchmark: coordinator (named)")


class Borough(_SignedIn):
    """A borough's editor: the benchmark with its own row named, the rest anonymous."""

    weight = 2
    email = "editor@camden.demo"

    @task
    def benchmark(self) -> None:
        self._benchmark("benchmark: borough (anonymised)")


class Public(FastHttpUser):
    """Anyone: the public site and the Statement register."""

    weight = 4
    wait_time = WAIT

    @task(4)
    def organisation(self) -> None:
        self.client.get(f"/public/o/{_slug()}/", name="public: organisation page")

    @task(2)
    def version(self) -> None:
        self.client.get(f"/public/o/{_slug()}/v1/", name="public: a version's page")

    @task(1)
    def index(self) -> None:
        self.client.get("/public/", name="public: index")

    @task(1)
    def london(self) -> None:
        self.client.get("/public/london/", name="public: London overview")

    @task(1)
    def register(self) -> None:
        self.client.get("/statement/", name="public: Statement register")


class Api(FastHttpUser):
    """A harvester or an app reading the API."""

    weight = 4
    wait_time = WAIT

    @task(2)
    def organisations(self) -> None:
        page = random.randint(1, TARGETS["organisation_pages"])  # noqa: S311
        self.client.get(f"/api/v1/organisations?page={page}", name="api: organisations (a page)")

    @task(4)
    def organisation(self) -> None:
        self.client.get(f"/api/v1/organisations/{_slug()}", name="api: an organisation")

    @task(1)
    def versions(self) -> None:
        self.client.get(f"/api/v1/organisations/{_slug()}/versions", name="api: versions")

    @task(1)
    def adoptions(self) -> None:
        self.client.get("/api/v1/statement/adoptions", name="api: Statement adoptions")

    @task(1)
    def london(self) -> None:
        self.client.get("/api/v1/london", name="api: London overview")


class Floor(FastHttpUser):
    """The minimal Django view on the same server: the floor for every other figure."""

    weight = 2
    wait_time = WAIT

    @task
    def health(self) -> None:
        self.client.get("/healthz", name="floor: minimal Django view")
