"""Browser tests: headless Chromium (Playwright) against pytest-django's live server.

One browser per session; a fresh context and page per test; the demo data seeded per test
(live_server tests are transactional, so the database is emptied after every test).
"""

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

from tri.assessments.models import Assessment
from tri.organisations.models import Organisation
from tri.rounds.management.commands.seed_demo import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TRI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

EDITOR = "editor@camden.demo"
APPROVER = "approver@camden.demo"
VIEWER = "viewer@camden.demo"
ADMIN = "admin@camden.demo"
LAMBETH_EDITOR = "editor@lambeth.demo"
COORDINATOR = "coordinator@londoncouncils.demo"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests after every other test (keeping each group's order): once the
    browser is up, an event loop runs in the main thread until the session ends (see below)."""
    items[:] = sorted(items, key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"No Chromium at {CHROMIUM} (set TRI_CHROMIUM)")
    # Playwright's sync API keeps an event loop running in the main thread while it is started,
    # and Django refuses ORM calls (the tests', and the database flush between them) from a
    # thread with a running loop. The browser tests run last, so nothing else sees this.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def returns_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Workforce returns uploaded by the demo, the tests or the live server wait in a folder of
    the test's own (the live server runs in this process, so it sees this setting)."""
    folder = tmp_path / "returns"
    settings.TRI_RETURNS_DIR = folder
    return folder


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts aimed at the live server; all are closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page with the service's Content Security Policy enforced, as a visitor has it."""
    return new_context().new_page()


@dataclass(frozen=True)
class Demo:
    camden: Organisation
    camden_draft: Assessment  # "2024 (demo)": Category 1 unanswered
    camden_pilot: Assessment  # "2023 pilot (demo)": submitted
    lambeth: Assessment  # "2024 (demo)": submitted

    @staticmethod
    def path(assessment: Assessment, suffix: str = "") -> str:
        return f"{assessment.get_absolute_url()}{suffix}"


@pytest.fixture(scope="session")
def demo_dump(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the seeded demo is dumped once per session (see `demo`)."""
    return tmp_path_factory.mktemp("demo") / "demo.json"


#: What the dump leaves out: rows every database makes itself, and per-test state.
DUMP_EXCLUDES = ["contenttypes", "auth.permission", "sessions", "axes"]


@pytest.fixture
def demo(transactional_db: None, demo_dump: Path) -> Demo:
    """The demo data. `seed_demo` runs through the services once per session (15–20 s); its
    rows are then dumped, and every later test loads the dump (a few seconds) into the
    database the live server tests empty between tests."""
    if demo_dump.exists():
        call_command("loaddata", str(demo_dump), stdout=StringIO())
    else:
        call_command("seed_demo", stdout=StringIO())
        call_command("dumpdata", exclude=DUMP_EXCLUDES, output=str(demo_dump), stdout=StringIO())
    camden = Organisation.objects.get(slug="camden")
    return Demo(
        camden=camden,
        camden_draft=Assessment.objects.get(organisation=camden, period="2024 (demo)"),
        camden_pilot=Assessment.objects.get(organisation=camden, period="2023 pilot (demo)"),
        lambeth=Assessment.objects.get(organisation__slug="lambeth", period="2024 (demo)"),
    )


def fill_date(scope: Page | Locator, legend: str, day: date) -> None:
    """Fill the GOV.UK date input whose legend is `legend`: its Day, Month and Year boxes."""
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form, then land on the home page."""
    page.goto("/accounts/sign-in/")
    main = page.locator("main")
    main.get_by_label("Email address").fill(email)
    main.get_by_label("Password").fill(password)
    with page.expect_navigation():
        main.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
