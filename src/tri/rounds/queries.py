"""The one way in to rounds, pairings, judgements and feedback.

A round is visible to the coordinator, to people of its participating organisations and to its
peer reviewers. An assessment under review is reached only through
`tri.assessments.queries.visible_assessments`, which knows the peer reviewer's grant; judgements
are read only for an assessment reached that way. Anything else is a 404.
"""

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from tri.accounts.models import User
from tri.assessments.models import Assessment, ReviewCycle
from tri.assessments.queries import visible_assessments
from tri.common.models import AuditEvent
from tri.organisations.enums import Area, OrganisationKind, Partnership
from tri.organisations.models import ComparisonGroup, Organisation
from tri.organisations.queries import is_coordinator, roles_by_organisation
from tri.rounds.models import (
    Feedback,
    Judgement,
    Pairing,
    Participant,
    PeerReviewer,
    Round,
)


def visible_rounds(user: User) -> QuerySet[Round]:
    """Every round this person may open."""
    if is_coordinator(user):
        return Round.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Round.objects.none()
    condition = Q(participants__organisation_id__in=list(roles_by_organisation(user)))
    condition |= Q(pairings__reviewers__user=user)
    return Round.objects.filter(pk__in=Round.objects.filter(condition).values("pk"))


def open_rounds(day: date) -> QuerySet[Round]:
    """Rounds open on `day`: between their opening and closing dates and not closed early
    (the same test as Round.state, in SQL)."""
    return Round.objects.filter(opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True)


def access_round(user: User, round_id: int) -> Round:
    try:
        return visible_rounds(user).get(pk=round_id)
    except Round.DoesNotExist:
        raise Http404("No such round") from None


def participants_of(round_: Round, user: User) -> QuerySet[Participant]:
    """A round's participants as this person may list them: all of them for the coordinator;
    otherwise their own organisations' and the ones they review."""
    participants = Participant.objects.filter(round=round_).select_related(
        "organisation", "assessment"
    )
    if is_coordinator(user):
        return participants
    reviewed = PeerReviewer.objects.filter(user=user, pairing__round=round_).values(
        "pairing__reviewed"
    )
    return participants.filter(
        Q(organisation_id__in=list(roles_by_organisation(user))) | Q(organisation_id__in=reviewed)
    )


def pairings_of(round_: Round) -> QuerySet[Pairing]:
    """The pairing of a round (for the coordinator's pages)."""
    return (
        Pairing.objects.filter(round=round_)
        .select_related("reviewer", "reviewed")
        .prefetch_related(
            Prefetch("reviewers", queryset=PeerReviewer.objects.select_related("user"))
        )
    )


def access_pairing(round_: Round, pairing_id: int) -> Pairing:
    try:
        return pairings_of(round_).get(pk=pairing_id)
    except Pairing.DoesNotExist:
        raise Http404("No such pairing") from None


def access_peer_reviewer(pairing: Pairing, reviewer_id: int) -> PeerReviewer:
    try:
        return PeerReviewer.objects.select_related("user").get(pairing=pairing, pk=reviewer_id)
    except PeerReviewer.DoesNotExist:
        raise Http404("No such reviewer") from None


def review_assignments(user: User) -> QuerySet[PeerReviewer]:
    """This person's peer reviewer roles, newest round first."""
    if not getattr(user, "is_authenticated", False):
        return PeerReviewer.objects.none()
    return (
        PeerReviewer.objects.filter(user=user)
        .select_related("pairing__round", "pairing__reviewed")
        .order_by("-pairing__round__opens_on")
    )


def pairings_reviewed_by(round_: Round, user: User) -> QuerySet[Pairing]:
    return pairings_of(round_).filter(reviewers__user=user)


def access_participant(user: User, round_: Round, org_slug: str) -> Participant:
    """An organisation's participation in a round, if this person may read its assessment
    (own organisation, coordinator once signed off, or its active peer reviewer); else 404."""
    try:
        participant = Participant.objects.select_related("organisation", "round").get(
            round=round_, organisation__slug=org_slug, assessment__isnull=False
        )
    except Participant.DoesNotExist:
        raise Http404("No such participant") from None
    try:
        participant.assessment = visible_assessments(user).get(pk=participant.assessment_id or 0)
    except Assessment.DoesNotExist:
        raise Http404("No such participant") from None
    return participant


def current_cycle(assessment: Assessment) -> ReviewCycle | None:
    """The review cycle of the assessment's latest sign-off, if it has not been returned."""
    return assessment.cycles.filter(returned_at__isnull=True).order_by("-number").first()


def judgements_of(cycle: ReviewCycle | None) -> dict[str, Judgement]:
    """The judgements of a cycle of an assessment already accessed, by criterion."""
    if cycle is None:
        return {}
    found = Judgement.objects.filter(cycle=cycle).select_related(
        "reviewer", "reviewer_organisation", "replied_by", "moderated_by"
    )
    return {j.criterion_id: j for j in found}


def local_authorities() -> QuerySet[Organisation]:
    """The organisations that take part in rounds and comparison groups, by name (every
    organisation but the coordinating body)."""
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")


def visible_comparison_groups(user: User) -> QuerySet[ComparisonGroup]:
    """The custom comparison groups, each with its members by name: all of them for the
    coordinator, none for anyone else."""
    if not is_coordinator(user):
        return ComparisonGroup.objects.none()
    members = Prefetch("members", queryset=Organisation.objects.order_by("name"))
    return ComparisonGroup.objects.prefetch_related(members).order_by("name")


def access_comparison_group(user: User, group_id: int) -> ComparisonGroup:
    try:
        return visible_comparison_groups(user).get(pk=group_id)
    except ComparisonGroup.DoesNotExist:
        raise Http404("No such comparison group") from None


#: The built-in group of every local authority, named as the coordinator knows it.
ALL_LOCAL_AUTHORITIES = "All London local authorities"


def comparison_memberships(
    *, leaving_out: ComparisonGroup | None = None
) -> list[tuple[str, frozenset[int]]]:
    """Every comparison group as (name, organisation ids): the built-in ones first (all local
    authorities, inner and outer London, each sub-regional partnership, as Organisation.area
    and .partnership say), then the custom groups by name, less `leaving_out`. Three queries."""
    rows = list(local_authorities().values_list("pk", "area", "partnership"))
    found = [(ALL_LOCAL_AUTHORITIES, frozenset(pk for pk, _area, _p in rows))]
    found += [(str(area.label), frozenset(pk for pk, a, _p in rows if a == area)) for area in Area]
    found += [
        (str(partnership.label), frozenset(pk for pk, _a, p in rows if p == partnership))
        for partnership in Partnership
    ]
    custom = ComparisonGroup.objects.prefetch_related("members").order_by("name")
    if leaving_out is not None:
        custom = custom.exclude(pk=leaving_out.pk)
    found += [(group.name, frozenset(o.pk for o in group.members.all())) for group in custom]
    return found


def previous_round(round_: Round) -> Round | None:
    """The round before this one, by opening date."""
    return (
        Round.objects.filter(opens_on__lt=round_.opens_on, standard_id=round_.standard_id)
        .order_by("-opens_on")
        .first()
    )


def visible_feedback(user: User) -> QuerySet[Feedback]:
    """Feedback on the Standard: all of it for the coordinator; otherwise what people of this
    person's organisations left."""
    found = Feedback.objects.select_related("organisation", "author", "round")
    if is_coordinator(user):
        return found
    return found.filter(organisation_id__in=list(roles_by_organisation(user)))


def feedback_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations in whose name this person may leave feedback: their own."""
    return Organisation.objects.filter(pk__in=list(roles_by_organisation(user)))


def reviewing_organisation(assessment: Assessment, user: User) -> Organisation | None:
    """The organisation on whose behalf this peer reviewer reviews the assessment."""
    pairing = (
        Pairing.objects.filter(
            round__participants__assessment=assessment,
            reviewed=assessment.organisation_id,
            reviewers__user=user,
        )
        .select_related("reviewer")
        .first()
    )
    return pairing.reviewer if pairing else None


def tracked_participants(round_: Round, user: User) -> QuerySet[Participant]:
    """The tracker's rows: participants this person may list, with how many criteria each has
    answered (one query, however many participants)."""
    return participants_of(round_, user).annotate(
        answered=Count(
            "assessment__answers", filter=~Q(assessment__answers__level=""), distinct=True
        )
    )


def round_history(round_: Round) -> QuerySet[AuditEvent]:
    """What the coordinator did to a round (opening, dates, pairing, closing), newest first."""
    return AuditEvent.objects.filter(
        target_type="rounds.round", target_id=str(round_.pk)
    ).select_related("actor")


def judgement_history(assessment: Assessment) -> QuerySet[AuditEvent]:
    """Every peer review step on an assessment already accessed: judgements, replies and
    moderations (by judgement), newest first."""
    ids = [
        str(pk)
        for pk in Judgement.objects.filter(assessment=assessment).values_list("pk", flat=True)
    ]
    return AuditEvent.objects.filter(
        target_type="rounds.judgement", target_id__in=ids
    ).select_related("actor")
