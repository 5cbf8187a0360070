"""Whole journeys through the service in headless Chromium, with its Content Security Policy
enforced: the Standard's worked example answered, signed off and seen by the right people;
the same done with the keyboard only; and a criterion saved with JavaScript switched off."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Locator, Page, expect

from tests.e2e.conftest import (
    APPROVER,
    COORDINATOR,
    EDITOR,
    LAMBETH_EDITOR,
    Demo,
    sign_in,
    sign_out,
)
from tri.assessments.models import Assessment
from tri.rounds.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: The Standard's worked example for Category 1: (row, level, category points once saved).
WORKED_EXAMPLE = [
    ("1.1", "established", 2),
    ("1.2", "developing", 3),
    ("1.3", "established", 5),
    ("1.4", "established", 7),
    ("1.5", "established", 9),
    ("1.6", "leading", 12),
    ("1.7", "none", 12),
    ("1.8", "leading", 15),
]


def watch_for_problems(page: Page) -> list[str]:
    """Collect script errors and Content Security Policy violations as the page runs."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"{page.url}: {message.text}")

    def on_error(error: Error) -> None:
        problems.append(f"{page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    return problems


def block_id(row: str) -> str:
    return "c-" + row.replace(".", "-")


def category_row(page: Page, title: str) -> Locator:
    return page.locator("main table").first.locator("tr").filter(has_text=title)


# ---------------------------------------------------------------- a. the worked example


def test_worked_example_is_scored_signed_off_and_seen_only_by_the_right_people(
    page: Page, demo: Demo
) -> None:
    problems = watch_for_problems(page)
    overview = demo.path(demo.camden_draft)

    # The editor finds the draft from their home page and opens Category 1.
    sign_in(page, EDITOR)
    page.locator("main").get_by_role("link", name="Camden", exact=True).click()
    page.locator("main").get_by_role("link", name="2024 (demo)").click()
    expect(page).to_have_url(re.compile(re.escape(overview) + "$"))
    expect(page.locator("main .govuk-tag")).to_have_text("Draft")
    page.locator("main").get_by_role("link", name="1. Strategic Leadership and Management").click()
    expect(page.locator("h1")).to_contain_text("Category 1: Strategic Leadership and Management")

    panel = page.locator("#score-panel")
    expect(panel).to_have_attribute("aria-live", "polite")
    expect(panel).to_contain_text("0 of 8 criteria answered")
    # Saving goes through htmx: the page is never reloaded, so this marker survives.
    page.evaluate("() => { window.triNotReloaded = true; }")

    for answered, (row, level, points) in enumerate(WORKED_EXAMPLE, start=1):
        before = panel.inner_text()
        block = page.locator(f"#{block_id(row)}")
        block.locator(f'input[name="{block_id(row)}-level"][value="{level}"]').check()
        block.get_by_role("button", name=f"Save {row}").click()
        expect(block.get_by_role("status")).to_have_text(f"Criterion {row} saved.")
        expect(panel.locator(".tri-score__points")).to_have_text(re.compile(rf"^\s*{points} of "))
        expect(panel).to_contain_text(f"{answered} of 8 criteria answered")
        assert panel.inner_text() != before, f"the score panel did not change after {row}"
        expect(block.locator(f'input[value="{level}"]')).to_be_checked()

    expect(panel.locator(".tri-score__points")).to_have_text(re.compile(r"^\s*15 of "))
    expect(panel).to_contain_text("Level: Established")
    assert page.evaluate("() => window.triNotReloaded") is True
    # The answers are in the database, not only on the page.
    page.reload()
    expect(panel.locator(".tri-score__points")).to_have_text(re.compile(r"^\s*15 of "))

    # The approver signs it off from the overview.
    sign_out(page)
    sign_in(page, APPROVER)
    page.goto(overview)
    page.locator("main").get_by_role("link", name="Sign off and submit").click()
    expect(page.locator("h1")).to_have_text("Sign off and submit")
    expect(category_row(page, "Strategic Leadership")).to_contain_text("15 of")
    page.locator("main").get_by_role("button", name="Sign off and submit").click()
    expect(page).to_have_url(re.compile(re.escape(overview) + "$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("signed off and submitted")
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted")
    assert Assessment.objects.get(pk=demo.camden_draft.pk).is_submitted

    # Category 1 is now locked: read-only answers, no form to change them.
    page.goto(demo.path(demo.camden_draft, "categories/1/"))
    main = page.locator("main")
    expect(main.locator(".govuk-inset-text")).to_contain_text("signed off and is locked")
    expect(main.locator("form")).to_have_count(0)
    expect(main.locator("input, textarea, select")).to_have_count(0)
    expect(main.get_by_role("button", name=re.compile("^Save"))).to_have_count(0)
    expect(main.locator("#c-1-6 .govuk-summary-list")).to_contain_text("Leading")
    expect(panel.locator(".tri-score__points")).to_have_text(re.compile(r"^\s*15 of "))

    # Another organisation's editor cannot tell the assessment exists.
    sign_out(page)
    sign_in(page, LAMBETH_EDITOR)
    for path in (overview, demo.path(demo.camden_draft, "categories/1/")):
        response = page.goto(path)
        assert response is not None
        assert response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
        expect(page.locator("main")).not_to_contain_text("Camden")

    # London Councils' coordinator reads the submitted assessment.
    sign_out(page)
    sign_in(page, COORDINATOR)
    response = page.goto(overview)
    assert response is not None
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Self-assessment: 2024 (demo)")
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted")
    category_1 = category_row(page, "Strategic Leadership")
    expect(category_1.locator("td").nth(1)).to_have_text(re.compile(r"^\s*15 of "))
    expect(category_1).to_contain_text("Established")

    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- b. keyboard only

#: Describes the focused element and whether it shows GOV.UK's focus state: the yellow focus
#: colour as outline, background, border or box shadow (on the label's ::before for a radio).
FOCUSED = """([selector, text]) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const focus = "rgb(255, 221, 0)";
  const styles = [getComputedStyle(el)];
  if (el.matches("input[type=radio], input[type=checkbox]") && el.labels.length) {
    styles.push(getComputedStyle(el.labels[0], "::before"));
  }
  const indicated = styles.some((s) =>
    (s.outlineStyle !== "none" && s.outlineColor === focus && parseFloat(s.outlineWidth) >= 2)
    || s.backgroundColor === focus || s.borderTopColor === focus || s.boxShadow.includes(focus));
  const box = (el.labels && el.labels.length ? el.labels[0] : el).getBoundingClientRect();
  const label = (el.innerText || el.getAttribute("aria-label") || el.name || "").trim();
  return {
    element: `<${el.tagName.toLowerCase()}${el.id ? " id=" + el.id : ""}> ${label.slice(0, 60)}`,
    indicated: indicated,
    shown: box.width > 0 && box.height > 0,
    matches: el.matches(selector) && (!text || label.includes(text)),
    style: styles.map((s) => `outline: ${s.outlineStyle} ${s.outlineColor} ${s.outlineWidth}; `
      + `background: ${s.backgroundColor}; border: ${s.borderTopColor}; shadow: ${s.boxShadow}`),
  };
}"""


def focused(page: Page, selector: str = "*", text: str = "") -> dict[str, Any] | None:
    result: dict[str, Any] | None = page.evaluate(FOCUSED, [selector, text])
    return result


def has_focus(page: Page, selector: str, text: str = "") -> bool:
    state = focused(page, selector, text)
    return state is not None and bool(state["matches"])


def assert_focus_visible(page: Page, selector: str = "*", text: str = "") -> dict[str, Any]:
    state = focused(page, selector, text)
    assert state is not None, f"focus was lost to the page body at {page.url}"
    assert state["indicated"], (
        f"no visible focus indicator on {state['element']} at {page.url}: {state['style']}"
    )
    assert state["shown"], f"focused element is not on screen: {state['element']}"
    return state


def tab_to(page: Page, selector: str, text: str = "", *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `selector` (whose text includes `text`) has the focus,
    checking every element passed on the way shows that it has the focus. Nothing is pressed
    if it has the focus already."""
    key = "Shift+Tab" if backwards else "Tab"
    if has_focus(page, selector, text):
        assert_focus_visible(page, selector, text)
        return
    for _ in range(80):
        page.keyboard.press(key)
        if assert_focus_visible(page, selector, text)["matches"]:
            return
    raise AssertionError(f"{key} never reached {selector} {text!r} on {page.url}")


def arrive(page: Page) -> None:
    """On a newly loaded page the first Tab lands on the skip link; if the address names a
    fragment (after a redirect carried over "#main-content"), inside that fragment."""
    expect(page.locator("h1")).to_be_visible()
    page.keyboard.press("Tab")
    _, hash_sign, fragment = page.url.partition("#")
    expected = f"#{fragment} *" if hash_sign else "a.govuk-skip-link[href='#main-content']"
    state = assert_focus_visible(page, expected)
    assert state["matches"], f"first tab stop is {state['element']}, not {expected}"


def press_and_wait(page: Page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_sign_in(page: Page, email: str) -> None:
    arrive(page)
    page.keyboard.press("Enter")  # skip to the main content
    assert has_focus(page, "main#main-content"), "the skip link did not move the focus"
    tab_to(page, "input[name=username]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    tab_to(page, "input[name=username]", backwards=True)
    assert page.evaluate("() => document.activeElement.value") == email
    tab_to(page, "input[name=password]")
    page.keyboard.type(DEMO_PASSWORD)
    tab_to(page, "main button[type=submit]", "Sign in")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Your organisations")


def keyboard_open_draft(page: Page) -> None:
    arrive(page)
    tab_to(page, "main a", "Camden")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "main a", "2024 (demo)")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Self-assessment: 2024 (demo)")


def test_keyboard_only_sign_in_answer_and_submit(page: Page, demo: Demo) -> None:
    problems = watch_for_problems(page)
    page.goto("/accounts/sign-in/")
    keyboard_sign_in(page, EDITOR)
    keyboard_open_draft(page)

    # Category 1, criterion 1.1: Space picks the first level, an arrow key moves to the next.
    arrive(page)
    tab_to(page, "main a", "Strategic Leadership and Management")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "input[name=c-1-1-level]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=c-1-1-level][value=developing]")).to_be_checked()
    page.keyboard.press("ArrowDown")
    assert_focus_visible(page)
    checked = page.locator("input[name=c-1-1-level]:checked")
    expect(checked).to_have_value("established")
    assert has_focus(page, "input[name=c-1-1-level][value=established]")
    tab_to(page, "#c-1-1-save")
    page.keyboard.press("Enter")
    expect(page.locator("#c-1-1").get_by_role("status")).to_have_text("Criterion 1.1 saved.")
    expect(page.locator("#score-panel .tri-score__points")).to_have_text(re.compile(r"^\s*2 of "))
    # htmx replaced the block; the focus comes back to the new Save button, not the body.
    state = assert_focus_visible(page, "#c-1-1-save")
    assert state["matches"], f"after saving, the focus is on {state['element']}"

    # Back up to the header's Sign out button.
    tab_to(page, "header button", "Sign out", backwards=True)
    press_and_wait(page, "Enter")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    # The approver signs in from the header link and submits.
    arrive(page)
    tab_to(page, "header a", "Sign in")
    press_and_wait(page, "Enter")
    keyboard_sign_in(page, APPROVER)
    keyboard_open_draft(page)
    arrive(page)
    tab_to(page, "main a.govuk-button", "Sign off and submit")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Sign off and submit")
    arrive(page)
    tab_to(page, "main button[type=submit]", "Sign off and submit")
    press_and_wait(page, "Space")
    expect(page.locator("main .govuk-tag").first).to_have_text("Submitted")
    assert Assessment.objects.get(pk=demo.camden_draft.pk).is_submitted

    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- c. without JavaScript


def test_saving_a_criterion_without_javascript(
    new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, EDITOR)
    page.goto(demo.path(demo.camden_draft, "categories/1/"))
    block = page.locator("#c-1-1")
    block.locator('input[name="c-1-1-level"][value="leading"]').check()
    block.get_by_label("Evidence for 1.1", exact=True).fill(
        "Board minutes, March 2024 (fictional)."
    )
    with page.expect_navigation():
        block.get_by_role("button", name="Save 1.1").click()
    expect(page).to_have_url(re.compile(r"/categories/1/#c-1-1$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Criterion 1.1 saved.")
    expect(page.locator("#score-panel .tri-score__points")).to_have_text(re.compile(r"^\s*3 of "))
    expect(block.locator('input[value="leading"]')).to_be_checked()
    expect(block.get_by_label("Evidence for 1.1", exact=True)).to_have_value(
        "Board minutes, March 2024 (fictional)."
    )
