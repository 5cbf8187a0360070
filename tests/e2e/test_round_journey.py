"""A round of the pilot scheme from start to finish in headless Chromium, with the service's
Content Security Policy enforced: London Councils' coordinator opens a round and pairs Camden
with Lambeth, Camden signs off, Lambeth's peer reviewer challenges a criterion, Camden keeps its
level, and the coordinator moderates it and confirms the final scores."""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Locator, Page, expect

from tests.e2e.conftest import APPROVER, COORDINATOR, EDITOR, Demo, fill_date, sign_in
from tri.accounts.models import User
from tri.assessments import engine
from tri.assessments.models import Answer, Assessment
from tri.rounds import services
from tri.rounds.models import Judgement, Round
from tri.standard import Level

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROUND = "Journey round"
REVIEWER = "reviewer@lambeth.demo"  # a viewer at Lambeth, named as Camden's peer reviewer below
OUTCOME_CAPTION = "Points by category: self-assessed, peer-reviewed and final"
CATEGORY_1 = "1. Strategic Leadership and Management"

#: Criterion 1.1 through the review: the level Camden claims, the one Lambeth's reviewer
#: proposes, and the one the coordinator settles on after Camden keeps its own.
CLAIMED, PROPOSED, MODERATED = Level.LEADING, Level.DEVELOPING, Level.ESTABLISHED


def watch_for_problems(page: Page) -> list[str]:
    """Collect script errors, console errors and Content Security Policy violations."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(f"{page.url}: {message.text}")

    def on_error(error: Error) -> None:
        problems.append(f"{page.url}: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_error)
    return problems


def expect_success(page: Page, text: str) -> None:
    """The green notification banner after a form is saved (role "alert")."""
    expect(page.get_by_role("alert")).to_contain_text(text)


def status_tag(page: Page) -> Locator:
    return page.locator("main .govuk-tag").first


def criterion_block(page: Page, row: str) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(row)}\b"))


def category_points(assessment: Assessment, category_id: str | None = None) -> int:
    """The assessment's own points, from its stored answers (a category's, or all of them)."""
    standard = engine.standard_of(assessment)
    rows = (
        {c.id for c in standard.category(category_id).criteria}
        if category_id
        else {c.id for c in standard.criteria}
    )
    levels = Answer.objects.filter(assessment=assessment, criterion_id__in=rows).exclude(level="")
    return sum(Level.from_key(level).points for level in levels.values_list("level", flat=True))


def test_round_from_opening_to_final_scores(
    new_context: Callable[..., BrowserContext], demo: Demo
) -> None:
    watched: list[list[str]] = []

    def person(email: str) -> Page:
        """Each person has a browser of their own, signed in through the real form."""
        page = new_context().new_page()
        watched.append(watch_for_problems(page))
        sign_in(page, email)
        return page

    today = timezone.localdate()

    # ------------------------------------------------------------ the coordinator opens it
    coordinator = person(COORDINATOR)
    coordinator.goto("/rounds/")
    coordinator.locator("main").get_by_role("link", name="Open a round").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Open a round")
    form = coordinator.locator("main form")
    form.get_by_label("Name", exact=True).fill(ROUND)
    form.get_by_label("Version of the Standard").select_option("14")
    fill_date(form, "Opens on", today - timedelta(days=1))
    fill_date(form, "Sign-off deadline", today + timedelta(days=7))
    fill_date(form, "Closes on", today + timedelta(days=30))
    organisations = form.get_by_role("group", name="Participating organisations")
    organisations.get_by_label("Camden", exact=True).check()
    organisations.get_by_label("Lambeth", exact=True).check()
    form.get_by_role("button", name="Open the round").click()

    expect_success(coordinator, "Round opened")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(ROUND)
    round_ = Round.objects.get(name=ROUND)
    expect(coordinator).to_have_url(re.compile(rf"/rounds/{round_.pk}/$"))
    tracker = coordinator.get_by_role("table", name="Tracker")
    expect(tracker.get_by_role("rowheader")).to_have_text(["Camden", "Lambeth"])
    expect(tracker.get_by_role("row", name=re.compile("^Camden"))).to_contain_text("Draft")

    # ... pairs Camden and Lambeth to review each other ...
    coordinator.locator("main").get_by_role("link", name="Pairing and peer reviewers").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Pairing and peer reviewers")
    coordinator.get_by_label("Who reviews Camden").select_option(label="Lambeth")
    coordinator.get_by_label("Who reviews Lambeth").select_option(label="Camden")
    coordinator.get_by_role("button", name="Save the pairing").click()
    expect_success(coordinator, "Pairing saved")

    # ... and names Lambeth's reviewer of Camden.
    pairing = coordinator.get_by_role("region", name=re.compile("^Lambeth reviews Camden"))
    expect(pairing).to_contain_text("No peer reviewer named yet.")
    pairing.get_by_label("Peer reviewer").select_option(label=f"Rhea Reviewer ({REVIEWER})")
    pairing.get_by_role("button", name="Name as reviewer of Camden").click()
    expect_success(coordinator, "Peer reviewer named.")
    pairing = coordinator.get_by_role("region", name=re.compile("^Lambeth reviews Camden"))
    expect(pairing.get_by_role("listitem")).to_contain_text([REVIEWER])

    # ------------------------------------------------------------ Camden signs off
    # The round started Camden's draft from its last signed-off answers; 1.1 needs the level
    # the review below challenges, so the editor sets it if it was carried forward otherwise.
    assessment = Assessment.objects.get(organisation__slug="camden", period=ROUND)
    answer = Answer.objects.get(assessment=assessment, criterion_id="1.1")
    if answer.level != CLAIMED.key:
        editor = person(EDITOR)
        editor.goto(f"{assessment.get_absolute_url()}categories/1/")
        block = editor.locator("#c-1-1")
        # The level radios read "Leading (3 points)" and so on.
        block.get_by_role("radio", name=re.compile(rf"^{CLAIMED.label} \(")).check()
        block.get_by_role("button", name="Save 1.1").click()
        expect(block.get_by_role("status")).to_have_text("Criterion 1.1 saved.")
        editor.close()
    self_points = category_points(assessment, "1")
    self_total = category_points(assessment)

    approver = person(APPROVER)
    approver.locator("main").get_by_role("link", name="Camden", exact=True).click()
    approver.locator("main").get_by_role("link", name=ROUND, exact=True).click()
    expect(approver).to_have_url(re.compile(re.escape(assessment.get_absolute_url()) + "$"))
    expect(status_tag(approver)).to_have_text("Draft")
    approver.locator("main").get_by_role("link", name="Sign off and submit").click()
    expect(approver.get_by_role("heading", level=1)).to_have_text("Sign off and submit")
    scores = approver.get_by_role("table", name="Scores you are signing off")
    expect(scores.get_by_role("row", name=re.compile(f"^{re.escape(CATEGORY_1)}"))).to_contain_text(
        f"{self_points} of"
    )
    approver.locator("main").get_by_role("button", name="Sign off and submit").click()
    expect(approver.locator(".govuk-notification-banner")).to_contain_text(
        "signed off and submitted"
    )
    expect(status_tag(approver)).to_have_text("Submitted")

    # ------------------------------------------------------------ Lambeth's reviewer challenges 1.1
    reviewer = person(REVIEWER)
    reviewer.goto(round_.get_absolute_url())
    reviewer.locator("main").get_by_role("link", name="Review Camden").click()
    review_url = f"/rounds/{round_.pk}/reviews/camden/"
    expect(reviewer).to_have_url(re.compile(re.escape(review_url) + "$"))
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Peer review of Camden")
    expect(status_tag(reviewer)).to_have_text("Submitted")
    reviewer.locator("main").get_by_role("link", name=CATEGORY_1).click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(CATEGORY_1)

    block = criterion_block(reviewer, "1.1")
    expect(block).to_contain_text(re.compile(rf"Level claimed\s*{CLAIMED.label}"))
    block.get_by_role("radio", name="Challenge", exact=True).check()
    block.get_by_role(
        "group", name="If you challenge: the level the evidence supports"
    ).get_by_role("radio", name=PROPOSED.label, exact=True).check()
    block.get_by_label("Comment").fill("The plan is agreed but not yet delivered (journey test).")
    block.get_by_role("button", name="Save judgement on 1.1").click()
    expect_success(reviewer, "Your judgement on 1.1 is saved.")
    block = criterion_block(reviewer, "1.1")
    expect(block.get_by_text("Challenged", exact=True)).to_be_visible()
    expect(block).to_contain_text(f"The evidence supports {PROPOSED.label}.")
    expect(status_tag(reviewer)).to_have_text("In peer review")

    # Completing a review needs a verdict on every one of the 69 criteria, too long a walk for
    # a browser test: the other 68 are agreed through the same service the judge form calls,
    # as the reviewer, each with the revision it stands at. Completing the review is clicked.
    reviewer_user = User.objects.get(email=REVIEWER)
    for judgement in Judgement.objects.filter(assessment=assessment, verdict="").order_by("pk"):
        services.record_judgement(
            assessment=assessment,
            criterion_id=judgement.criterion_id,
            verdict="agree",
            comment="",
            proposed_level="",
            seen_revision=judgement.revision,
            actor=reviewer_user,
        )
    reviewer.goto(review_url)
    reviewer.locator("main").get_by_role("button", name="Complete the peer review").click()
    expect_success(reviewer, "Peer review complete.")
    expect(status_tag(reviewer)).to_have_text("Peer review complete")

    # ------------------------------------------------------------ Camden keeps its level
    editor = person(EDITOR)
    editor.goto(review_url)
    expect(editor.locator("main")).to_contain_text("The reviewer has challenged some criteria.")
    editor.locator("main").get_by_role("link", name=CATEGORY_1).click()
    block = criterion_block(editor, "1.1")
    block.get_by_role("radio", name="Keep our level", exact=True).check()
    block.get_by_label("Reply to the reviewer").fill(
        "Delivery started last month: see the progress report (journey test)."
    )
    block.get_by_role("button", name="Save response on 1.1").click()
    expect_success(editor, "Your response on 1.1 is saved.")
    expect(criterion_block(editor, "1.1")).to_contain_text("Keep our level")

    # ------------------------------------------------------------ the coordinator moderates
    coordinator.goto(review_url)
    expect(coordinator.locator("main")).to_contain_text(
        "Criteria waiting for a moderated level: 1.1"
    )
    coordinator.locator("main").get_by_role("link", name=CATEGORY_1).click()
    block = criterion_block(coordinator, "1.1")
    block.get_by_role("group", name="Moderated level").get_by_role(
        "radio", name=MODERATED.label, exact=True
    ).check()
    block.get_by_label("Reason", exact=True).fill(
        "Delivery has begun, so more than developing (journey test)."
    )
    block.get_by_role("button", name="Save moderated level of 1.1").click()
    expect_success(coordinator, "The moderated level of 1.1 is saved.")

    coordinator.get_by_role("link", name="Back to the review").click()
    coordinator.locator("main").get_by_role("button", name="Complete moderation").click()
    expect_success(coordinator, "Moderation complete.")
    expect(status_tag(coordinator)).to_have_text("Moderated")
    coordinator.locator("main").get_by_role("button", name="Confirm the final scores").click()
    expect_success(coordinator, "Final scores confirmed.")
    expect(status_tag(coordinator)).to_have_text("Final")

    # The three columns: the reviewer's level for 1.1 in the peer column, the moderated level
    # in the final one; every other criterion was agreed, so counts as claimed.
    peer_points = self_points - (CLAIMED.points - PROPOSED.points)
    final_points = self_points - (CLAIMED.points - MODERATED.points)
    outcome = coordinator.get_by_role("table", name=OUTCOME_CAPTION)
    category_1 = outcome.get_by_role("row").filter(
        has=coordinator.get_by_role("rowheader", name=CATEGORY_1, exact=True)
    )
    expect(category_1.get_by_role("cell")).to_have_text(
        [
            re.compile(rf"^\s*{self_points} \("),
            re.compile(rf"^\s*{peer_points} \("),
            re.compile(rf"^\s*{final_points} \("),
        ]
    )
    total = outcome.get_by_role("row").filter(
        has=coordinator.get_by_role("rowheader", name="Total", exact=True)
    )
    expect(total.get_by_role("cell")).to_have_text(
        [
            str(self_total),
            str(self_total - (CLAIMED.points - PROPOSED.points)),
            str(self_total - (CLAIMED.points - MODERATED.points)),
        ]
    )
    assert Assessment.objects.get(pk=assessment.pk).status == "final"

    problems = [problem for page_problems in watched for problem in page_problems]
    assert not problems, "\n".join(problems)
