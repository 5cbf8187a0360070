"""Who may do what in the pilot scheme. Predicates are named as questions."""

import rules

from tri.assessments.enums import AssessmentStatus
from tri.assessments.rules import (
    is_assessment_approver,
    is_assessment_editor,
    is_paired_reviewer,
)
from tri.organisations.queries import roles_by_organisation
from tri.organisations.rules import is_coordinator, is_org_member


def _in_status(*statuses: str) -> rules.Predicate:
    @rules.predicate(name=f"is_{'_or_'.join(statuses)}")
    def check(user, assessment) -> bool:  # type: ignore[no-untyped-def]
        return assessment is not None and assessment.status in statuses

    return check


is_under_peer_review = _in_status(AssessmentStatus.SUBMITTED, AssessmentStatus.IN_REVIEW)
is_reviewed = _in_status(AssessmentStatus.REVIEWED)
is_moderatable = _in_status(AssessmentStatus.REVIEWED, AssessmentStatus.MODERATED)
is_moderated = _in_status(AssessmentStatus.MODERATED)

rules.add_perm("rounds.manage_round", is_coordinator)
rules.add_perm("rounds.view_feedback", is_coordinator)
rules.add_perm("rounds.leave_feedback", is_org_member)
# A peer reviewer judges while the round is open (the grant lapses when it closes).
rules.add_perm("rounds.judge", is_paired_reviewer & is_under_peer_review)
rules.add_perm("rounds.reply", (is_assessment_editor | is_assessment_approver) & is_reviewed)
rules.add_perm("rounds.moderate", is_coordinator & is_moderatable)
rules.add_perm("rounds.finalise", is_coordinator & is_moderated)


@rules.predicate
def is_round_participant(user, round_) -> bool:  # type: ignore[no-untyped-def]
    """A person of an organisation taking part in the round."""
    if round_ is None:
        return False
    ids = list(roles_by_organisation(user))
    return round_.participants.filter(organisation_id__in=ids).exists()


# Benchmarks: the coordinator, and the people of the organisations taking part (who see the
# others anonymously); names only for the coordinator.
rules.add_perm("rounds.view_benchmark", is_coordinator | is_round_participant)
rules.add_perm("rounds.see_benchmark_names", is_coordinator)
rules.add_perm("rounds.manage_groups", is_coordinator)
