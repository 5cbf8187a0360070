"""The one way in to assessments and everything in them (answers, evidence, history).

Views call only these functions. A person sees an assessment if they hold any role in its
organisation; if they are a coordinator and it has been signed off; or if they are a peer
reviewer named on the pairing that reviews its organisation, in an open round, and it is that
round's signed-off assessment. Anything else is a 404, so that nobody learns another
organisation's assessment exists.
"""

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tri.accounts.models import User
from tri.assessments.enums import SIGNED_OFF
from tri.assessments.models import (
    Answer,
    AnswerRevision,
    Assessment,
    EvidenceFile,
    EvidenceLink,
    Guidance,
    ReviewCycle,
)
from tri.common.models import AuditEvent
from tri.organisations.models import Organisation
from tri.organisations.queries import is_coordinator, roles_by_organisation

_REVIEWS = "_tri_reviews"


def reviewable_assessment_ids(user: User) -> frozenset[int]:
    """Assessments this person may read as a peer reviewer, now. The grant is a PeerReviewer
    row (tri.rounds) on the pairing that reviews the assessment's organisation in the round the
    assessment belongs to; it lapses when the round closes or the assessment goes back to
    draft. Read once per request and kept on the user, like roles.

    tri.rounds sits above this app, so its tables are reached by relation name, not import."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _REVIEWS, None)
    if cached is None:
        today = timezone.localdate()
        found = Assessment.objects.filter(
            status__in=SIGNED_OFF,
            participant__round__pairings__reviewers__user=user,
            participant__round__pairings__reviewed=F("organisation"),
            participant__round__opens_on__lte=today,
            participant__round__closes_on__gte=today,
            participant__round__closed_at__isnull=True,
        ).values_list("pk", flat=True)
        cached = frozenset(found)
        setattr(user, _REVIEWS, cached)
    return cached


def forget_reviews(user: User) -> None:
    """Drop the cached review grants after a grant or a round changes."""
    if hasattr(user, _REVIEWS):
        delattr(user, _REVIEWS)


def visible_assessments(user: User) -> QuerySet[Assessment]:
    """Every assessment this person may read."""
    condition = Q(organisation_id__in=list(roles_by_organisation(user)))
    condition |= Q(pk__in=list(reviewable_assessment_ids(user)))
    if is_coordinator(user):
        condition |= Q(status__in=SIGNED_OFF)
    return Assessment.objects.filter(condition).select_related("organisation")


def access_assessment(user: User, org_slug: str, assessment_id: int) -> Assessment:
    """One assessment of the organisation named in the address, or 404."""
    try:
        return visible_assessments(user).get(organisation__slug=org_slug, pk=assessment_id)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None


def answers_of(assessment: Assessment, *, criterion_ids: list[str] | None = None) -> list[Answer]:
    """The answers of an assessment already accessed, with their live evidence and owner."""
    answers = (
        Answer.objects.filter(assessment=assessment)
        .select_related("owner", "updated_by")
        .prefetch_related(
            Prefetch("links", queryset=EvidenceLink.objects.filter(removed_at__isnull=True)),
            Prefetch("files", queryset=EvidenceFile.objects.filter(removed_at__isnull=True)),
            "data_evidence",
        )
    )
    if criterion_ids is not None:
        answers = answers.filter(criterion_id__in=criterion_ids)
    return list(answers)


def access_answer(assessment: Assessment, criterion_id: str) -> Answer:
    """One answer of an assessment already accessed, or 404 for an unknown criterion."""
    try:
        return Answer.objects.select_related("assessment__organisation").get(
            assessment=assessment, criterion_id=criterion_id
        )
    except Answer.DoesNotExist:
        raise Http404("No such criterion") from None


def revisions_of(answer: Answer) -> QuerySet[AnswerRevision]:
    return answer.revisions.select_related("actor")


def access_evidence_file(assessment: Assessment, file_id: int) -> EvidenceFile:
    """An evidence file of an assessment already accessed. A removed file stays readable from
    the criterion's history: nothing is hard-deleted."""
    files = EvidenceFile.objects.filter(answer__assessment=assessment, pk=file_id)
    try:
        return files.select_related("answer").get()
    except EvidenceFile.DoesNotExist:
        raise Http404("No such file") from None


def access_evidence_link(assessment: Assessment, link_id: int) -> EvidenceLink:
    try:
        return EvidenceLink.objects.select_related("answer").get(
            answer__assessment=assessment, pk=link_id, removed_at__isnull=True
        )
    except EvidenceLink.DoesNotExist:
        raise Http404("No such link") from None


def assessment_history(assessment: Assessment) -> QuerySet[AuditEvent]:
    """Status changes and imports of an assessment already accessed, newest first."""
    return AuditEvent.objects.filter(
        target_type="assessments.assessment", target_id=str(assessment.pk)
    ).select_related("actor")


def guidance_for(standard_id: str, version: str) -> dict[str, Guidance]:
    """Guidance is the coordinator's advice to everyone: not tenant data."""
    found = Guidance.objects.filter(standard_id=standard_id, standard_version=version).exclude(
        text=""
    )
    return {g.criterion_id: g for g in found.select_related("updated_by")}


def visible_assessments_of(user: User, organisation: Organisation) -> QuerySet[Assessment]:
    """The assessments of one organisation this person may read, newest first."""
    return visible_assessments(user).filter(organisation=organisation).order_by("-created_at")


def cycles_of(assessment: Assessment) -> QuerySet[ReviewCycle]:
    """The review cycles of an assessment already accessed, oldest first."""
    return assessment.cycles.select_related("submitted_by", "returned_by")


def access_cycle(assessment: Assessment, number: int) -> ReviewCycle:
    try:
        return cycles_of(assessment).get(number=number)
    except ReviewCycle.DoesNotExist:
        raise Http404("No such review cycle") from None
