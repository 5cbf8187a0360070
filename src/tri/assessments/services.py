"""Changes to assessments. Each service takes an actor, checks its own permission, runs in one
transaction and leaves an audit record (and, for answers and evidence, a revision row).
Scoring and crosswalks are the engine's (tri.standard); nothing here re-implements them."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tri.accounts.models import User
from tri.assessments import engine
from tri.assessments.enums import SIGNED_OFF, AssessmentStatus, RevisionKind
from tri.assessments.evidence import ALLOWED_DESCRIPTION, identify
from tri.assessments.models import (
    Answer,
    AnswerRevision,
    Assessment,
    DataEvidence,
    EvidenceFile,
    EvidenceLink,
    Guidance,
    ReviewCycle,
)
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.models import Organisation
from tri.standard import (
    CELC_TRI,
    Level,
    ResponseSet,
    StandardError,
    carry_forward,
    check_responses,
)


class StaleAnswerError(Exception):
    """Someone else saved the criterion after the form was loaded. Nothing was changed."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        who = answer.updated_by or _("someone")
        when = timezone.localtime(answer.updated_at).strftime("%-d %B %Y at %-I:%M%p").lower()
        super().__init__(
            _(
                "%(who)s saved criterion %(row)s on %(when)s, after you opened this page. "
                "Your changes were not saved. Their answer is shown below: make your changes "
                "again if they are still needed."
            )
            % {"who": who, "row": answer.criterion_id, "when": when}
        )


def _require(actor: User, perm: str, obj: object) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(perm)


def _snapshot(answer: Answer) -> dict[str, Any]:
    return {
        "level": answer.level,
        "evidence": answer.evidence,
        "owner": answer.owner.email if answer.owner else None,
        "target_on": answer.target_on.isoformat() if answer.target_on else None,
    }


# ---------------------------------------------------------------- starting


@transaction.atomic
def start_assessment(
    *,
    organisation: Organisation,
    period: str,
    actor: User | None,
    standard_version: str | None = None,
) -> Assessment:
    """Start a draft against a version of the Standard (the latest if not given), with one
    unanswered answer per criterion. `actor` None is the system (seed data)."""
    if actor is not None:
        _require(actor, "assessments.start_assessment", organisation)
    return _start(
        organisation=organisation, period=period, actor=actor, standard_version=standard_version
    )


def _start(
    *,
    organisation: Organisation,
    period: str,
    actor: User | None,
    standard_version: str | None,
) -> Assessment:
    period = period.strip()
    if not period:
        raise ValidationError({"period": _("Enter the period this assessment covers.")})
    try:
        standard = engine.catalogue().get(CELC_TRI, standard_version)
    except StandardError as error:
        raise ValidationError({"standard_version": error.message}) from None
    if Assessment.objects.filter(organisation=organisation, period=period).exists():
        raise ValidationError(
            {
                "period": _("%(org)s already has an assessment for “%(period)s”.")
                % {"org": organisation.name, "period": period}
            }
        )
    assessment = Assessment.objects.create(
        organisation=organisation,
        standard_id=standard.id,
        standard_version=standard.version,
        period=period,
        created_by=actor,
    )
    Answer.objects.bulk_create(
        Answer(assessment=assessment, organisation=organisation, criterion_id=criterion.id)
        for criterion in standard.criteria
    )
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.ASSESSMENT_STARTED,
        target=assessment,
        data={"period": period, "version": standard.version},
    )
    return assessment


@transaction.atomic
def copy_assessment(
    *, source: Assessment, period: str, actor: User, standard_version: str | None = None
) -> Assessment:
    """Start next period's draft from a submitted assessment ("amend, don't retake").

    Levels, evidence text, links, files, owners and target dates carry over. Across versions the
    engine's crosswalk decides what carries; rows it flags are marked "needs review".
    """
    source = Assessment.objects.select_related("organisation").get(pk=source.pk)
    _require(actor, "assessments.copy_assessment", source)
    _require(actor, "assessments.start_assessment", source.organisation)
    new = engine.catalogue().get(source.standard_id, standard_version)
    target = _start(
        organisation=source.organisation,
        period=period,
        actor=actor,
        standard_version=new.version,
    )
    _copy_into(source=source, target=target, actor=actor)
    return target


@transaction.atomic
def start_round_assessment(
    *, organisation: Organisation, period: str, standard_version: str, actor: User
) -> Assessment:
    """The coordinator starts an organisation's draft for a round of the scheme. If the
    organisation has signed off an earlier assessment against the Standard, its answers and
    evidence carry forward ("amend, don't retake"); otherwise the draft starts empty."""
    _require(actor, "assessments.start_for_round", organisation)
    target = _start(
        organisation=organisation, period=period, actor=actor, standard_version=standard_version
    )
    source = (
        Assessment.objects.filter(
            organisation=organisation, standard_id=target.standard_id, status__in=SIGNED_OFF
        )
        .exclude(pk=target.pk)
        .order_by("-submitted_at")
        .first()
    )
    if source is not None:
        _copy_into(source=source, target=target, actor=actor)
    return target


def _copy_into(*, source: Assessment, target: Assessment, actor: User) -> None:
    old = engine.standard_of(source)
    new = engine.standard_of(target)
    target.copied_from = source
    target.save(update_fields=["copied_from"])
    old_answers = {a.criterion_id: a for a in source.answers.select_related("owner")}
    sources: dict[str, list[str]] = {row: [row] for row in old_answers}
    notes: dict[str, str] = {}
    levels: dict[str, Level | None] = {}
    if new.version != old.version:
        responses = engine.response_set(source, old_answers.values())
        carried_set, carried_rows = carry_forward(responses, old, new)
        sources = {c.row: list(c.replaces) for c in carried_rows if c.row is not None}
        notes = {c.row: c.note or c.change.value for c in carried_rows if c.row and c.needs_review}
        levels = {row: carried_set.level_of(row) for row in sources}
    for answer in target.answers.all():
        replaced = [old_answers[row] for row in sources.get(answer.criterion_id, [])]
        if not replaced:
            answer.needs_review = answer.criterion_id in notes
            answer.review_note = notes.get(answer.criterion_id, "")
            answer.save(update_fields=["needs_review", "review_note"])
            continue
        first = replaced[0]
        if new.version != old.version:
            level = levels.get(answer.criterion_id)
            answer.level = level.key if level else ""
        else:
            answer.level = first.level
        answer.evidence = "\n\n".join(a.evidence for a in replaced if a.evidence)
        answer.owner = first.owner
        answer.target_on = first.target_on
        answer.needs_review = answer.criterion_id in notes
        answer.review_note = notes.get(answer.criterion_id, "")
        answer.updated_by = actor
        answer.revision = 1
        answer.save()
        for old_answer in replaced:
            for link in old_answer.links.filter(removed_at__isnull=True):
                EvidenceLink.objects.create(
                    answer=answer,
                    organisation=answer.organisation,
                    url=link.url,
                    title=link.title,
                    added_by=link.added_by,
                )
            for file in old_answer.files.filter(removed_at__isnull=True):
                # Stored files are never changed, so the copy shares the stored bytes.
                EvidenceFile.objects.create(
                    answer=answer,
                    organisation=answer.organisation,
                    file=file.file.name,
                    name=file.name,
                    content_type=file.content_type,
                    size=file.size,
                    sha256=file.sha256,
                    added_by=file.added_by,
                )
        AnswerRevision.objects.create(
            answer=answer,
            organisation=answer.organisation,
            actor=actor,
            kind=RevisionKind.COPIED,
            before={},
            after=_snapshot(answer)
            | {"from": str(source), "rows": [a.criterion_id for a in replaced]},
        )
    record(
        actor=actor,
        organisation=source.organisation,
        verb=Verb.ASSESSMENT_COPIED,
        target=target,
        data={"from": source.pk, "from_version": old.version, "version": new.version},
    )


# ---------------------------------------------------------------- answers


def check_level(assessment: Assessment, criterion_id: str, level_key: str) -> None:
    """Refuse a level the criterion does not offer, naming the criterion."""
    if level_key == "":
        return
    criterion = engine.standard_of(assessment).criterion(criterion_id)
    try:
        level = Level.from_key(level_key)
    except KeyError:
        level = None
    if level is None or not criterion.offers(level):
        offered = ", ".join(lv.label for lv in criterion.levels)
        raise ValidationError(
            {
                "level": _(
                    "Criterion %(row)s does not offer “%(level)s”. Choose Not yet or one of "
                    "the levels it offers: %(offered)s."
                )
                % {"row": criterion_id, "level": level_key, "offered": offered}
            }
        )


@transaction.atomic
def record_answer(
    *,
    answer: Answer,
    actor: User,
    level: str,
    evidence: str,
    owner: User | None,
    target_on: date | None,
    seen_revision: int,
    kind: str = RevisionKind.ANSWER,
) -> Answer:
    """Save the level, evidence, owner and target date of one criterion.

    `seen_revision` is the revision the person's form was built from: if someone else has saved
    since, StaleAnswerError is raised and nothing changes. Writes one revision row (before and
    after) and one audit record; saving an unchanged answer writes nothing.
    """
    locked = (
        Answer.objects.select_for_update()
        .select_related("assessment__organisation")
        .get(pk=answer.pk)
    )
    assessment = locked.assessment
    _require(actor, "assessments.edit_answers", assessment)
    check_level(assessment, locked.criterion_id, level)
    if locked.revision != seen_revision:
        raise StaleAnswerError(locked)
    before = _snapshot(locked)
    locked.level = level
    locked.evidence = evidence.strip()
    locked.owner = owner
    locked.target_on = target_on
    after = _snapshot(locked)
    if before == after:
        return locked
    if before["level"] != after["level"]:
        locked.needs_review = False
    locked.revision += 1
    locked.updated_by = actor
    locked.save()
    AnswerRevision.objects.create(
        answer=locked,
        organisation=locked.organisation,
        actor=actor,
        kind=kind,
        before=before,
        after=after,
    )
    record(
        actor=actor,
        organisation=locked.organisation,
        verb=Verb.ANSWER_CHANGED,
        target=locked,
        data={"criterion": locked.criterion_id, "level": [before["level"], after["level"]]},
    )
    return locked


@dataclass(frozen=True)
class DataSuggestion:
    """A level suggested by workforce figures (tri.workforce.criteria), with where it came
    from: what `accept_suggestion` keeps as evidence."""

    criterion_id: str
    level: str
    rule: str
    rule_title: str
    rule_summary: str
    figure: str
    reason: str
    snapshot_on: date
    return_id: int


@transaction.atomic
def accept_suggestion(
    *, answer: Answer, suggestion: DataSuggestion, seen_revision: int, actor: User
) -> DataEvidence:
    """A person accepts a level the workforce figures suggest: the answer takes the level, and
    the figure, its snapshot and the rule are attached to it as evidence.

    Refuses (StaleAnswerError) if the answer changed since the person's page was built, and a
    level the criterion does not offer (ValidationError). Side effects: an answer revision, a
    DataEvidence row, audit records for the answer and the acceptance.
    """
    if suggestion.criterion_id != answer.criterion_id:
        raise ValidationError(_("That suggestion is for another criterion."))
    updated = record_answer(
        answer=answer,
        actor=actor,
        level=suggestion.level,
        evidence=answer.evidence,
        owner=answer.owner,
        target_on=answer.target_on,
        seen_revision=seen_revision,
        kind=RevisionKind.SUGGESTION,
    )
    evidence = DataEvidence.objects.create(
        answer=updated,
        organisation=updated.organisation,
        rule=suggestion.rule,
        rule_title=suggestion.rule_title,
        rule_summary=suggestion.rule_summary,
        level=suggestion.level,
        figure=suggestion.figure,
        reason=suggestion.reason,
        snapshot_on=suggestion.snapshot_on,
        return_id=suggestion.return_id,
        accepted_by=actor,
    )
    _touch(updated, actor)
    record(
        actor=actor,
        organisation=updated.organisation,
        verb=Verb.SUGGESTION_ACCEPTED,
        target=evidence,
        data={
            "criterion": updated.criterion_id,
            "level": suggestion.level,
            "rule": suggestion.rule,
            "snapshot_on": suggestion.snapshot_on.isoformat(),
            "return": suggestion.return_id,
        },
    )
    return evidence


def _touch(answer: Answer, actor: User) -> None:
    """Evidence changes count as changes to the answer, so stale forms are still caught."""
    Answer.objects.filter(pk=answer.pk).update(
        revision=answer.revision + 1, updated_by=actor, updated_at=timezone.now()
    )
    answer.revision += 1


@transaction.atomic
def add_evidence_link(*, answer: Answer, url: str, title: str, actor: User) -> EvidenceLink:
    _require(actor, "assessments.edit_answers", answer.assessment)
    link = EvidenceLink(
        answer=answer, organisation=answer.organisation, url=url, title=title, added_by=actor
    )
    link.full_clean()
    link.save()
    _evidence_changed(answer, actor, RevisionKind.LINK_ADDED, {}, {"link": url, "title": title})
    record(
        actor=actor,
        organisation=answer.organisation,
        verb=Verb.EVIDENCE_LINK_ADDED,
        target=link,
        data={"criterion": answer.criterion_id, "url": url},
    )
    return link


@transaction.atomic
def remove_evidence_link(*, link: EvidenceLink, actor: User) -> None:
    """Take a link off the criterion; it stays in the history."""
    _remove_evidence(
        link,
        actor=actor,
        kind=RevisionKind.LINK_REMOVED,
        verb=Verb.EVIDENCE_LINK_REMOVED,
        before={"link": link.url, "title": link.title},
    )


@transaction.atomic
def add_evidence_file(*, answer: Answer, upload: UploadedFile, actor: User) -> EvidenceFile:
    """Store an evidence document after checking its size and, from its content, its type.
    The stored name is random; the uploader's file name is kept only as a label."""
    _require(actor, "assessments.edit_answers", answer.assessment)
    name = (upload.name or "evidence").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    limit = settings.TRI_EVIDENCE_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "file": _("%(name)s is larger than %(limit)s MB. Upload a smaller file.")
                % {"name": name, "limit": limit // (1024 * 1024)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("%(name)s is empty.") % {"name": name}})
    upload.seek(0)
    head = upload.read(8192)
    kind = identify(head, name)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s is not a file type we accept, judging by its content. "
                    "Upload a %(allowed)s file."
                )
                % {"name": name, "allowed": ALLOWED_DESCRIPTION}
            }
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = EvidenceFile(
        answer=answer,
        organisation=answer.organisation,
        name=name,
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        added_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    _evidence_changed(answer, actor, RevisionKind.FILE_ADDED, {}, {"file": name, "id": evidence.pk})
    record(
        actor=actor,
        organisation=answer.organisation,
        verb=Verb.EVIDENCE_FILE_ADDED,
        target=evidence,
        data={"criterion": answer.criterion_id, "name": name, "size": upload.size},
    )
    return evidence


@transaction.atomic
def remove_evidence_file(*, evidence: EvidenceFile, actor: User) -> None:
    """Take a file off the criterion. The bytes are kept: history still links to them."""
    _remove_evidence(
        evidence,
        actor=actor,
        kind=RevisionKind.FILE_REMOVED,
        verb=Verb.EVIDENCE_FILE_REMOVED,
        before={"file": evidence.name, "id": evidence.pk},
    )


def _remove_evidence(
    item: EvidenceLink | EvidenceFile, *, actor: User, kind: str, verb: Verb, before: dict[str, Any]
) -> None:
    """Mark a link or file removed (never deleted), with a revision and an audit record."""
    answer = item.answer
    _require(actor, "assessments.edit_answers", answer.assessment)
    item.removed_at = timezone.now()
    item.save(update_fields=["removed_at"])
    _evidence_changed(answer, actor, kind, before, {})
    record(
        actor=actor,
        organisation=answer.organisation,
        verb=verb,
        target=item,
        data={"criterion": answer.criterion_id, **before},
    )


def _evidence_changed(
    answer: Answer, actor: User, kind: str, before: dict[str, Any], after: dict[str, Any]
) -> None:
    _touch(answer, actor)
    AnswerRevision.objects.create(
        answer=answer,
        organisation=answer.organisation,
        actor=actor,
        kind=kind,
        before=before,
        after=after,
    )


# ---------------------------------------------------------------- sign-off


@transaction.atomic
def submit_assessment(*, assessment: Assessment, actor: User) -> Assessment:
    """Sign off: lock the assessment for editing and record who signed it off and its scores.
    The coordinator can read it from now on. Starts a review cycle holding a copy of the
    answers as signed off."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(actor, "assessments.submit_assessment", assessment)
    answers = list(assessment.answers.all())
    report = engine.score_answers(assessment, answers)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    cycle = ReviewCycle.objects.create(
        assessment=assessment,
        organisation=assessment.organisation,
        number=assessment.cycles.count() + 1,
        snapshot={a.criterion_id: {"level": a.level, "evidence": a.evidence} for a in answers},
        submitted_at=assessment.submitted_at,
        submitted_by=actor,
    )
    record(
        actor=actor,
        organisation=assessment.organisation,
        verb=Verb.ASSESSMENT_SUBMITTED,
        target=assessment,
        data={
            "cycle": cycle.number,
            "scores": {
                c.category.id: [c.points, c.level.key if c.level else None]
                for c in report.categories
            },
        },
    )
    return assessment


@transaction.atomic
def return_to_draft(*, assessment: Assessment, reason: str, actor: User) -> Assessment:
    """Unlock a signed-off assessment for rework. Ends the current review cycle (its copy of
    the answers and any peer review of it stay readable); the next sign-off starts a new one.
    The reason is kept in the cycle and the history."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require(actor, "assessments.return_assessment", assessment)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Enter why the assessment is going back to draft.")})
    before = assessment.status
    assessment.status = AssessmentStatus.DRAFT
    assessment.save(update_fields=["status"])
    ended = ReviewCycle.objects.filter(assessment=assessment, returned_at__isnull=True).update(
        returned_at=timezone.now(), returned_by=actor, return_reason=reason
    )
    record(
        actor=actor,
        organisation=assessment.organisation,
        verb=Verb.ASSESSMENT_RETURNED,
        target=assessment,
        data={"reason": reason, "from": before, "cycles_ended": ended},
    )
    return assessment


@transaction.atomic
def move_review_status(
    *,
    assessment: Assessment,
    expected: set[str],
    to: str,
    actor: User,
    verb: Verb,
    data: dict[str, Any] | None = None,
) -> Assessment:
    """Move a signed-off assessment along the peer review flow (submitted → in peer review →
    peer review complete → moderated → final). For tri.rounds' services, which check their
    own permissions first. Raises ValidationError if the assessment is not in an expected
    status (someone else moved it meanwhile); records the step in the history."""
    locked = (
        Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    )
    if locked.status not in expected:
        raise ValidationError(
            _("%(assessment)s is now “%(status)s”, so this step no longer applies.")
            % {"assessment": locked, "status": locked.get_status_display()}
        )
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status"])
    record(
        actor=actor,
        organisation=locked.organisation,
        verb=verb,
        target=locked,
        data={"from": before, "to": to, **(data or {})},
    )
    return locked


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportChange:
    criterion_id: str
    level_before: str
    level_after: str
    evidence_before: str
    evidence_after: str

    @property
    def level_changes(self) -> bool:
        return self.level_before != self.level_after

    @property
    def evidence_changes(self) -> bool:
        return self.evidence_before != self.evidence_after


def preview_import(assessment: Assessment, responses: ResponseSet) -> list[ImportChange]:
    """What importing a response file would change, row by row. Rows the file leaves blank are
    left as they are (an import adds to the assessment; it never clears answers).
    Raises ValidationError naming the file and rows at fault."""
    if (responses.standard_id, responses.version) != (
        assessment.standard_id,
        assessment.standard_version,
    ):
        raise ValidationError(
            _(
                "%(source)s is for %(standard)s version %(version)s, but this assessment uses "
                "version %(ours)s. Download this assessment's template and fill that in."
            )
            % {
                "source": responses.source,
                "standard": responses.standard_id,
                "version": responses.version,
                "ours": assessment.standard_version,
            }
        )
    try:
        check_responses(engine.standard_of(assessment), responses)
    except StandardError as error:
        raise ValidationError(error.message) from None
    current = {a.criterion_id: a for a in assessment.answers.all()}
    changes = []
    for row, response in responses.responses.items():
        if response.level is None and not response.evidence:
            continue
        answer = current[row]
        level_after = response.level.key if response.level else answer.level
        evidence_after = response.evidence.strip() or answer.evidence
        if (level_after, evidence_after) != (answer.level, answer.evidence):
            changes.append(
                ImportChange(row, answer.level, level_after, answer.evidence, evidence_after)
            )
    order = [c.id for c in engine.standard_of(assessment).criteria]
    return sorted(changes, key=lambda c: order.index(c.criterion_id))


@transaction.atomic
def apply_import(
    *,
    assessment: Assessment,
    changes: list[ImportChange],
    revisions: Mapping[str, int],
    actor: User,
) -> int:
    """Apply a previewed import. `revisions` are the answer revisions the preview saw: if any
    answer changed since, StaleAnswerError is raised and nothing is applied."""
    _require(actor, "assessments.edit_answers", assessment)
    answers = {a.criterion_id: a for a in assessment.answers.select_related("owner")}
    for change in changes:
        answer = answers[change.criterion_id]
        record_answer(
            answer=answer,
            actor=actor,
            level=change.level_after,
            evidence=change.evidence_after,
            owner=answer.owner,
            target_on=answer.target_on,
            seen_revision=revisions[change.criterion_id],
            kind=RevisionKind.IMPORTED,
        )
    record(
        actor=actor,
        organisation=assessment.organisation,
        verb=Verb.ASSESSMENT_IMPORTED,
        target=assessment,
        data={"rows": [c.criterion_id for c in changes]},
    )
    return len(changes)


# ---------------------------------------------------------------- guidance


@transaction.atomic
def set_guidance(
    *, standard_id: str, standard_version: str, criterion_id: str, text: str, actor: User
) -> Guidance:
    """Write the coordinator's guidance for a criterion (empty text hides it)."""
    _require(actor, "assessments.write_guidance", None)
    engine.catalogue().get(standard_id, standard_version).criterion(criterion_id)
    guidance, _created = Guidance.objects.select_for_update().get_or_create(
        standard_id=standard_id,
        standard_version=standard_version,
        criterion_id=criterion_id,
        defaults={"text": "", "updated_by": actor},
    )
    before = guidance.text
    guidance.text = text.strip()
    guidance.updated_by = actor
    guidance.save()
    record(
        actor=actor,
        organisation=None,
        verb=Verb.GUIDANCE_CHANGED,
        target=guidance,
        data={"criterion": criterion_id, "before": before, "after": guidance.text},
    )
    return guidance
