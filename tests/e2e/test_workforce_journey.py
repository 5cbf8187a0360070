"""Workforce data with the keyboard only, in headless Chromium with the service's Content
Security Policy enforced: Camden's editor signs in, uploads a return (the test settings process
it in the request), reads the trends on the dashboard and sets a target; then uploads a return
with a bad pay value, reads which row and column to fix, and finds the earlier figures as they
were. Tab, Shift+Tab, Enter, Space and the arrow keys only: no clicks (Playwright chooses the
file for the focused file input, as the operating system's file picker would)."""

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import EDITOR, Demo
from tests.e2e.test_journeys import arrive, keyboard_sign_in, press_and_wait, tab_to
from tests.e2e.test_round_journey import watch_for_problems
from tests.factories.returns import csv_bytes, employee_frame
from tri.returns.enums import ReturnStatus
from tri.returns.models import Target, WorkforceReturn
from tri.workforce.measures import measure_label

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Later than any of the demo's snapshots, so each is the latest when uploaded.
GOOD_ON = date(2025, 9, 30)
BAD_ON = date(2025, 12, 31)
#: A measure the demo sets no target on.
MEASURE = "pay_gap.median:ethnic_minority"
ROWS = 300


def return_file(folder: Path, name: str, *, bad_pay: bool = False) -> Path:
    """A synthetic employee return; with `bad_pay`, the third employee's (row 4 of the file,
    counting the header) hourly pay is "n/a"."""
    content = csv_bytes(employee_frame(ROWS, seed=11, snapshot=GOOD_ON), folder, "generated.csv")
    if bad_pay:
        lines = content.decode().splitlines()
        pay = lines[0].split(",").index("hourly_pay")
        cells = lines[3].split(",")
        cells[pay] = "n/a"
        lines[3] = ",".join(cells)
        content = ("\n".join(lines) + "\n").encode()
    path = folder / name
    path.write_bytes(content)
    return path


def focused_value(page: Page) -> str:
    value: str = page.evaluate("() => document.activeElement.value")
    return value


def type_date(page: Page, day: date) -> None:
    """Type a date into the GOV.UK date input whose Day box has the focus: day, Tab, month,
    Tab, year."""
    for part in (day.day, day.month, day.year):
        if part != day.day:
            page.keyboard.press("Tab")
        page.keyboard.type(str(part))


def upload_by_keyboard(page: Page, snapshot_on: date, path: Path) -> None:
    """From the workforce page: open the upload form, fill it and send it with Enter."""
    arrive(page)
    tab_to(page, "main a", "Upload a return")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Upload a workforce return")
    arrive(page)
    tab_to(page, "input[name=snapshot_on_0]")
    type_date(page, snapshot_on)
    tab_to(page, "input[name=upload]")
    page.locator(":focus").set_input_files(path)
    tab_to(page, "main button[type=submit]", "Upload and check")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text(
        f"Workforce return for {snapshot_on.day} {snapshot_on:%B %Y}"
    )


def sign_in_and_open_workforce_data(page: Page) -> None:
    """Sign in as Camden's editor, then go from the home page to Camden's workforce data."""
    page.goto("/accounts/sign-in/")
    keyboard_sign_in(page, EDITOR)
    arrive(page)
    tab_to(page, "main a", "Camden")
    press_and_wait(page, "Enter")
    arrive(page)
    tab_to(page, "main a", "Workforce data")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Workforce data")


def test_upload_read_trends_and_set_a_target_by_keyboard(
    page: Page, demo: Demo, tmp_path: Path
) -> None:
    problems = watch_for_problems(page)
    folder = tmp_path
    sign_in_and_open_workforce_data(page)

    # A good return: accepted as soon as it is uploaded.
    upload_by_keyboard(page, GOOD_ON, return_file(folder, "camden-staff.csv"))
    progress = page.locator("#return-progress")
    expect(progress).to_contain_text("Return accepted")
    accepted = WorkforceReturn.objects.get(organisation=demo.camden, snapshot_on=GOOD_ON)
    assert accepted.status == ReturnStatus.COMPLETE
    assert accepted.headcount is not None
    assert 0 < accepted.headcount <= ROWS  # staff in post: leavers are not counted
    expect(progress).to_contain_text(f"Figures for {accepted.headcount} staff at 30 September 2025")

    # On to the dashboard, and its trends.
    arrive(page)
    tab_to(page, "main a", "See your workforce data")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Workforce data")
    main = page.locator("main")
    expect(main).to_contain_text("Latest snapshot: 30 September 2025")
    expect(page.get_by_role("heading", name="Trends across snapshots")).to_be_visible()
    expect(main.locator(".tri-chart-figure").first).to_be_visible()

    # A target, set with the keyboard.
    arrive(page)
    tab_to(page, "main .tri-actions a", "Targets")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Workforce targets")
    arrive(page)
    tab_to(page, "select[name=measure]")
    for _ in range(200):
        if focused_value(page) == MEASURE:
            break
        page.keyboard.press("ArrowDown")
    assert focused_value(page) == MEASURE, f"{MEASURE} is not in the list of measures"
    tab_to(page, "input[name=direction]")
    page.keyboard.press("ArrowDown")  # from "At least" to "At most": a smaller gap is better
    expect(page.locator("input[name=direction][value=at_most]")).to_be_checked()
    tab_to(page, "textarea[name=milestones]")
    page.keyboard.type("2025=10, 2026=5")
    tab_to(page, "input[name=note]")
    page.keyboard.type("Close the gap (keyboard journey)")
    tab_to(page, "main button[type=submit]", "Add target")
    press_and_wait(page, "Enter")
    expect(page.get_by_role("alert")).to_contain_text("Target added.")
    label = measure_label(MEASURE)
    expect(page.locator("main .tri-target h3").filter(has_text=label)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Close the gap (keyboard journey)")
    target = Target.objects.get(organisation=demo.camden, measure=MEASURE)
    assert target.milestones == {"2025": 10.0, "2026": 5.0}
    assert target.direction == "at_most"

    assert not problems, "\n".join(problems)


def test_a_refused_return_names_the_row_and_column_and_keeps_the_figures(
    page: Page, demo: Demo, tmp_path: Path
) -> None:
    problems = watch_for_problems(page)
    folder = tmp_path
    sign_in_and_open_workforce_data(page)
    upload_by_keyboard(page, GOOD_ON, return_file(folder, "camden-staff.csv"))
    expect(page.locator("#return-progress")).to_contain_text("Return accepted")
    earlier = WorkforceReturn.objects.get(organisation=demo.camden, snapshot_on=GOOD_ON)

    # Back to the dashboard, and a return with a bad pay value.
    arrive(page)
    tab_to(page, "main a", "See your workforce data")
    press_and_wait(page, "Enter")
    upload_by_keyboard(page, BAD_ON, return_file(folder, "camden-bad.csv", bad_pay=True))
    progress = page.locator("#return-progress")
    expect(progress).to_contain_text("This return was not accepted")
    table = page.locator("table#problems")
    row = table.locator("tbody tr").filter(has_text="hourly_pay")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("camden-bad.csv")
    expect(cells.nth(1)).to_have_text(re.compile(r"^4\b"))
    expect(cells.nth(2)).to_have_text("hourly_pay")
    expect(cells.nth(3)).not_to_contain_text("n/a")  # the cell value is not kept
    refused = WorkforceReturn.objects.get(organisation=demo.camden, snapshot_on=BAD_ON)
    assert refused.status == ReturnStatus.FAILED
    assert refused.full is None
    assert refused.published is None

    # The error summary takes the focus (GOV.UK Frontend), so a screen reader reads it first.
    expect(page.locator(".govuk-error-summary")).to_be_focused()

    # The dashboard, reached by the back link and the uploads list, has the earlier figures.
    tab_to(page, "a.govuk-back-link", "All uploads", backwards=True)
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Workforce return uploads")
    arrive(page)
    tab_to(page, "a.govuk-back-link", "Back to workforce data")
    press_and_wait(page, "Enter")
    expect(page.locator("h1")).to_have_text("Workforce data")
    main = page.locator("main")
    expect(main).to_contain_text("Latest snapshot: 30 September 2025")
    staff = main.locator(".tri-headlines__item").filter(has_text="Staff in post")
    expect(staff.locator("dd")).to_have_text(f"{earlier.headcount:,}")
    expect(main.locator(".govuk-notification-banner")).to_contain_text(
        "The return for 31 December 2025: Not accepted."
    )

    assert not problems, "\n".join(problems)
