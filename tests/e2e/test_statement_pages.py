"""The Anti-Racist Statement's pages in headless Chromium: each audited with axe-core against
WCAG 2.2 AA (as tests/e2e/test_accessibility.py does for the rest of the service), and one
journey done with the keyboard only, its Content Security Policy enforced: an organisation's
admin records the adoption London Councils returned, the coordinator confirms it, and it is on
the public register.

The demo (seed_demo, tri.statement.demo) has ten confirmed adoptions, Lewisham's waiting and
Islington's returned.
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import ADMIN, COORDINATOR, Demo, sign_in
from tests.e2e.test_accessibility import axe_violations, describe
from tests.e2e.test_journeys import (
    arrive,
    assert_focus_visible,
    keyboard_sign_in,
    press_and_wait,
    tab_to,
    watch_for_problems,
)
from tri.accounts.models import User
from tri.organisations.enums import Role
from tri.organisations.models import Organisation
from tri.organisations.services import grant_role
from tri.rounds.management.commands.seed_demo import DEMO_PASSWORD
from tri.statement.enums import AdoptionStatus
from tri.statement.models import Adoption

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ISLINGTON_APPROVER = "approver@islington.demo"
LEWISHAM_APPROVER = "approver@lewisham.demo"
#: Not a demo person: Islington's admin, made for the journey.
ISLINGTON_ADMIN = "admin@islington.test"


@pytest.fixture
def axe_page(new_context: Callable[..., BrowserContext]) -> Page:
    # axe is injected as an inline <script>, which the service's Content Security Policy
    # rightly refuses; the audited pages bypass CSP so axe can run. The journey keeps it.
    return new_context(bypass_csp=True).new_page()


def opened(page: Page, path: str) -> int:
    response = page.goto(path)
    assert response is not None
    return response.status


def sent(page: Page, path: str, button: str, fill: dict[str, str] | None = None) -> int:
    """Open a form, fill some fields (by label), send it with `button`: the HTTP status."""
    page.goto(path)
    main = page.locator("main")
    for label, value in (fill or {}).items():
        main.get_by_label(label, exact=True).fill(value)
    with page.expect_navigation() as navigation:
        main.get_by_role("button", name=button).first.click()
    response = navigation.value
    assert response is not None
    return response.status


#: name -> (who, how the page is reached, part of the h1, expected status)
PAGES: dict[str, tuple[str | None, Callable[[Page], int], str, int]] = {
    "register": (None, lambda p: opened(p, "/statement/"), "Anti-Racist Statement", 200),
    "organisation-returned": (
        ISLINGTON_APPROVER,
        lambda p: opened(p, "/o/islington/statement/"),
        "Anti-Racist Statement",
        200,
    ),
    "organisation-errors": (
        ISLINGTON_APPROVER,
        lambda p: sent(
            p,
            "/o/islington/statement/",
            "Record adoption",
            {"Link to the published decision": "ftp://example.org/minutes", "Decision": ""},
        ),
        "Anti-Racist Statement",
        400,
    ),
    "organisation-confirmed-admin": (
        ADMIN,
        lambda p: opened(p, "/o/camden/statement/"),
        "Anti-Racist Statement",
        200,
    ),
    "organisation-waiting": (
        LEWISHAM_APPROVER,
        lambda p: opened(p, "/o/lewisham/statement/"),
        "Anti-Racist Statement",
        200,
    ),
    "organisation-coordinator": (
        COORDINATOR,
        lambda p: opened(p, "/o/lewisham/statement/"),
        "Anti-Racist Statement",
        200,
    ),
    "queue": (COORDINATOR, lambda p: opened(p, "/statement/adoptions/"), "Adoptions", 200),
    "queue-errors": (
        COORDINATOR,
        lambda p: sent(p, "/statement/adoptions/", "Return Lewisham's adoption"),
        "Adoptions",
        400,
    ),
    "home-coordinator": (COORDINATOR, lambda p: opened(p, "/"), "Your organisations", 200),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_statement_page_has_no_accessibility_violations(
    axe_page: Page, demo: Demo, name: str
) -> None:
    who, open_page, heading, expected = PAGES[name]
    if who is not None:
        sign_in(axe_page, who)
    status = open_page(axe_page)
    assert status == expected, f"{name}: HTTP {status} at {axe_page.url}"
    expect(axe_page.locator("h1").first).to_contain_text(heading)
    if expected == 400:
        expect(axe_page.locator(".govuk-error-summary")).to_be_visible()
    violations, _unused = axe_violations(axe_page, [])
    assert not violations, f"{name} ({axe_page.url}):\n{describe(violations)}"


def test_keyboard_only_record_confirm_and_publish(page: Page, demo: Demo) -> None:
    problems = watch_for_problems(page)
    islington = Organisation.objects.get(slug="islington")
    admin = User.objects.create_user(ISLINGTON_ADMIN, DEMO_PASSWORD, full_name="Ines Admin")
    grant_role(organisation=islington, user=admin, role=Role.ADMIN, actor=None)
    corrected = "https://example.org/demo/islington/minutes-2023-07-10"

    # Islington's admin opens the Statement page from the organisation's page.
    page.goto("/accounts/sign-in/")
    keyboard_sign_in(page, ISLINGTON_ADMIN)
    arrive(page)
    tab_to(page, "main a", "Islington")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "main a", "Anti-Racist Statement")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Anti-Racist Statement")
    expect(page.locator("main .govuk-inset-text")).to_contain_text("not to the decision")

    # The returned record fills the form; the admin corrects the link and records it.
    arrive(page)
    tab_to(page, "input[name=decision]")
    assert page.evaluate("() => document.activeElement.value") == (
        "Executive, 10 July 2023, item 12 (demo)"
    )
    tab_to(page, "input[name=link]")
    page.keyboard.press("Control+a")
    page.keyboard.type(corrected)
    tab_to(page, "main button[type=submit]", "Record adoption")
    press_and_wait(page, "Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Adoption recorded.")
    expect(page.locator("main h2.govuk-heading-m").first).to_have_text(
        "Recorded: waiting for London Councils to confirm it"
    )
    current = Adoption.objects.get(organisation=islington, status=AdoptionStatus.RECORDED)
    assert (current.link, current.recorded_by) == (corrected, admin)

    # Not on the public register yet.
    page.goto("/statement/")
    expect(page.locator("main table")).not_to_contain_text("Islington")

    # The coordinator signs in from the header, confirms it from the list...
    arrive(page)
    tab_to(page, "header button", "Sign out")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "header a", "Sign in")
    press_and_wait(page, "Enter")
    keyboard_sign_in(page, COORDINATOR)
    arrive(page)
    tab_to(page, "main a", "Confirm adoptions of the Anti-Racist Statement")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Adoptions of the Anti-Racist Statement")
    arrive(page)
    # (The button's name is "Confirm Islington's adoption"; the organisation's name is
    # visually hidden, so innerText puts it on a line of its own.)
    tab_to(page, "main form[action$='/confirm/'] button", "Islington")
    press_and_wait(page, "Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Islington's adoption confirmed: it is on the public register."
    )
    current.refresh_from_db()
    assert current.status == AdoptionStatus.CONFIRMED

    # ... and it is on the public register. (GOV.UK Frontend moves the focus to the success
    # banner, so the next Tab goes on from there.)
    assert assert_focus_visible(page, ".govuk-notification-banner")["matches"]
    tab_to(page, "main a", "See the public register")
    press_and_wait(page, "Enter")
    expect(page.locator("main")).to_contain_text(
        "11 of 33 London local authorities have adopted the Statement."
    )
    row = page.locator("main table tr").filter(has_text="Islington")
    expect(row).to_contain_text("10 July 2023")
    expect(row.get_by_role("link")).to_have_attribute("href", corrected)
    assert re.search(r"/statement/$", page.url)

    assert not problems, "\n".join(problems)
