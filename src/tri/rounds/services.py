"""Changes in the pilot scheme. Each service takes an actor, checks its own permission, runs in
one transaction and leaves an audit record. Which level counts, how pairings are proposed and
checked, and what the evaluation says are the pure engine's (tri.scheme)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tri.accounts.models import User
from tri.assessments import engine
from tri.assessments import services as assessment_services
from tri.assessments.enums import AssessmentStatus
from tri.assessments.models import Assessment
from tri.assessments.queries import forget_reviews
from tri.common.audit import record
from tri.common.enums import Verb
from tri.common.permissions import can
from tri.organisations.enums import OrganisationKind, Role
from tri.organisations.models import ComparisonGroup, Organisation
from tri.rounds import outcomes, queries
from tri.rounds.enums import OVERDUE, REMINDER_DAYS, Reply, RoundState, Verdict
from tri.rounds.models import (
    Feedback,
    Judgement,
    Pairing,
    Participant,
    PeerReviewer,
    ReminderSent,
    Round,
)
from tri.scheme import MINIMUM, Pair, Proposal, check_pairing, propose_pairing, too_close
from tri.standard import CELC_TRI, StandardError


class StaleJudgementError(Exception):
    """Someone else changed the criterion's review after the form was loaded. Nothing was
    changed."""

    def __init__(self, judgement: Judgement, who: User | None) -> None:
        self.judgement = judgement
        super().__init__(
            _(
                "%(who)s changed the review of criterion %(row)s after you opened this page, "
                "so your change was not saved. Their version is shown: make your change again "
                "if it is still needed."
            )
            % {"who": who or _("Someone"), "row": judgement.criterion_id}
        )


def _require(actor: User, perm: str, obj: object) -> None:
    if not can(actor, perm, obj):
        raise PermissionDenied(perm)


# ---------------------------------------------------------------- rounds


def _check_dates(opens_on: date, submit_by: date, closes_on: date) -> None:
    if not opens_on <= submit_by <= closes_on:
        raise ValidationError(
            {
                "submit_by": _(
                    "The sign-off deadline must be on or after the opening date, and the "
                    "round must close on or after the deadline."
                )
            }
        )


def _check_participants(organisations: Iterable[Organisation]) -> list[Organisation]:
    chosen = list(organisations)
    bodies = [o.name for o in chosen if o.kind != OrganisationKind.LOCAL_AUTHORITY]
    if bodies:
        raise ValidationError(
            {
                "organisations": _("Only local authorities take part in a round, not %(names)s.")
                % {"names": ", ".join(bodies)}
            }
        )
    return chosen


@transaction.atomic
def open_round(
    *,
    name: str,
    standard_version: str,
    opens_on: date,
    submit_by: date,
    closes_on: date,
    organisations: Iterable[Organisation],
    actor: User,
) -> Round:
    """Open a round and start each participant's draft for it (carrying forward its last
    signed-off answers, if any). Raises ValidationError naming the field or organisation at
    fault; then nothing is created."""
    _require(actor, "rounds.manage_round", None)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name for the round.")})
    if Round.objects.filter(name=name).exists():
        raise ValidationError({"name": _("There is already a round called “%s”.") % name})
    try:
        standard = engine.catalogue().get(CELC_TRI, standard_version)
    except StandardError as error:
        raise ValidationError({"standard_version": error.message}) from None
    _check_dates(opens_on, submit_by, closes_on)
    chosen = _check_participants(organisations)
    if len(chosen) < 2:
        raise ValidationError(
            {"organisations": _("Choose at least two organisations, so that they can pair.")}
        )
    round_ = Round.objects.create(
        name=name,
        standard_id=standard.id,
        standard_version=standard.version,
        opens_on=opens_on,
        submit_by=submit_by,
        closes_on=closes_on,
        created_by=actor,
    )
    _add(round_, chosen, actor)
    record(
        actor=actor,
        organisation=None,
        verb=Verb.ROUND_OPENED,
        target=round_,
        data={"name": name, "version": standard.version, "participants": len(chosen)},
    )
    return round_


def _add(round_: Round, organisations: list[Organisation], actor: User) -> None:
    for organisation in organisations:
        try:
            assessment = assessment_services.start_round_assessment(
                organisation=organisation,
                period=round_.name,
                standard_version=round_.standard_version,
                actor=actor,
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "organisations": _("%(org)s: %(problem)s")
                    % {"org": organisation.name, "problem": " ".join(error.messages)}
                }
            ) from None
        Participant.objects.create(round=round_, organisation=organisation, assessment=assessment)


@transaction.atomic
def add_participants(
    *, round_: Round, organisations: Iterable[Organisation], actor: User
) -> list[Organisation]:
    """Add organisations to a round that has not closed, starting their drafts."""
    _require(actor, "rounds.manage_round", None)
    if round_.state == RoundState.CLOSED:
        raise ValidationError(_("%s has closed: no one can join it.") % round_.name)
    already = set(round_.participants.values_list("organisation_id", flat=True))
    new = [o for o in _check_participants(organisations) if o.pk not in already]
    if not new:
        raise ValidationError({"organisations": _("Choose an organisation not yet taking part.")})
    _add(round_, new, actor)
    record(
        actor=actor,
        organisation=None,
        verb=Verb.ROUND_CHANGED,
        target=round_,
        data={"added": [o.slug for o in new]},
    )
    return new


@transaction.atomic
def change_round(
    *, round_: Round, name: str, opens_on: date, submit_by: date, closes_on: date, actor: User
) -> Round:
    """Rename a round or move its dates (for instance, to extend the deadline)."""
    _require(actor, "rounds.manage_round", None)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name for the round.")})
    if Round.objects.filter(name=name).exclude(pk=round_.pk).exists():
        raise ValidationError({"name": _("There is already a round called “%s”.") % name})
    _check_dates(opens_on, submit_by, closes_on)
    before = {
        "name": round_.name,
        "opens_on": round_.opens_on.isoformat(),
        "submit_by": round_.submit_by.isoformat(),
        "closes_on": round_.closes_on.isoformat(),
    }
    round_.name, round_.opens_on, round_.submit_by, round_.closes_on = (
        name,
        opens_on,
        submit_by,
        closes_on,
    )
    round_.save()
    after = {
        "name": name,
        "opens_on": opens_on.isoformat(),
        "submit_by": submit_by.isoformat(),
        "closes_on": closes_on.isoformat(),
    }
    record(
        actor=actor,
        organisation=None,
        verb=Verb.ROUND_CHANGED,
        target=round_,
        data={"before": before, "after": after},
    )
    return round_


@transaction.atomic
def close_round(*, round_: Round, actor: User) -> Round:
    """Close a round now. Peer reviewers lose access to their partner's assessment; the
    coordinator can still moderate and confirm final scores."""
    _require(actor, "rounds.manage_round", None)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closed_at is not None:
        raise ValidationError(_("%s is already closed.") % round_.name)
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    record(actor=actor, organisation=None, verb=Verb.ROUND_CLOSED, target=round_, data={})
    return round_


# ---------------------------------------------------------------- comparison groups


def check_group(
    *, name: str | None, members: Sequence[Organisation] | None, group: ComparisonGroup | None
) -> dict[str, str]:
    """What is wrong with a comparison group of this name and these members (`group` when it
    is being changed): one message per field, none when nothing is. A field given as None is
    not checked (the form has found it wrong already). Reads only: `save_group` calls it, and
    so does the form, so that every problem is shown at once."""
    problems: dict[str, str] = {}
    if name is not None:
        problem = _name_problem(name.strip(), group)
        if problem:
            problems["name"] = problem
    if members is not None:
        problem = _members_problem(members, group)
        if problem:
            problems["members"] = problem
    return problems


def _name_problem(name: str, group: ComparisonGroup | None) -> str | None:
    if not name:
        return _("Enter a name for the group.")
    taken = ComparisonGroup.objects.filter(name__iexact=name)
    if group is not None:
        taken = taken.exclude(pk=group.pk)
    existing = taken.first()
    if existing is not None:
        return _("There is already a group called “%s”. Choose a different name.") % existing.name
    return None


def _members_problem(members: Sequence[Organisation], group: ComparisonGroup | None) -> str | None:
    bodies = [o.name for o in members if o.kind != OrganisationKind.LOCAL_AUTHORITY]
    if bodies:
        return _("Only local authorities can be in a comparison group, not %(names)s.") % {
            "names": ", ".join(bodies)
        }
    ids = frozenset(o.pk for o in members)
    if len(ids) < MINIMUM:
        return _(
            "Choose at least %(n)s organisations: no group's figures are shown for fewer than "
            "%(n)s, so that no one organisation's results can be picked out."
        ) % {"n": MINIMUM}
    # A group of fewer than MINIMUM is never shown, so being near it gives nothing away.
    others = [
        (other_name, other)
        for other_name, other in queries.comparison_memberships(leaving_out=group)
        if len(other) >= MINIMUM
    ]
    close = too_close(ids, others, MINIMUM)
    if not close:
        return None
    differences = [
        ngettext(
            "%(group)s by only %(n)s organisation",
            "%(group)s by only %(n)s organisations",
            n,
        )
        % {"group": group_name, "n": n}
        for group_name, n in close
    ]
    return _(
        "This group differs from %(differences)s. Showing both would let someone work out "
        "one organisation's results by comparing the two groups. Add or take out organisations "
        "so that it differs from every other group by at least %(n)s."
    ) % {"differences": _(" and from ").join(differences), "n": MINIMUM}


def _group_data(group: ComparisonGroup) -> dict[str, Any]:
    return {
        "name": group.name,
        "description": group.description,
        "members": sorted(group.members.values_list("slug", flat=True)),
    }


@transaction.atomic
def save_group(
    *,
    name: str,
    description: str,
    members: Iterable[Organisation],
    actor: User,
    group: ComparisonGroup | None = None,
) -> ComparisonGroup:
    """Create a comparison group, or change `group`: its name, description and members.

    Refuses, with a ValidationError naming each field at fault and nothing saved: a blank name
    or one already taken (whatever its capitals); fewer than 5 members or any that is not a
    local authority; members that differ from another group's, built-in (all local
    authorities, inner or outer London, a partnership) or custom, by 1 to 4 organisations,
    which would let someone work out an organisation's results from the two groups' figures
    (a group of fewer than 5, never shown, does not count).

    Side effects: the group's `updated_at` is set even when only its members change, so every
    round benchmark cached under the groups' state is worked out afresh; one audit record with
    the group before (when changed) and after.
    """
    _require(actor, "rounds.manage_groups", None)
    chosen = list(members)
    if group is not None:
        group = ComparisonGroup.objects.select_for_update().get(pk=group.pk)
    problems = check_group(name=name, members=chosen, group=group)
    if problems:
        raise ValidationError(problems)
    before = None
    if group is None:
        group = ComparisonGroup(created_by=actor)
    else:
        before = _group_data(group)
    group.name = name.strip()
    group.description = description.strip()
    group.save()
    group.members.set(chosen)
    record(
        actor=actor,
        organisation=None,
        verb=Verb.COMPARISON_GROUP_SAVED,
        target=group,
        data={"before": before, "after": _group_data(group)},
    )
    return group


@transaction.atomic
def delete_group(*, group: ComparisonGroup, actor: User) -> None:
    """Delete a comparison group. Round benchmarks no longer show it (the groups' state they
    are cached under changes); the audit record keeps its name and members."""
    _require(actor, "rounds.manage_groups", None)
    group = ComparisonGroup.objects.select_for_update().get(pk=group.pk)
    record(
        actor=actor,
        organisation=None,
        verb=Verb.COMPARISON_GROUP_DELETED,
        target=group,
        data=_group_data(group),
    )
    group.delete()


# ---------------------------------------------------------------- pairing


def previous_pairs(round_: Round) -> list[Pair]:
    """Who reviewed whom in the round before this one, by organisation slug."""
    earlier = queries.previous_round(round_)
    if earlier is None:
        return []
    return [Pair(p.reviewer.slug, p.reviewed.slug) for p in queries.pairings_of(earlier)]


def propose_round_pairing(*, round_: Round, actor: User, seed: int = 0) -> Proposal:
    """A pairing the coordinator can accept or change: groups of three (or four) reviewing
    round the circle, with no reciprocal pairs and none who reviewed each other last round."""
    _require(actor, "rounds.manage_round", None)
    slugs = [p.organisation.slug for p in round_.participants.select_related("organisation")]
    return propose_pairing(slugs, previous_pairs(round_), seed=seed)


@transaction.atomic
def set_pairing(
    *, round_: Round, pairs: Sequence[tuple[Organisation, Organisation]], actor: User
) -> tuple[str, ...]:
    """Replace a round's pairing with `pairs` (reviewer, reviewed). Every participant must
    review exactly one other and be reviewed by exactly one. Refused once any peer review has
    been recorded in the round. Returns warnings that do not stop it (reciprocal pairs, pairs
    who reviewed each other last round)."""
    _require(actor, "rounds.manage_round", None)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if Judgement.objects.filter(assessment__participant__round=round_).exclude(verdict="").exists():
        raise ValidationError(
            _("Peer review has started in %s, so its pairing can no longer change.") % round_.name
        )
    participants = {p.organisation.slug: p.organisation for p in round_.participants.all()}
    reviewers = [r.slug for r, _d in pairs]
    reviewed = [d.slug for _r, d in pairs]
    problems = [
        _("%s is not taking part in this round.") % slug
        for slug in sorted(set(reviewers) | set(reviewed))
        if slug not in participants
    ]
    problems += [
        _("%s cannot review itself.") % reviewer_org.name
        for reviewer_org, reviewed_org in pairs
        if reviewer_org.pk == reviewed_org.pk
    ]
    for slug, organisation in participants.items():
        if reviewers.count(slug) != 1:
            problems.append(
                _("%(org)s must review exactly one organisation, not %(n)s.")
                % {"org": organisation.name, "n": reviewers.count(slug)}
            )
        if reviewed.count(slug) != 1:
            problems.append(
                _("%(org)s must be reviewed by exactly one organisation, not %(n)s.")
                % {"org": organisation.name, "n": reviewed.count(slug)}
            )
    if problems:
        raise ValidationError(problems)
    chosen = [Pair(r.slug, d.slug) for r, d in pairs]
    warnings = check_pairing(list(participants), chosen, previous_pairs(round_))
    Pairing.objects.filter(round=round_).delete()
    groups = _groups(chosen)
    Pairing.objects.bulk_create(
        Pairing(
            round=round_,
            reviewer=participants[pair.reviewer],
            reviewed=participants[pair.reviewed],
            group=groups[pair.reviewer],
        )
        for pair in chosen
    )
    record(
        actor=actor,
        organisation=None,
        verb=Verb.PAIRING_SET,
        target=round_,
        data={"pairs": [[p.reviewer, p.reviewed] for p in chosen], "warnings": list(warnings)},
    )
    return warnings


def _groups(pairs: list[Pair]) -> dict[str, int]:
    """Number the circles of a pairing 1, 2, …: a group is everyone round one circle."""
    following = {p.reviewer: p.reviewed for p in pairs}
    group: dict[str, int] = {}
    for start in sorted(following):
        if start in group:
            continue
        number = len(set(group.values())) + 1
        current = start
        while current not in group:
            group[current] = number
            current = following[current]
    return group


@transaction.atomic
def grant_reviewer(*, pairing: Pairing, user: User, actor: User) -> PeerReviewer:
    """Name a person of the reviewing organisation as peer reviewer on a pairing: the only way
    to get the role, and only for that round."""
    _require(actor, "rounds.manage_round", None)
    if not user.is_active or not user.memberships.filter(organisation=pairing.reviewer).exists():
        raise ValidationError(
            {
                "user": _("%(who)s does not work for %(org)s.")
                % {"who": user, "org": pairing.reviewer}
            }
        )
    if PeerReviewer.objects.filter(pairing=pairing, user=user).exists():
        raise ValidationError({"user": _("%s is already a reviewer on this pairing.") % user})
    reviewer = PeerReviewer.objects.create(
        pairing=pairing, organisation=pairing.reviewer, user=user, granted_by=actor
    )
    forget_reviews(user)
    record(
        actor=actor,
        organisation=pairing.reviewer,
        verb=Verb.REVIEWER_GRANTED,
        target=reviewer,
        data={"user": user.email, "reviews": pairing.reviewed.slug, "round": pairing.round.name},
    )
    return reviewer


@transaction.atomic
def revoke_reviewer(*, reviewer: PeerReviewer, actor: User) -> None:
    _require(actor, "rounds.manage_round", None)
    record(
        actor=actor,
        organisation=reviewer.organisation,
        verb=Verb.REVIEWER_REVOKED,
        target=reviewer,
        data={"user": reviewer.user.email, "reviews": reviewer.pairing.reviewed.slug},
    )
    reviewer.delete()
    forget_reviews(reviewer.user)


# ---------------------------------------------------------------- peer review


def _lock_assessment(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update().select_related("organisation").get(pk=assessment.pk)
    )


def _lock_judgement(assessment: Assessment, criterion_id: str) -> Judgement:
    """The criterion's judgement in the current cycle, locked; the cycle's judgements are
    created on first use, under the assessment's lock so that two people cannot both do it."""
    cycle = queries.current_cycle(assessment)
    if cycle is None:
        raise ValidationError(_("%s has not been signed off.") % assessment)
    criterion_ids = [c.id for c in engine.standard_of(assessment).criteria]
    if criterion_id not in criterion_ids:
        raise ValidationError(_("There is no criterion %s in this version.") % criterion_id)
    if not Judgement.objects.filter(cycle=cycle).exists():
        Judgement.objects.bulk_create(
            Judgement(
                cycle=cycle,
                assessment=assessment,
                organisation=assessment.organisation,
                criterion_id=row,
            )
            for row in criterion_ids
        )
    return (
        Judgement.objects.select_for_update()
        .select_related("cycle")
        .get(cycle=cycle, criterion_id=criterion_id)
    )


def _check_revision(judgement: Judgement, seen_revision: int) -> None:
    if judgement.revision != seen_revision:
        who = judgement.moderated_by or judgement.replied_by or judgement.reviewer
        raise StaleJudgementError(judgement, who)


def _check_offered(assessment: Assessment, criterion_id: str, level_key: str, field: str) -> None:
    try:
        assessment_services.check_level(assessment, criterion_id, level_key)
    except ValidationError as error:
        raise ValidationError({field: error.message_dict["level"]}) from None


def _judgement_data(judgement: Judgement) -> dict[str, Any]:
    return {
        "verdict": judgement.verdict,
        "comment": judgement.comment,
        "proposed_level": judgement.proposed_level,
        "reply": judgement.reply,
        "reply_note": judgement.reply_note,
        "moderated_level": judgement.moderated_level,
        "moderation_reason": judgement.moderation_reason,
    }


def _save_judgement(
    judgement: Judgement, actor: User, before: dict[str, Any], verb: Verb
) -> Judgement:
    judgement.revision += 1
    judgement.save()
    record(
        actor=actor,
        organisation=judgement.organisation,
        verb=verb,
        target=judgement,
        data={
            "criterion": judgement.criterion_id,
            "cycle": judgement.cycle.number,
            "before": before,
            "after": _judgement_data(judgement),
        },
    )
    return judgement


@transaction.atomic
def record_judgement(
    *,
    assessment: Assessment,
    criterion_id: str,
    verdict: str,
    comment: str,
    proposed_level: str,
    seen_revision: int,
    actor: User,
) -> Judgement:
    """A peer reviewer agrees with a criterion's level or challenges it, with the level they
    believe the evidence supports. The first judgement moves the assessment into peer review.
    Raises StaleJudgementError if someone else changed it since `seen_revision`."""
    assessment = _lock_assessment(assessment)
    forget_reviews(actor)  # decide on the grant as it stands now, not as cached earlier
    _require(actor, "rounds.judge", assessment)
    comment = comment.strip()
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose agree or challenge for %s.") % criterion_id})
    judgement = _lock_judgement(assessment, criterion_id)
    if verdict == Verdict.CHALLENGE:
        own = judgement.cycle.snapshot.get(criterion_id, {}).get("level", "")
        if not proposed_level:
            raise ValidationError(
                {
                    "proposed_level": _("Choose the level the evidence for %s supports.")
                    % criterion_id
                }
            )
        _check_offered(assessment, criterion_id, proposed_level, "proposed_level")
        if proposed_level == own:
            raise ValidationError(
                {
                    "proposed_level": _(
                        "That is the level %s already claims: agree, or choose another level."
                    )
                    % criterion_id
                }
            )
        if not comment:
            raise ValidationError(
                {"comment": _("Say why the evidence for %s supports another level.") % criterion_id}
            )
    else:
        proposed_level = ""
    _check_revision(judgement, seen_revision)
    before = _judgement_data(judgement)
    judgement.verdict = verdict
    judgement.comment = comment
    judgement.proposed_level = proposed_level
    judgement.reviewer = actor
    judgement.reviewer_organisation = queries.reviewing_organisation(assessment, actor)
    judgement.judged_at = timezone.now()
    if before == _judgement_data(judgement):
        return judgement
    if assessment.status == AssessmentStatus.SUBMITTED:
        assessment_services.move_review_status(
            assessment=assessment,
            expected={AssessmentStatus.SUBMITTED},
            to=AssessmentStatus.IN_REVIEW,
            actor=actor,
            verb=Verb.REVIEW_STARTED,
            data={"cycle": judgement.cycle.number},
        )
    return _save_judgement(judgement, actor, before, Verb.JUDGEMENT_RECORDED)


@transaction.atomic
def complete_review(*, assessment: Assessment, actor: User) -> Assessment:
    """The peer reviewer finishes: every criterion must have a verdict. The assessed
    organisation can then respond to the challenges."""
    assessment = _lock_assessment(assessment)
    forget_reviews(actor)  # decide on the grant as it stands now, not as cached earlier
    _require(actor, "rounds.judge", assessment)
    judgements = queries.judgements_of(queries.current_cycle(assessment))
    missing = [
        c.id
        for c in engine.standard_of(assessment).criteria
        if c.id not in judgements or not judgements[c.id].is_judged
    ]
    if missing:
        raise ValidationError(
            _("Agree with or challenge every criterion first. Not yet reviewed: %s.")
            % ", ".join(missing)
        )
    challenged = [row for row, j in judgements.items() if j.is_challenged]
    return assessment_services.move_review_status(
        assessment=assessment,
        expected={AssessmentStatus.IN_REVIEW},
        to=AssessmentStatus.REVIEWED,
        actor=actor,
        verb=Verb.REVIEW_COMPLETED,
        data={"challenged": challenged},
    )


@transaction.atomic
def reply_to_challenge(
    *,
    assessment: Assessment,
    criterion_id: str,
    reply: str,
    note: str,
    seen_revision: int,
    actor: User,
) -> Judgement:
    """The assessed organisation accepts the reviewer's level for a challenged criterion, or
    keeps its own and says why."""
    assessment = _lock_assessment(assessment)
    _require(actor, "rounds.reply", assessment)
    judgement = _lock_judgement(assessment, criterion_id)
    if not judgement.is_challenged:
        raise ValidationError(_("Criterion %s was not challenged.") % criterion_id)
    note = note.strip()
    if reply not in Reply.values:
        raise ValidationError(
            {"reply": _("Choose whether to accept the reviewer's level for %s.") % criterion_id}
        )
    if reply == Reply.KEEP and not note:
        raise ValidationError(
            {"note": _("Say why you are keeping your level for %s.") % criterion_id}
        )
    _check_revision(judgement, seen_revision)
    before = _judgement_data(judgement)
    judgement.reply = reply
    judgement.reply_note = note
    judgement.replied_by = actor
    judgement.replied_at = timezone.now()
    if before == _judgement_data(judgement):
        return judgement
    return _save_judgement(judgement, actor, before, Verb.CHALLENGE_ANSWERED)


@transaction.atomic
def moderate_criterion(
    *,
    assessment: Assessment,
    criterion_id: str,
    level: str,
    reason: str,
    seen_revision: int,
    actor: User,
) -> Judgement:
    """The coordinator sets the moderated level of a challenged criterion, with a reason. The
    final scores use it."""
    assessment = _lock_assessment(assessment)
    _require(actor, "rounds.moderate", assessment)
    judgement = _lock_judgement(assessment, criterion_id)
    if not judgement.is_challenged:
        raise ValidationError(
            _("Criterion %s was not challenged, so there is nothing to moderate.") % criterion_id
        )
    reason = reason.strip()
    if not level:
        raise ValidationError({"level": _("Choose the moderated level for %s.") % criterion_id})
    _check_offered(assessment, criterion_id, level, "level")
    if not reason:
        raise ValidationError(
            {"reason": _("Give the reason for the moderated level of %s.") % criterion_id}
        )
    _check_revision(judgement, seen_revision)
    before = _judgement_data(judgement)
    judgement.moderated_level = level
    judgement.moderation_reason = reason
    judgement.moderated_by = actor
    judgement.moderated_at = timezone.now()
    if before == _judgement_data(judgement):
        return judgement
    return _save_judgement(judgement, actor, before, Verb.CRITERION_MODERATED)


@transaction.atomic
def complete_moderation(*, assessment: Assessment, actor: User) -> Assessment:
    """The coordinator finishes moderating: every disputed criterion (challenged, and the
    reviewer's level not accepted) needs a moderated level."""
    assessment = _lock_assessment(assessment)
    _require(actor, "rounds.moderate", assessment)
    judgements = queries.judgements_of(queries.current_cycle(assessment))
    open_disputes = [
        row for row, j in judgements.items() if j.is_disputed and not j.moderated_level
    ]
    if open_disputes:
        raise ValidationError(
            _("Set a moderated level for every disputed criterion first: %s.")
            % ", ".join(open_disputes)
        )
    return assessment_services.move_review_status(
        assessment=assessment,
        expected={AssessmentStatus.REVIEWED},
        to=AssessmentStatus.MODERATED,
        actor=actor,
        verb=Verb.MODERATION_COMPLETED,
        data={"moderated": sorted(row for row, j in judgements.items() if j.moderated_level)},
    )


@transaction.atomic
def finalise_scores(*, assessment: Assessment, actor: User) -> Assessment:
    """The coordinator confirms the final scores (moderated levels where they exist). The
    scores are recorded in the history."""
    assessment = _lock_assessment(assessment)
    _require(actor, "rounds.finalise", assessment)
    result = outcomes.outcome_of(assessment, queries.current_cycle(assessment))
    return assessment_services.move_review_status(
        assessment=assessment,
        expected={AssessmentStatus.MODERATED},
        to=AssessmentStatus.FINAL,
        actor=actor,
        verb=Verb.SCORES_FINALISED,
        data={
            "scores": {
                c.category.id: [c.self_points, c.peer_points, c.final_points]
                for c in result.categories
            }
        },
    )


# ---------------------------------------------------------------- feedback


@transaction.atomic
def leave_feedback(
    *,
    organisation: Organisation,
    standard_version: str,
    subject: str,
    kind: str,
    text: str,
    actor: User,
) -> Feedback:
    """Feedback on a criterion or category of the Standard, for its next version. It counts
    towards the latest open round the organisation takes part in, if any."""
    _require(actor, "rounds.leave_feedback", organisation)
    try:
        standard = engine.catalogue().get(CELC_TRI, standard_version)
    except StandardError as error:
        raise ValidationError({"subject": error.message}) from None
    subjects = {c.id for c in standard.criteria} | {c.id for c in standard.categories}
    if subject not in subjects:
        raise ValidationError(
            {
                "subject": _("There is no criterion or category %(id)s in version %(v)s.")
                % {"id": subject, "v": standard.version}
            }
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Enter your feedback.")})
    today = timezone.localdate()
    current = (
        queries.open_rounds(today)
        .filter(participants__organisation=organisation)
        .order_by("-opens_on")
        .first()
    )
    feedback = Feedback.objects.create(
        round=current,
        organisation=organisation,
        author=actor,
        standard_id=standard.id,
        standard_version=standard.version,
        subject=subject,
        kind=kind,
        text=text,
    )
    record(
        actor=actor,
        organisation=organisation,
        verb=Verb.FEEDBACK_LEFT,
        target=feedback,
        data={"subject": subject, "kind": kind},
    )
    return feedback


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class SentReminder:
    round: Round
    organisation: Organisation
    days_before: int
    recipients: tuple[str, ...]


def _reminder_due(days_left: int) -> int | None:
    """Which reminder is due with `days_left` to the deadline: the nearest threshold at or
    above it (14, 7 or 1 days before), or the overdue one once the deadline has passed."""
    if days_left < 0:
        return OVERDUE
    due = [days for days in REMINDER_DAYS if days_left <= days]
    return min(due) if due else None


def send_reminders(*, today: date | None = None) -> list[SentReminder]:
    """Email the editors and approvers of every participant that has not signed off, 14, 7
    and 1 days before its round's deadline and once when it is overdue. Each reminder is
    recorded before it is sent, in the same transaction, so running this twice never sends
    it twice (and a failed send is tried again next time). Run it daily from a scheduler."""
    today = today or timezone.localdate()
    sent: list[SentReminder] = []
    for round_ in queries.open_rounds(today):
        due = _reminder_due((round_.submit_by - today).days)
        if due is None:
            continue
        waiting = round_.participants.select_related("organisation", "assessment").filter(
            assessment__status=AssessmentStatus.DRAFT
        )
        for participant in waiting:
            reminder = _send_one(round_, participant, due, today)
            if reminder is not None:
                sent.append(reminder)
    return sent


def _send_one(
    round_: Round, participant: Participant, due: int, today: date
) -> SentReminder | None:
    organisation = participant.organisation
    emails = tuple(
        sorted(
            set(
                organisation.memberships.filter(
                    role__in=[Role.EDITOR, Role.APPROVER], user__is_active=True
                ).values_list("user__email", flat=True)
            )
        )
    )
    try:
        with transaction.atomic():
            if ReminderSent.objects.filter(
                round=round_, organisation=organisation, days_before=due
            ).exists():
                return None
            reminder = ReminderSent.objects.create(
                round=round_, organisation=organisation, days_before=due, recipients=len(emails)
            )
            assessment = participant.assessment
            context = {
                "round": round_,
                "organisation": organisation,
                "days": (round_.submit_by - today).days,
                "overdue": due == OVERDUE,
                "url": settings.TRI_SITE_URL.rstrip("/") + assessment.get_absolute_url()
                if assessment
                else settings.TRI_SITE_URL,
            }
            subject = render_to_string("rounds/reminder_subject.txt", context).strip()
            body = render_to_string("rounds/reminder_email.txt", context)
            if emails:
                send_mail(subject, body, None, list(emails))
            record(
                actor=None,
                organisation=organisation,
                verb=Verb.REMINDER_SENT,
                target=reminder,
                data={"round": round_.name, "days_before": due, "recipients": len(emails)},
            )
    except IntegrityError:
        # Another run recorded the same reminder at the same moment: it sends it.
        return None
    return SentReminder(round_, organisation, due, emails)
