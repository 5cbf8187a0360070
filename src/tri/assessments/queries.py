"""The one way in to assessments and everything in them (answers, evidence, history).

Views call only these functions. A person sees an assessment if they hold any role in its
organisation, or if they are a coordinator and it has been submitted. Anything else is a 404,
so that nobody learns another organisation's assessment exists.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tri.accounts.models import User
from tri.assessments.enums import AssessmentStatus
from tri.assessments.models import (
    Answer,
    AnswerRevision,
    Assessment,
    EvidenceFile,
    EvidenceLink,
    Guidance,
)
from tri.common.models import AuditEvent
from tri.organisations.models import Organisation
from tri.organisations.queries import is_coordinator, roles_by_organisation


def visible_assessments(user: User) -> QuerySet[Assessment]:
    """Every assessment this person may read."""
    condition = Q(organisation_id__in=list(roles_by_organisation(user)))
    if is_coordinator(user):
        condition |= Q(status=AssessmentStatus.SUBMITTED)
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
