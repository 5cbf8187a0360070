"""A round of the pilot scheme, built through the services: two boroughs that review each
other, a coordinator and a peer reviewer from each side."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from tests.factories.people import MemberSetup, coordinator, member, org_with_roles
from tri.accounts.models import User
from tri.assessments import services as assessment_services
from tri.assessments.models import Assessment
from tri.organisations.enums import Role
from tri.organisations.models import Organisation
from tri.rounds import services
from tri.rounds.models import Pairing, Round


@dataclass
class RoundSetup:
    round: Round
    coordinator: User
    a: MemberSetup
    b: MemberSetup
    #: B's person who reviews A, and A's person who reviews B.
    reviewer_of_a: User
    reviewer_of_b: User

    @property
    def assessment_a(self) -> Assessment:
        return Assessment.objects.get(
            participant__round=self.round, organisation=self.a.organisation
        )

    @property
    def assessment_b(self) -> Assessment:
        return Assessment.objects.get(
            participant__round=self.round, organisation=self.b.organisation
        )


def round_with_pair(
    *,
    name: str = "Pilot round",
    a_slug: str = "borough-a",
    b_slug: str = "borough-b",
    the_coordinator: User | None = None,
) -> RoundSetup:
    today = timezone.localdate()
    boss = the_coordinator or coordinator()
    a = org_with_roles(slug=a_slug, name=a_slug.replace("-", " ").title())
    b = org_with_roles(slug=b_slug, name=b_slug.replace("-", " ").title())
    round_ = services.open_round(
        name=name,
        standard_version="14",
        opens_on=today - timedelta(days=10),
        submit_by=today + timedelta(days=10),
        closes_on=today + timedelta(days=40),
        organisations=[a.organisation, b.organisation],
        actor=boss,
    )
    services.set_pairing(
        round_=round_,
        pairs=[(b.organisation, a.organisation), (a.organisation, b.organisation)],
        actor=boss,
    )
    reviewer_of_a = member(b.organisation, Role.VIEWER)
    reviewer_of_b = member(a.organisation, Role.VIEWER)
    services.grant_reviewer(
        pairing=_pairing(round_, a.organisation), user=reviewer_of_a, actor=boss
    )
    services.grant_reviewer(
        pairing=_pairing(round_, b.organisation), user=reviewer_of_b, actor=boss
    )
    return RoundSetup(round_, boss, a, b, reviewer_of_a, reviewer_of_b)


def _pairing(round_: Round, reviewed: Organisation) -> Pairing:
    return Pairing.objects.get(round=round_, reviewed=reviewed)


def answer_and_submit(
    setup: MemberSetup,
    assessment: Assessment,
    levels: dict[str, str],
    evidence: str = "Evidence for {row}",
) -> Assessment:
    """Answer the given criteria, then sign off. `evidence` is formatted with the criterion
    (`row`) and the answer's number (`pk`)."""
    for row, level in levels.items():
        current = assessment.answers.get(criterion_id=row)
        assessment_services.record_answer(
            answer=current,
            actor=setup.editor,
            level=level,
            evidence=evidence.format(row=row, pk=current.pk),
            owner=None,
            target_on=None,
            seen_revision=current.revision,
        )
    return assessment_services.submit_assessment(assessment=assessment, actor=setup.approver)


def finalise_a(setup: RoundSetup, levels: dict[str, str]) -> Assessment:
    """A's round assessment answered with `levels`, signed off, agreed in full by B's peer
    reviewer, moderated and given final scores: the whole route, through the services."""
    from tri.rounds import outcomes

    assessment = answer_and_submit(setup.a, setup.assessment_a, levels)
    for review in outcomes.reviews_of(assessment, None):
        services.record_judgement(
            assessment=assessment,
            criterion_id=review.criterion_id,
            verdict="agree",
            comment="",
            proposed_level="",
            seen_revision=0,
            actor=setup.reviewer_of_a,
        )
    services.complete_review(assessment=assessment, actor=setup.reviewer_of_a)
    services.complete_moderation(assessment=assessment, actor=setup.coordinator)
    return services.finalise_scores(assessment=assessment, actor=setup.coordinator)
