"""Every page of the service, audited with axe-core against WCAG 2.2 AA in headless Chromium.

Each page is opened as the person who would see it (anonymous where it is public), in the
state that shows the most markup: forms for an editor, read-only answers for a viewer, error
summaries after a bad submission.
"""

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from playwright.sync_api import BrowserContext, FilePayload, Page, Route, expect

from tests.e2e.conftest import (
    ADMIN,
    APPROVER,
    COORDINATOR,
    EDITOR,
    ROOT,
    VIEWER,
    Demo,
    fill_date,
    sign_in,
)
from tests.factories.returns import csv_bytes, employee_frame, upload
from tri.accounts.models import User
from tri.organisations.enums import Role
from tri.organisations.models import ComparisonGroup
from tri.organisations.services import invite_person
from tri.returns import services as return_services
from tri.returns.enums import FileRole, ReturnKind, ReturnStatus, Stage
from tri.returns.models import Target, WorkforceReturn
from tri.rounds.management.commands.seed_demo import DEMO_GROUP
from tri.rounds.models import Round
from tri.standard import CELC_TRI, Catalogue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target, html: n.html, summary: n.failureSummary})),
  }));
}"""

#: Known failures that are let through: page -> (axe rule, regular expression the failing
#: element's CSS selector must match), each with its reason. Nothing else is excluded.
EXCLUDED: dict[str, list[tuple[str, str]]] = {
    # None at present. (The admin's memberships were a TabularInline, whose inputs Django
    # leaves unlabelled; tri.common.admin now uses a StackedInline, which labels each field.)
}

SECTIONS = [
    section.id
    for category in Catalogue.load().get(CELC_TRI, "14").categories
    for section in category.sections
]
WORKED_EXAMPLE = ROOT / "examples" / "worked-example-category-1.yaml"


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    # axe is injected as an inline <script>, which the service's Content Security Policy
    # rightly refuses; these pages bypass CSP so axe can run. The journeys keep CSP enforced.
    return new_context(bypass_csp=True).new_page()


# ---------------------------------------------------------------- how each page is reached

#: Opens the page and returns the HTTP status of the document being audited.
Opener = Callable[[Page, Demo], int]


def at(path: Callable[[Demo], str]) -> Opener:
    def open_page(page: Page, demo: Demo) -> int:
        response = page.goto(path(demo))
        assert response is not None
        return response.status

    return open_page


def submitting(path: Callable[[Demo], str], button: str, *, untick: bool = False) -> Opener:
    """Open a form and send it empty with its button, to see its errors (`untick`: clear its
    ticked checkboxes first)."""

    def open_page(page: Page, demo: Demo) -> int:
        page.goto(path(demo))
        main = page.locator("main")
        if untick:
            for box in main.locator("input[type=checkbox]:enabled").all():
                box.set_checked(False)
        with page.expect_navigation() as navigation:
            main.get_by_role("button", name=button).click()
        response = navigation.value
        assert response is not None
        return response.status

    return open_page


def category_path(assessment: str, section: str) -> Callable[[Demo], str]:
    def path(demo: Demo) -> str:
        return demo.path(getattr(demo, assessment), f"categories/{section}/")

    return path


def invitation(demo: Demo) -> str:
    admin = User.objects.get(email=ADMIN)
    _, token = invite_person(
        organisation=demo.camden, email="new.person@camden.demo", role=Role.VIEWER, actor=admin
    )
    return f"/accounts/invitations/{token}/"


def people_with_an_invitation(demo: Demo) -> str:
    invitation(demo)
    return "/o/camden/people/"


def link_errors(page: Page, demo: Demo) -> int:
    """A criterion's "Add a link" form sent empty: the page comes back with errors."""
    page.goto(demo.path(demo.camden_draft, "categories/1/"))
    block = page.locator("#c-1-1")
    block.get_by_text("Add a link or file to 1.1").click()
    with page.expect_navigation() as navigation:
        block.get_by_role("button", name="Add link").click()
    response = navigation.value
    assert response is not None
    return response.status


def import_preview(page: Page, demo: Demo) -> int:
    page.goto(demo.path(demo.camden_draft, "import/"))
    page.locator("main").get_by_label("Response file").set_input_files(WORKED_EXAMPLE)
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button", name="Check the file").click()
    response = navigation.value
    assert response is not None
    return response.status


def locked_out(page: Page, demo: Demo) -> int:
    """Wrong passwords for one address until django-axes locks it (not a demo person)."""
    page.goto("/accounts/sign-in/")
    for _attempt in range(10):
        main = page.locator("main")
        main.get_by_label("Email address").fill("nobody@example.invalid")
        main.get_by_label("Password").fill("not-the-password")
        with page.expect_navigation() as navigation:
            main.get_by_role("button", name="Sign in").click()
        response = navigation.value
        assert response is not None
        if "Too many attempts" in page.locator("h1").inner_text():
            return response.status
    raise AssertionError("Never locked out")


def server_error(page: Page, demo: Demo) -> int:
    """The 500 page, which must render without the database or the layout: served as is."""
    body = render_to_string("errors/500.html")

    def fulfil(route: Route) -> None:
        route.fulfill(status=500, body=body, content_type="text/html; charset=utf-8")

    page.route("**/server-error/", fulfil)
    return at(lambda d: "/server-error/")(page, demo)


def benchmark(demo: Demo) -> str:
    """The benchmark of the demo's closed 2025 round (eleven boroughs with final scores)."""
    return f"/rounds/{Round.objects.get(name='2025 round (demo)').pk}/benchmark/"


def open_round(suffix: str = "") -> Callable[[Demo], str]:
    """A page of the demo's open round (one assessment at each stage of peer review)."""

    def path(demo: Demo) -> str:
        return f"/rounds/{Round.objects.get(name='2026 round (demo)').pk}/{suffix}"

    return path


def demo_group(suffix: str) -> Callable[[Demo], str]:
    """A page of the demo's comparison group (six north London boroughs)."""

    def path(demo: Demo) -> str:
        return f"/rounds/groups/{ComparisonGroup.objects.get(name=DEMO_GROUP).pk}/{suffix}"

    return path


# ---------------------------------------------------------------- workforce data

#: Camden's returns, uploaded here if the demo has none (the demo's own come from seed_demo).
CAMDEN_SNAPSHOTS = (date(2024, 3, 31), date(2025, 3, 31))


def _employee_csv(seed: int, snapshot: date, bad_pay: bool = False) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        content = csv_bytes(employee_frame(300, seed=seed, snapshot=snapshot), Path(folder))
    if not bad_pay:
        return content
    lines = content.decode().splitlines()
    pay = lines[0].split(",").index("hourly_pay")
    cells = lines[3].split(",")
    cells[pay] = "n/a"
    lines[3] = ",".join(cells)
    return "\n".join(lines).encode()


def camden_snapshots(demo: Demo) -> list[WorkforceReturn]:
    """Camden's accepted returns, newest first: at least two, so trends and target progress
    show. The demo seeds three; until it does, two small ones are uploaded here."""
    complete = WorkforceReturn.objects.filter(
        organisation=demo.camden, status=ReturnStatus.COMPLETE
    )
    if complete.count() < 2:
        editor = User.objects.get(email=EDITOR)
        for seed, snapshot in enumerate(CAMDEN_SNAPSHOTS, start=1):
            if not complete.filter(snapshot_on=snapshot).exists():
                upload(demo.camden, editor, _employee_csv(seed, snapshot), snapshot_on=snapshot)
    return list(complete.order_by("-snapshot_on"))


def camden_target(demo: Demo) -> Target:
    """One of Camden's targets: the demo's, or one set here."""
    camden_snapshots(demo)
    target = Target.objects.filter(organisation=demo.camden, removed_at__isnull=True).first()
    if target is None:
        target = return_services.set_target(
            organisation=demo.camden,
            measure="senior.top_5pct_ethnic_minority_pct",
            direction="at_least",
            milestones={2023: 35.0, 2024: 45.0, 2025: 50.0},
            note="Top earners",
            actor=User.objects.get(email=EDITOR),
        )
    return target


def refused_return(demo: Demo) -> WorkforceReturn:
    """A return refused for a bad pay value: its status page has a table of problems."""
    refused = upload(
        demo.camden,
        User.objects.get(email=EDITOR),
        _employee_csv(7, CAMDEN_SNAPSHOTS[-1], bad_pay=True),
        snapshot_on=CAMDEN_SNAPSHOTS[-1],
    )
    assert refused.status == ReturnStatus.FAILED, refused.status
    return refused


def processing_return(demo: Demo) -> WorkforceReturn:
    """A return part-way through processing (its worker reported just now)."""
    now = timezone.now()
    return WorkforceReturn.objects.create(
        organisation=demo.camden,
        snapshot_on=CAMDEN_SNAPSHOTS[-1],
        kind=ReturnKind.EMPLOYEE,
        status=ReturnStatus.PROCESSING,
        stage=Stage.COMPUTING,
        files=[{"role": FileRole.RETURN, "name": "staff.csv", "size": 120_000}],
        uploaded_by=User.objects.get(email=EDITOR),
        started_at=now,
        heartbeat_at=now,
    )


def workforce(suffix: str = "") -> Callable[[Demo], str]:
    """A page of Camden's workforce data, once Camden has two accepted returns."""

    def path(demo: Demo) -> str:
        camden_snapshots(demo)
        return f"/o/camden/workforce/{suffix}"

    return path


def status_of(make: Callable[[Demo], WorkforceReturn]) -> Callable[[Demo], str]:
    def path(demo: Demo) -> str:
        camden_snapshots(demo)
        return make(demo).get_absolute_url()

    return path


def latest_snapshot(demo: Demo) -> WorkforceReturn:
    return camden_snapshots(demo)[0]


def every_kind_of_upload(demo: Demo) -> str:
    """The uploads list with an accepted, a refused and an in-progress return."""
    refused_return(demo)
    processing_return(demo)
    return "/o/camden/workforce/returns/"


def dashboard_after_a_refusal(demo: Demo) -> str:
    """The dashboard with a banner for a refused upload and one for an upload in progress."""
    refused_return(demo)
    processing_return(demo)
    return "/o/camden/workforce/"


def targets_page(demo: Demo) -> str:
    camden_target(demo)
    return "/o/camden/workforce/targets/"


def london(demo: Demo) -> str:
    camden_snapshots(demo)
    return "/london/workforce/"


def target_edit(demo: Demo) -> str:
    return f"/o/camden/workforce/targets/{camden_target(demo).pk}/"


def target_with_a_bad_trajectory(page: Page, demo: Demo) -> int:
    """The target edit form sent with a trajectory that does not parse."""
    page.goto(target_edit(demo))
    main = page.locator("main")
    main.get_by_label("Trajectory").fill("next year=lots")
    with page.expect_navigation() as navigation:
        main.get_by_role("button", name="Save").click()
    response = navigation.value
    assert response is not None
    return response.status


def bad_upload(page: Page, demo: Demo) -> int:
    """The upload form sent with a file that is not a return: refused before it is queued."""
    page.goto(workforce("upload/")(demo))
    main = page.locator("main")
    fill_date(main, "Snapshot date", date(2025, 3, 31))
    main.get_by_label("Employee return or aggregate return").set_input_files(
        files=FilePayload(name="notes.txt", mimeType="text/plain", buffer=b"not a return")
    )
    with page.expect_navigation() as navigation:
        main.get_by_role("button", name="Upload and check").click()
    response = navigation.value
    assert response is not None
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    return response.status


def category_with_a_suggestion(page: Page, demo: Demo) -> int:
    """Category 3 of Camden's draft, where the figures suggest levels for 3.1, 3.3 and 3.4."""
    camden_snapshots(demo)
    status = at(category_path("camden_draft", "3"))(page, demo)
    expect(page.locator(".tri-suggestion").first).to_be_visible()
    expect(
        page.locator("main").get_by_role("button", name=re.compile("^Accept this level"))
    ).not_to_have_count(0)
    return status


HACKNEY_EDITOR = "editor@hackney.demo"
SOUTHWARK_REVIEWER = "reviewer@southwark.demo"


@dataclass(frozen=True)
class Visit:
    who: str | None  # email of the person signed in, or None for anonymous
    open: Opener
    heading: str  # part of the h1, to be sure the audited page is the one meant
    status: int = 200


PAGES: dict[str, Visit] = {
    # Public pages
    "start": Visit(None, at(lambda d: "/"), "Tackling Racial Inequality"),
    "sign-in": Visit(None, at(lambda d: "/accounts/sign-in/"), "Sign in"),
    "sign-in-errors": Visit(
        None, submitting(lambda d: "/accounts/sign-in/", "Sign in"), "Sign in", 200
    ),
    "standard-index": Visit(None, at(lambda d: "/standard/"), "Tackling Racial Inequality"),
    "standard-grid": Visit(None, at(lambda d: "/standard/14/"), "Standard"),
    "workforce-data-standard": Visit(
        None, at(lambda d: "/workforce/data-standard/"), "The workforce data standard"
    ),
    "invitation": Visit(None, at(invitation), "Join Camden"),
    "invitation-errors": Visit(
        None, submitting(invitation, "Create account and join"), "Join Camden", 400
    ),
    "invitation-invalid": Visit(
        None, at(lambda d: "/accounts/invitations/not-a-real-token/"), "cannot be used", 404
    ),
    "not-found": Visit(None, at(lambda d: "/no-such-page/"), "Page not found", 404),
    "locked-out": Visit(None, locked_out, "Too many attempts", 429),
    "server-error": Visit(None, server_error, "problem with the service", 500),
    # An editor of Camden
    "home": Visit(EDITOR, at(lambda d: "/"), "Your organisations"),
    "organisation": Visit(EDITOR, at(lambda d: "/o/camden/"), "Camden"),
    "start-assessment": Visit(
        EDITOR, at(lambda d: "/o/camden/assessments/start/"), "Start an assessment"
    ),
    "start-assessment-errors": Visit(
        EDITOR,
        submitting(lambda d: "/o/camden/assessments/start/", "Start"),
        "Start an assessment",
        400,
    ),
    "overview-draft": Visit(EDITOR, at(lambda d: d.path(d.camden_draft)), "Self-assessment"),
    **{
        f"category-{section}-editable": Visit(
            EDITOR,
            at(category_path("camden_draft", section)),
            section,
        )
        for section in SECTIONS
    },
    "category-link-errors": Visit(EDITOR, link_errors, "Category 1", 400),
    "criterion-history": Visit(
        EDITOR, at(lambda d: d.path(d.camden_draft, "criteria/3.1/")), "History of 3.1"
    ),
    "import": Visit(EDITOR, at(lambda d: d.path(d.camden_draft, "import/")), "Import"),
    "import-errors": Visit(
        EDITOR,
        submitting(lambda d: d.path(d.camden_draft, "import/"), "Check the file"),
        "Import",
        400,
    ),
    "import-preview": Visit(EDITOR, import_preview, "Check the changes"),
    "copy": Visit(EDITOR, at(lambda d: d.path(d.camden_pilot, "copy/")), "next period"),
    "print": Visit(EDITOR, at(lambda d: d.path(d.camden_pilot, "print/")), "self-assessment"),
    # Camden's admin: the people page with its invitation form and an open invitation
    "people": Visit(ADMIN, at(people_with_an_invitation), "People and roles"),
    "people-errors": Visit(
        ADMIN,
        submitting(lambda d: "/o/camden/people/", "Send invitation"),
        "People and roles",
        400,
    ),
    # Camden's approver
    "submit": Visit(
        APPROVER, at(lambda d: d.path(d.camden_draft, "submit/")), "Sign off and submit"
    ),
    "return": Visit(APPROVER, at(lambda d: d.path(d.camden_pilot, "return/")), "Return for rework"),
    "return-errors": Visit(
        APPROVER,
        submitting(lambda d: d.path(d.camden_pilot, "return/"), "Return for rework"),
        "Return for rework",
        400,
    ),
    # Camden's viewer: everything read-only
    "overview-submitted": Visit(VIEWER, at(lambda d: d.path(d.camden_pilot)), "Self-assessment"),
    **{
        f"category-{section}-read-only": Visit(
            VIEWER,
            at(category_path("camden_pilot", section)),
            section,
        )
        for section in SECTIONS
    },
    "forbidden": Visit(
        VIEWER, at(lambda d: d.path(d.camden_draft, "submit/")), "You cannot do that", 403
    ),
    # London Councils' coordinator
    "organisation-list": Visit(COORDINATOR, at(lambda d: "/o/"), "Organisations"),
    "overview-coordinator": Visit(COORDINATOR, at(lambda d: d.path(d.lambeth)), "Self-assessment"),
    "guidance": Visit(
        COORDINATOR, at(lambda d: "/standard/14/criteria/1.1/guidance/"), "Guidance for 1.1"
    ),
    # The pilot scheme, as the coordinator
    "rounds": Visit(COORDINATOR, at(lambda d: "/rounds/"), "Rounds and peer review"),
    "round-open": Visit(COORDINATOR, at(lambda d: "/rounds/new/"), "Open a round"),
    "round-open-errors": Visit(
        COORDINATOR, submitting(lambda d: "/rounds/new/", "Open the round"), "Open a round", 400
    ),
    "round-tracker": Visit(COORDINATOR, at(open_round()), "2026 round (demo)"),
    "round-edit": Visit(COORDINATOR, at(open_round("edit/")), "Change the round"),
    "round-participants": Visit(COORDINATOR, at(open_round("participants/")), "Add organisations"),
    "round-close": Visit(COORDINATOR, at(open_round("close/")), "Close the round"),
    "pairing": Visit(COORDINATOR, at(open_round("pairing/")), "Pairing and peer reviewers"),
    "pairing-proposal": Visit(
        COORDINATOR, at(open_round("pairing/?propose=0")), "Pairing and peer reviewers"
    ),
    "calibration": Visit(COORDINATOR, at(open_round("calibration/")), "Calibration"),
    "evaluation": Visit(COORDINATOR, at(open_round("evaluation/")), "Evaluation"),
    "evaluation-named": Visit(COORDINATOR, at(open_round("evaluation/?named=1")), "Evaluation"),
    "review-final": Visit(COORDINATOR, at(open_round("reviews/camden/")), "Peer review of Camden"),
    "review-moderating": Visit(
        COORDINATOR, at(open_round("reviews/hackney/sections/1/")), "Strategic"
    ),
    "review-cycle": Visit(
        COORDINATOR, at(open_round("reviews/camden/cycles/1/")), "Review cycle 1 of Camden"
    ),
    "feedback-list": Visit(
        COORDINATOR, at(lambda d: "/rounds/feedback/"), "Feedback on the Standard"
    ),
    # A peer reviewer, judging; the reviewed organisation, replying; anyone, giving feedback
    "review-judging": Visit(
        SOUTHWARK_REVIEWER, at(open_round("reviews/islington/sections/1/")), "Strategic"
    ),
    "review-replying": Visit(HACKNEY_EDITOR, at(open_round("reviews/hackney/sections/3/")), "Data"),
    "review-reply-errors": Visit(
        HACKNEY_EDITOR,
        submitting(open_round("reviews/hackney/sections/3/"), "Save response on 3.2"),
        "Data",
        400,
    ),
    "feedback-new": Visit(EDITOR, at(lambda d: "/rounds/feedback/new/"), "Give feedback"),
    "feedback-new-errors": Visit(
        EDITOR,
        submitting(lambda d: "/rounds/feedback/new/", "Send feedback"),
        "Give feedback",
        400,
    ),
    # Workforce data: Camden's editor sees the most (forms, full figures, uploads)
    "workforce-dashboard": Visit(EDITOR, at(workforce()), "Workforce data"),
    "workforce-dashboard-banners": Visit(EDITOR, at(dashboard_after_a_refusal), "Workforce data"),
    "workforce-upload": Visit(EDITOR, at(workforce("upload/")), "Upload a workforce return"),
    "workforce-upload-errors": Visit(
        EDITOR,
        submitting(workforce("upload/"), "Upload and check"),
        "Upload a workforce return",
        400,
    ),
    "workforce-upload-refused": Visit(EDITOR, bad_upload, "Upload a workforce return", 400),
    "workforce-return-accepted": Visit(
        EDITOR, at(status_of(latest_snapshot)), "Workforce return for"
    ),
    "workforce-return-failed": Visit(EDITOR, at(status_of(refused_return)), "Workforce return for"),
    "workforce-return-processing": Visit(
        EDITOR, at(status_of(processing_return)), "Workforce return for"
    ),
    "workforce-uploads": Visit(EDITOR, at(every_kind_of_upload), "Workforce return uploads"),
    "workforce-snapshot": Visit(
        EDITOR,
        at(lambda d: f"/o/camden/workforce/snapshots/{latest_snapshot(d).pk}/"),
        "Every workforce figure",
    ),
    "workforce-targets": Visit(EDITOR, at(targets_page), "Workforce targets"),
    "workforce-targets-errors": Visit(
        EDITOR,
        submitting(targets_page, "Add target"),
        "Workforce targets",
        400,
    ),
    "workforce-target-edit": Visit(EDITOR, at(target_edit), "Change a target"),
    "workforce-target-edit-errors": Visit(
        EDITOR, target_with_a_bad_trajectory, "Change a target", 400
    ),
    "category-3-suggestion": Visit(EDITOR, category_with_a_suggestion, "Data Governance"),
    "london-workforce-borough": Visit(EDITOR, at(london), "London-wide workforce"),
    # ... and the coordinator sees the disclosure-controlled figures, and every borough named
    "workforce-dashboard-coordinator": Visit(COORDINATOR, at(workforce()), "Workforce data"),
    "workforce-snapshot-coordinator": Visit(
        COORDINATOR,
        at(lambda d: f"/o/camden/workforce/snapshots/{latest_snapshot(d).pk}/"),
        "Every workforce figure",
    ),
    "london-workforce": Visit(COORDINATOR, at(london), "London-wide workforce"),
    "admin-index": Visit(COORDINATOR, at(lambda d: "/admin/"), "Organisations and people"),
    "admin-organisations": Visit(
        COORDINATOR, at(lambda d: "/admin/organisations/organisation/"), "organisation"
    ),
    "admin-organisation": Visit(
        COORDINATOR,
        at(lambda d: f"/admin/organisations/organisation/{d.camden.pk}/change/"),
        "organisation",
    ),
    # Benchmarks (issue 7): named for the coordinator, anonymous for a borough
    "benchmark-coordinator": Visit(COORDINATOR, at(benchmark), "Benchmarks"),
    "benchmark-borough": Visit(EDITOR, at(benchmark), "Benchmarks"),
    # Comparison groups for benchmarks: the coordinator's
    "comparison-groups": Visit(COORDINATOR, at(lambda d: "/rounds/groups/"), "Comparison groups"),
    "comparison-group-new": Visit(
        COORDINATOR, at(lambda d: "/rounds/groups/new/"), "Make a comparison group"
    ),
    "comparison-group-new-errors": Visit(
        COORDINATOR,
        submitting(lambda d: "/rounds/groups/new/", "Save the group"),
        "Make a comparison group",
        400,
    ),
    "comparison-group-delete": Visit(
        COORDINATOR, at(demo_group("delete/")), "Delete this comparison group"
    ),
    # Publishing, and the public site (no sign-in)
    "publish": Visit(APPROVER, at(lambda d: "/o/camden/publish/"), "Publish your results"),
    "publish-errors": Visit(
        APPROVER,
        submitting(lambda d: "/o/camden/publish/", "Publish a new version", untick=True),
        "Publish your results",
        400,
    ),
    "public-index": Visit(None, at(lambda d: "/public/"), "what London"),
    "public-london": Visit(None, at(lambda d: "/public/london/"), "London overview"),
    "public-organisation": Visit(None, at(lambda d: "/public/o/camden/"), "Camden"),
    "public-old-version": Visit(None, at(lambda d: "/public/o/camden/v1/"), "Camden"),
    "api-index": Visit(None, at(lambda d: "/api/"), "Open data API"),
}


# ---------------------------------------------------------------- the audit


def axe_violations(
    page: Page, excluded: list[tuple[str, str]]
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """axe's WCAG 2.2 A/AA violations, less the elements `excluded` lets through; and the
    exclusions that matched nothing (so are no longer needed)."""
    page.add_script_tag(path=AXE_JS)
    found = []
    used = set()
    for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
        nodes = []
        for node in violation["nodes"]:
            target = " ".join(node["target"])
            matching = [
                (rule, pattern)
                for rule, pattern in excluded
                if rule == violation["id"] and re.search(pattern, target)
            ]
            used.update(matching)
            if not matching:
                nodes.append(node)
        if nodes:
            found.append({**violation, "nodes": nodes})
    return found, [exclusion for exclusion in excluded if exclusion not in used]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(node['target'])}: {node['html'][:200]}")
            lines.append("    " + node["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_accessibility_violations(page: Page, demo: Demo, name: str) -> None:
    visit = PAGES[name]
    if visit.who is not None:
        sign_in(page, visit.who)
    status = visit.open(page, demo)
    assert status == visit.status, f"{name}: HTTP {status} at {page.url}"
    expect(page.locator("h1").first).to_contain_text(visit.heading)
    violations, unused = axe_violations(page, EXCLUDED.get(name, []))
    assert not violations, f"{name} ({page.url}):\n{describe(violations)}"
    assert not unused, f"{name}: these exclusions are no longer needed, remove them: {unused}"
