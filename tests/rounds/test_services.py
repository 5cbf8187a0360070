"""The pilot scheme's services through real data: rounds, pairing, peer review, replies,
moderation, final scores, review cycles, feedback and reminders."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from tests.factories import coordinator, member, org_with_roles
from tests.factories.rounds import RoundSetup, answer_and_submit, round_with_pair
from tri.assessments import services as assessment_services
from tri.assessments.enums import AssessmentStatus
from tri.assessments.queries import forget_reviews, visible_assessments
from tri.common.models import AuditEvent
from tri.organisations.enums import Role
from tri.rounds import outcomes, services
from tri.rounds.models import Feedback, Judgement, ReminderSent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

WORKED_EXAMPLE = {
    "1.1": "established",
    "1.2": "developing",
    "1.3": "established",
    "1.4": "established",
    "1.5": "established",
    "1.6": "leading",
    "1.7": "none",
    "1.8": "leading",
}


@pytest.fixture
def setup() -> RoundSetup:
    return round_with_pair()


@pytest.fixture
def submitted(setup: RoundSetup) -> RoundSetup:
    answer_and_submit(setup.a, setup.assessment_a, WORKED_EXAMPLE)
    return setup


def judge(
    setup: RoundSetup,
    row: str,
    verdict: str = "agree",
    level: str = "",
    comment: str = "",
    actor=None,
):  # type: ignore[no-untyped-def]
    assessment = setup.assessment_a
    current = Judgement.objects.filter(
        assessment=assessment, criterion_id=row, cycle__returned_at__isnull=True
    ).first()
    return services.record_judgement(
        assessment=assessment,
        criterion_id=row,
        verdict=verdict,
        comment=comment,
        proposed_level=level,
        seen_revision=current.revision if current else 0,
        actor=actor or setup.reviewer_of_a,
    )


def judge_everything(setup: RoundSetup, challenges: dict[str, str]) -> None:
    for criterion in outcomes.reviews_of(setup.assessment_a, None):
        row = criterion.criterion_id
        if row in challenges:
            judge(setup, row, "challenge", challenges[row], f"The evidence for {row} is thin")
        else:
            judge(setup, row)


def judgement(setup: RoundSetup, row: str) -> Judgement:
    return Judgement.objects.get(assessment=setup.assessment_a, criterion_id=row)


# ---------------------------------------------------------------- rounds


def test_opening_a_round_starts_each_participants_draft_in_it(setup: RoundSetup) -> None:
    assert setup.assessment_a.period == "Pilot round"
    assert setup.assessment_a.status == AssessmentStatus.DRAFT
    assert setup.round.participants.count() == 2
    assert AuditEvent.objects.filter(verb="round.opened").count() == 1


def test_a_round_carries_forward_the_last_signed_off_answers() -> None:
    boss = coordinator()
    a = org_with_roles(slug="carry-a")
    b = org_with_roles(slug="carry-b")
    earlier = assessment_services.start_assessment(
        organisation=a.organisation, period="2022", actor=a.editor
    )
    answer_and_submit(a, earlier, {"1.1": "leading"})
    today = timezone.localdate()
    round_ = services.open_round(
        name="Next",
        standard_version="14",
        opens_on=today,
        submit_by=today,
        closes_on=today,
        organisations=[a.organisation, b.organisation],
        actor=boss,
    )
    carried = round_.participants.get(organisation=a.organisation).assessment
    assert carried is not None
    assert carried.copied_from == earlier
    assert carried.answers.get(criterion_id="1.1").level == "leading"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"standard_version": "99"}, "standard_version"),
        ({"submit_by_offset": -20}, "submit_by"),
        ({"organisations": "one"}, "organisations"),
        ({"organisations": "coordinating body"}, "organisations"),
    ],
)
def test_opening_a_round_refuses_bad_input_and_creates_nothing(change, field) -> None:  # type: ignore[no-untyped-def]
    boss = coordinator()
    a, b = org_with_roles(slug="x-a"), org_with_roles(slug="x-b")
    today = timezone.localdate()
    organisations = [a.organisation, b.organisation]
    if change.get("organisations") == "one":
        organisations = [a.organisation]
    elif change.get("organisations") == "coordinating body":
        organisations = [a.organisation, boss.memberships.get().organisation]
    with pytest.raises(ValidationError) as error:
        services.open_round(
            name=change.get("name", "Round"),
            standard_version=change.get("standard_version", "14"),
            opens_on=today,
            submit_by=today + timedelta(days=change.get("submit_by_offset", 5)),
            closes_on=today + timedelta(days=10),
            organisations=organisations,
            actor=boss,
        )
    assert field in error.value.message_dict
    assert not a.organisation.assessments.exists()


def test_opening_a_round_names_the_organisation_whose_period_is_taken() -> None:
    boss = coordinator()
    a, b = org_with_roles(slug="t-a", name="Taken"), org_with_roles(slug="t-b")
    assessment_services.start_assessment(
        organisation=a.organisation, period="Round", actor=a.editor
    )
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.open_round(
            name="Round",
            standard_version="14",
            opens_on=today,
            submit_by=today,
            closes_on=today,
            organisations=[a.organisation, b.organisation],
            actor=boss,
        )
    assert "Taken" in str(error.value)
    assert not b.organisation.assessments.exists()


def test_only_the_coordinator_manages_rounds(setup: RoundSetup) -> None:
    with pytest.raises(PermissionDenied):
        services.close_round(round_=setup.round, actor=setup.a.admin)
    with pytest.raises(PermissionDenied):
        services.grant_reviewer(
            pairing=setup.round.pairings.get(reviewed=setup.a.organisation),
            user=setup.b.viewer,
            actor=setup.b.admin,
        )


# ---------------------------------------------------------------- pairing


def test_pairing_must_cover_everyone_once(setup: RoundSetup) -> None:
    a, b = setup.a.organisation, setup.b.organisation
    with pytest.raises(ValidationError) as error:
        services.set_pairing(round_=setup.round, pairs=[(a, b)], actor=setup.coordinator)
    assert "Borough A must be reviewed by exactly one organisation, not 0." in error.value.messages
    with pytest.raises(ValidationError) as error:
        services.set_pairing(round_=setup.round, pairs=[(a, a), (b, b)], actor=setup.coordinator)
    assert "Borough A cannot review itself." in error.value.messages


def test_two_participants_pair_with_a_warning_that_they_review_each_other(
    setup: RoundSetup,
) -> None:
    a, b = setup.a.organisation, setup.b.organisation
    warnings = services.set_pairing(
        round_=setup.round, pairs=[(a, b), (b, a)], actor=setup.coordinator
    )
    assert warnings == ()  # with exactly two, reviewing each other is the only way


def test_proposal_avoids_last_rounds_pairs() -> None:
    boss = coordinator()
    orgs = [org_with_roles(slug=f"p-{n}").organisation for n in range(7)]
    today = timezone.localdate()
    first = services.open_round(
        name="First",
        standard_version="14",
        opens_on=today - timedelta(days=100),
        submit_by=today - timedelta(days=90),
        closes_on=today - timedelta(days=80),
        organisations=orgs,
        actor=boss,
    )
    proposal = services.propose_round_pairing(round_=first, actor=boss)
    by_slug = {o.slug: o for o in orgs}
    services.set_pairing(
        round_=first,
        pairs=[(by_slug[p.reviewer], by_slug[p.reviewed]) for p in proposal.pairs],
        actor=boss,
    )
    second = services.open_round(
        name="Second",
        standard_version="14",
        opens_on=today,
        submit_by=today,
        closes_on=today,
        organisations=orgs,
        actor=boss,
    )
    again = services.propose_round_pairing(round_=second, actor=boss)
    before = {frozenset((p.reviewer, p.reviewed)) for p in proposal.pairs}
    assert not before & {frozenset((p.reviewer, p.reviewed)) for p in again.pairs}
    assert not again.warnings


def test_pairing_is_frozen_once_review_starts(submitted: RoundSetup) -> None:
    judge(submitted, "1.1")
    a, b = submitted.a.organisation, submitted.b.organisation
    with pytest.raises(ValidationError, match="can no longer change"):
        services.set_pairing(
            round_=submitted.round, pairs=[(a, b), (b, a)], actor=submitted.coordinator
        )


def test_a_reviewer_must_work_for_the_reviewing_organisation(setup: RoundSetup) -> None:
    pairing = setup.round.pairings.get(reviewed=setup.a.organisation)
    with pytest.raises(ValidationError, match="does not work for"):
        services.grant_reviewer(pairing=pairing, user=setup.a.editor, actor=setup.coordinator)


# ---------------------------------------------------------------- peer reviewer access


def test_the_reviewer_sees_only_the_partners_signed_off_assessment_in_the_round(
    setup: RoundSetup,
) -> None:
    reviewer = setup.reviewer_of_a
    assert setup.assessment_a not in visible_assessments(reviewer)  # still a draft
    other = assessment_services.start_assessment(
        organisation=setup.a.organisation, period="Outside the round", actor=setup.a.editor
    )
    answer_and_submit(setup.a, other, {})
    answer_and_submit(setup.a, setup.assessment_a, WORKED_EXAMPLE)
    forget_reviews(reviewer)
    visible = set(visible_assessments(reviewer))
    assert setup.assessment_a in visible
    assert other not in visible
    assert setup.assessment_b in visible  # the reviewer's own organisation's, as a viewer


def test_the_reviewer_loses_access_when_the_round_closes(submitted: RoundSetup) -> None:
    reviewer = submitted.reviewer_of_a
    assert submitted.assessment_a in visible_assessments(reviewer)
    with time_machine.travel(submitted.round.closes_on + timedelta(days=1)):
        forget_reviews(reviewer)
        assert submitted.assessment_a not in visible_assessments(reviewer)
    forget_reviews(reviewer)
    services.close_round(round_=submitted.round, actor=submitted.coordinator)
    assert submitted.assessment_a not in visible_assessments(reviewer)
    with pytest.raises(PermissionDenied):
        judge(submitted, "1.1")


# ---------------------------------------------------------------- the whole flow


def test_review_reply_moderation_and_final_scores(submitted: RoundSetup) -> None:
    a = submitted.assessment_a
    # 1.1 claims Established (2); the reviewer says Developing (1). 1.8 claims Leading (3);
    # the reviewer says Not yet (0).
    judge_everything(submitted, {"1.1": "developing", "1.8": "none"})
    assert submitted.assessment_a.status == AssessmentStatus.IN_REVIEW
    services.complete_review(assessment=a, actor=submitted.reviewer_of_a)
    assert submitted.assessment_a.status == AssessmentStatus.REVIEWED
    # A accepts the challenge on 1.1 and keeps its level on 1.8.
    row1, row8 = judgement(submitted, "1.1"), judgement(submitted, "1.8")
    services.reply_to_challenge(
        assessment=a,
        criterion_id="1.1",
        reply="accept",
        note="",
        seen_revision=row1.revision,
        actor=submitted.a.editor,
    )
    services.reply_to_challenge(
        assessment=a,
        criterion_id="1.8",
        reply="keep",
        note="The board minutes show it",
        seen_revision=row8.revision,
        actor=submitted.a.approver,
    )
    with pytest.raises(ValidationError, match=r"1\.8"):
        services.complete_moderation(assessment=a, actor=submitted.coordinator)
    row8.refresh_from_db()
    services.moderate_criterion(
        assessment=a,
        criterion_id="1.8",
        level="leading",
        reason="The minutes show the plan is delivered",
        seen_revision=row8.revision,
        actor=submitted.coordinator,
    )
    services.complete_moderation(assessment=a, actor=submitted.coordinator)
    services.finalise_scores(assessment=a, actor=submitted.coordinator)
    assert submitted.assessment_a.status == AssessmentStatus.FINAL
    result = outcomes.outcome_of(a, a.cycles.get())
    category = next(c for c in result.categories if c.category.id == "1")
    assert (category.self_points, category.peer_points, category.final_points) == (15, 11, 14)
    verbs = list(
        AuditEvent.objects.filter(
            target_type="assessments.assessment", target_id=str(a.pk)
        ).values_list("verb", flat=True)
    )
    for verb in (
        "assessment.submitted",
        "review.started",
        "review.completed",
        "moderation.completed",
        "scores.finalised",
    ):
        assert verb in verbs
    final = AuditEvent.objects.get(verb="scores.finalised")
    assert final.data["scores"]["1"] == [15, 11, 14]


def test_review_must_judge_every_criterion_before_completing(submitted: RoundSetup) -> None:
    judge(submitted, "1.1")
    with pytest.raises(ValidationError, match=r"Not yet reviewed: 1\.2"):
        services.complete_review(assessment=submitted.assessment_a, actor=submitted.reviewer_of_a)


@pytest.mark.parametrize(
    ("verdict", "level", "comment", "field"),
    [
        ("maybe", "", "", "verdict"),
        ("challenge", "", "Thin", "proposed_level"),
        ("challenge", "developing", "Thin", "proposed_level"),  # 1.6 does not offer it
        ("challenge", "leading", "Thin", "proposed_level"),  # the level already claimed
        ("challenge", "established", "", "comment"),
    ],
)
def test_a_bad_judgement_names_the_criterion_and_changes_nothing(
    submitted, verdict, level, comment, field
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        judge(submitted, "1.6", verdict, level, comment)
    assert field in error.value.message_dict
    assert "1.6" in str(error.value)
    assert submitted.assessment_a.status == AssessmentStatus.SUBMITTED
    assert not Judgement.objects.filter(verdict="").exclude(revision=0).exists()


def test_the_assessed_organisation_and_coordinator_cannot_judge(submitted: RoundSetup) -> None:
    for person in (submitted.a.editor, submitted.coordinator, submitted.reviewer_of_b):
        with pytest.raises(PermissionDenied):
            judge(submitted, "1.1", actor=person)


def test_replies_wait_for_the_completed_review_and_keeping_needs_a_reason(
    submitted: RoundSetup,
) -> None:
    judge(submitted, "1.6", "challenge", "established", "Thin")
    with pytest.raises(PermissionDenied):
        services.reply_to_challenge(
            assessment=submitted.assessment_a,
            criterion_id="1.6",
            reply="accept",
            note="",
            seen_revision=1,
            actor=submitted.a.editor,
        )
    judge_everything(submitted, {"1.6": "established"})
    services.complete_review(assessment=submitted.assessment_a, actor=submitted.reviewer_of_a)
    with pytest.raises(ValidationError, match="why you are keeping"):
        services.reply_to_challenge(
            assessment=submitted.assessment_a,
            criterion_id="1.6",
            reply="keep",
            note=" ",
            seen_revision=judgement(submitted, "1.6").revision,
            actor=submitted.a.editor,
        )
    with pytest.raises(ValidationError, match="was not challenged"):
        services.reply_to_challenge(
            assessment=submitted.assessment_a,
            criterion_id="1.1",
            reply="accept",
            note="",
            seen_revision=judgement(submitted, "1.1").revision,
            actor=submitted.a.editor,
        )
    with pytest.raises(PermissionDenied):
        services.reply_to_challenge(
            assessment=submitted.assessment_a,
            criterion_id="1.6",
            reply="accept",
            note="",
            seen_revision=judgement(submitted, "1.6").revision,
            actor=submitted.a.viewer,
        )


# ---------------------------------------------------------------- concurrency


def test_two_reviewers_on_one_criterion_never_lose_a_write_silently(submitted: RoundSetup) -> None:
    second = member(submitted.b.organisation, Role.EDITOR)
    services.grant_reviewer(
        pairing=submitted.round.pairings.get(reviewed=submitted.a.organisation),
        user=second,
        actor=submitted.coordinator,
    )
    # Both open the page at revision 0; the first save wins, the second is refused.
    judge(submitted, "1.1")
    with pytest.raises(services.StaleJudgementError) as error:
        services.record_judgement(
            assessment=submitted.assessment_a,
            criterion_id="1.1",
            verdict="challenge",
            comment="Not shown",
            proposed_level="developing",
            seen_revision=0,
            actor=second,
        )
    assert "changed the review of criterion 1.1" in str(error.value)
    assert judgement(submitted, "1.1").verdict == "agree"


def test_a_reviewer_and_the_coordinator_on_one_criterion(submitted: RoundSetup) -> None:
    judge_everything(submitted, {"1.6": "established"})
    services.complete_review(assessment=submitted.assessment_a, actor=submitted.reviewer_of_a)
    seen = judgement(submitted, "1.6").revision
    services.reply_to_challenge(
        assessment=submitted.assessment_a,
        criterion_id="1.6",
        reply="keep",
        note="We disagree",
        seen_revision=seen,
        actor=submitted.a.editor,
    )
    with pytest.raises(services.StaleJudgementError):
        services.moderate_criterion(
            assessment=submitted.assessment_a,
            criterion_id="1.6",
            level="established",
            reason="Stale view",
            seen_revision=seen,
            actor=submitted.coordinator,
        )
    assert judgement(submitted, "1.6").moderated_level == ""


# ---------------------------------------------------------------- cycles


def test_returning_for_rework_opens_a_new_cycle_and_keeps_the_old_one(
    submitted: RoundSetup,
) -> None:
    judge_everything(submitted, {"1.6": "established"})
    a = submitted.assessment_a
    assessment_services.return_to_draft(
        assessment=a, reason="Add evidence for 1.6", actor=submitted.coordinator
    )
    first = a.cycles.get()
    assert first.returned_at is not None
    assert first.judgements.filter(verdict="challenge").count() == 1
    current = a.answers.get(criterion_id="1.6")
    assessment_services.record_answer(
        answer=current,
        actor=submitted.a.editor,
        level="established",
        evidence="Accepted",
        owner=None,
        target_on=None,
        seen_revision=current.revision,
    )
    assessment_services.submit_assessment(assessment=a, actor=submitted.a.approver)
    second = a.cycles.get(number=2)
    assert first.snapshot["1.6"]["level"] == "leading"
    assert second.snapshot["1.6"]["level"] == "established"
    assert not second.judgements.exists()
    forget_reviews(submitted.reviewer_of_a)
    judge(submitted, "1.6")  # a fresh judgement in the new cycle
    assert second.judgements.get(criterion_id="1.6").verdict == "agree"
    assert first.judgements.get(criterion_id="1.6").verdict == "challenge"


def test_final_scores_cannot_be_returned(submitted: RoundSetup) -> None:
    judge_everything(submitted, {})
    a = submitted.assessment_a
    services.complete_review(assessment=a, actor=submitted.reviewer_of_a)
    services.complete_moderation(assessment=a, actor=submitted.coordinator)
    services.finalise_scores(assessment=a, actor=submitted.coordinator)
    with pytest.raises(PermissionDenied):
        assessment_services.return_to_draft(
            assessment=a, reason="Late", actor=submitted.coordinator
        )


# ---------------------------------------------------------------- feedback


def test_feedback_counts_towards_the_open_round(setup: RoundSetup) -> None:
    feedback = services.leave_feedback(
        organisation=setup.a.organisation,
        standard_version="14",
        subject="2a.3",
        kind="unclear",
        text="Which policies count?",
        actor=setup.a.viewer,
    )
    assert feedback.round == setup.round
    for subject, text, match in (
        ("9.9", "x", "no criterion or category 9.9"),
        ("1", " ", "Enter your feedback"),
    ):
        with pytest.raises(ValidationError, match=match):
            services.leave_feedback(
                organisation=setup.a.organisation,
                standard_version="14",
                subject=subject,
                kind="unclear",
                text=text,
                actor=setup.a.viewer,
            )
    with pytest.raises(PermissionDenied):
        services.leave_feedback(
            organisation=setup.a.organisation,
            standard_version="14",
            subject="1",
            kind="unclear",
            text="Hm",
            actor=setup.b.viewer,
        )
    assert Feedback.objects.count() == 1


# ---------------------------------------------------------------- reminders


def test_reminders_go_once_per_threshold_to_editors_and_approvers(setup: RoundSetup) -> None:
    deadline = setup.round.submit_by
    answer_and_submit(setup.b, setup.assessment_b, {})  # B has signed off: no reminders
    sent = services.send_reminders(today=deadline - timedelta(days=20))
    assert sent == []
    sent = services.send_reminders(today=deadline - timedelta(days=5))
    assert [(s.organisation, s.days_before) for s in sent] == [(setup.a.organisation, 7)]
    assert sorted(mail.outbox[0].to) == sorted([setup.a.editor.email, setup.a.approver.email])
    assert "within 5 days" in mail.outbox[0].subject
    assert services.send_reminders(today=deadline - timedelta(days=5)) == []
    assert services.send_reminders(today=deadline - timedelta(days=4)) == []
    assert len(services.send_reminders(today=deadline)) == 1  # the 1-day reminder
    overdue = services.send_reminders(today=deadline + timedelta(days=1))
    assert [s.days_before for s in overdue] == [0]
    assert "overdue" in mail.outbox[-1].subject
    assert services.send_reminders(today=deadline + timedelta(days=2)) == []
    assert ReminderSent.objects.count() == 3
    assert len(mail.outbox) == 3


def test_the_reminder_command_is_idempotent(setup: RoundSetup, capsys) -> None:  # type: ignore[no-untyped-def]
    day = (setup.round.submit_by - timedelta(days=1)).isoformat()
    call_command("send_round_reminders", "--today", day)
    call_command("send_round_reminders", "--today", day)
    assert len(mail.outbox) == 2  # one to each borough, once
    out = capsys.readouterr().out
    assert "2 reminders sent." in out
    assert "0 reminders sent." in out
    assert "Pilot round: Borough A (1 days before) to 2 people" in out


def test_the_reminder_command_refuses_a_bad_date() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_round_reminders", "--today", "tomorrow")
