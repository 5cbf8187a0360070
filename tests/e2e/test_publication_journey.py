"""Publishing and benchmarks done with the keyboard only, in headless Chromium with the service's
Content Security Policy enforced: Camden's approver publishes a new version and follows it to
the public site, where the earlier versions stay; the coordinator and a borough's editor reach
the 2025 round's benchmarks from the list of rounds and read the heat map.

After the first page.goto (the sign-in page), every step is a key press: Tab to reach a link,
button or field (each one passed on the way must show GOV.UK's focus state), Enter to follow or
send it, Space to tick a box.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import APPROVER, COORDINATOR, EDITOR, Demo
from tests.e2e.test_journeys import (
    arrive,
    assert_focus_visible,
    keyboard_sign_in,
    press_and_wait,
    tab_to,
    watch_for_problems,
)
from tri.publication.models import Publication
from tri.rounds.management.commands.seed_demo import BENCHMARK_ROUND

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEAT_MAP = "div.tri-table-wrap[aria-labelledby=heat-map-title]"
ANONYMOUS = re.compile(r"^Organisation \d+$")


def summary_value(page: Page, key: str) -> Locator:
    """The value of a row of the page's first summary list, by its key."""
    rows = page.locator("main .govuk-summary-list").first.locator(".govuk-summary-list__row")
    return rows.filter(has=page.locator("dt", has_text=key)).locator("dd")


def test_keyboard_only_publish_a_new_version_and_follow_it_to_the_public_site(
    page: Page, demo: Demo
) -> None:
    problems = watch_for_problems(page)
    versions = Publication.objects.filter(organisation=demo.camden).count()
    new = versions + 1
    assert versions >= 2, "the demo publishes Camden twice"

    # Camden's approver reaches the publish page from the home page.
    page.goto("/accounts/sign-in/")
    keyboard_sign_in(page, APPROVER)
    arrive(page)
    tab_to(page, "main a", "Camden")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "main a", "Publish your results")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Publish your results")

    # Every part with something behind it is ticked; Space leaves the targets out.
    arrive(page)
    tab_to(page, "input#part-targets")
    targets = page.locator("input#part-targets")
    expect(targets).to_be_checked()
    page.keyboard.press("Space")
    expect(targets).not_to_be_checked()
    tab_to(page, "input#part-workforce", backwards=True)
    expect(page.locator("input#part-workforce")).to_be_checked()
    tab_to(page, "main button[type=submit]", "Publish a new version")
    press_and_wait(page, "Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Published as version {new}. Earlier versions stay online."
    )
    publication = Publication.objects.get(organisation=demo.camden, version=new)
    assert publication.parts == ["statement", "assessment", "workforce"]

    # The new version is listed first; its link opens the public page.
    # (GOV.UK Frontend moves the focus to the success banner; Tab goes on from there.)
    assert assert_focus_visible(page, ".govuk-notification-banner")["matches"]
    tab_to(page, "main table a", f"Version {new}")
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/public/o/camden/v{new}/$"))
    expect(page.locator("h1")).to_contain_text("Camden")
    expect(summary_value(page, "Version")).to_have_text(f"{new} ({new} versions in all)")
    main = page.locator("main")
    expect(main).to_contain_text("This publication does not include targets.")
    expect(main.locator(".govuk-notification-banner")).to_have_count(0)

    # The version before it is still there, and says a newer one exists.
    arrive(page)
    tab_to(page, "main ul.govuk-list a", f"Version {versions},")
    press_and_wait(page, "Enter")
    expect(page).to_have_url(re.compile(rf"/public/o/camden/v{versions}/$"))
    expect(summary_value(page, "Version")).to_have_text(f"{versions} ({new} versions in all)")
    expect(main.locator(".govuk-notification-banner")).to_contain_text(
        f"This is version {versions}. A newer version ({new}) has been published."
    )
    expect(main).not_to_contain_text("This publication does not include targets.")

    assert not problems, "\n".join(problems)


def keyboard_open_benchmark(page: Page) -> Locator:
    """From the home page: back up to the rounds list in the header (signing in skipped to the
    main content), the 2025 round, its benchmarks, and on to the heat map's scrolling region.
    The heat map table."""
    arrive(page)
    tab_to(page, "header a", "Rounds and peer review", backwards=True)
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Rounds and peer review")
    arrive(page)
    tab_to(page, "main table a", BENCHMARK_ROUND)
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_contain_text(BENCHMARK_ROUND)
    arrive(page)
    tab_to(page, "main a", "Benchmarks")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Benchmarks")
    expect(page.locator("main .govuk-caption-l")).to_have_text(BENCHMARK_ROUND)
    arrive(page)
    tab_to(page, HEAT_MAP)
    region = page.locator(HEAT_MAP)
    expect(region).to_have_attribute("role", "region")
    expect(page.locator("#heat-map-title")).to_have_text(
        "Heat map: final level by organisation and category"
    )
    table = region.locator("table")
    expect(table.locator("caption")).to_have_text(
        "Final level and points by organisation and category"
    )
    header = table.locator("thead th[scope=col]")
    expect(header.first).to_have_text("Organisation")
    assert header.count() > 1
    rows = table.locator("tbody tr")
    assert rows.count() >= 2
    expect(table.locator("tbody tr > th[scope=row]")).to_have_count(rows.count())
    return table


def row_names(table: Locator) -> list[str]:
    """Each row's organisation, without the "You" tag of one's own."""
    return [
        " ".join(name.replace("You", "").split())
        for name in table.locator("tbody th[scope=row]").all_inner_texts()
    ]


def test_keyboard_only_benchmarks_named_for_the_coordinator_and_anonymous_for_a_borough(
    page: Page, demo: Demo
) -> None:
    problems = watch_for_problems(page)

    # The coordinator sees every organisation by name.
    page.goto("/accounts/sign-in/")
    keyboard_sign_in(page, COORDINATOR)
    table = keyboard_open_benchmark(page)
    named = row_names(table)
    assert demo.camden.name in named
    assert not [name for name in named if ANONYMOUS.match(name)], named
    expect(table.locator(".tri-heat-map__own")).to_have_count(0)

    # Signed out from the header, back up from the heat map.
    tab_to(page, "header button", "Sign out", backwards=True)
    press_and_wait(page, "Enter")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # Camden's editor sees Camden's row named and marked, and every other row anonymous.
    arrive(page)
    tab_to(page, "header a", "Sign in")
    press_and_wait(page, "Enter")
    keyboard_sign_in(page, EDITOR)
    table = keyboard_open_benchmark(page)
    names = row_names(table)
    assert len(names) == len(named)
    assert [name for name in names if not ANONYMOUS.match(name)] == [demo.camden.name]
    own = table.locator("tbody tr.tri-heat-map__own")
    expect(own).to_have_count(1)
    expect(own.locator("th")).to_contain_text(demo.camden.name)
    expect(own.locator("th .govuk-tag")).to_have_text("You")
    for other in set(named) - {demo.camden.name}:
        expect(table).not_to_contain_text(other)

    assert not problems, "\n".join(problems)
