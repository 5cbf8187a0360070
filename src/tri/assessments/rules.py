"""Who may do what to an assessment. Predicates are named as questions."""

import rules

from tri.assessments import queries
from tri.organisations.rules import (
    is_coordinator,
    is_org_approver,
    is_org_editor,
    is_org_member,
)


def _of_organisation(predicate: rules.Predicate, name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def check(user, assessment) -> bool:  # type: ignore[no-untyped-def]
        return assessment is not None and predicate.test(user, assessment.organisation)

    return check


is_assessment_member = _of_organisation(is_org_member, "is_assessment_member")
is_assessment_editor = _of_organisation(is_org_editor, "is_assessment_editor")
is_assessment_approver = _of_organisation(is_org_approver, "is_assessment_approver")


@rules.predicate
def is_draft(user, assessment) -> bool:  # type: ignore[no-untyped-def]
    return assessment is not None and assessment.is_draft


@rules.predicate
def is_signed_off(user, assessment) -> bool:  # type: ignore[no-untyped-def]
    return assessment is not None and assessment.is_signed_off


@rules.predicate
def is_returnable(user, assessment) -> bool:  # type: ignore[no-untyped-def]
    return assessment is not None and assessment.is_returnable


@rules.predicate
def is_paired_reviewer(user, assessment) -> bool:  # type: ignore[no-untyped-def]
    return assessment is not None and assessment.pk in queries.reviewable_assessment_ids(user)


rules.add_perm(
    "assessments.view_assessment",
    is_assessment_member | (is_coordinator & is_signed_off) | is_paired_reviewer,
)
rules.add_perm("assessments.start_assessment", is_org_editor | is_org_approver)
# The coordinator starts each participant's draft when a round opens (tri.rounds).
rules.add_perm("assessments.start_for_round", is_coordinator)
rules.add_perm("assessments.edit_answers", is_assessment_editor & is_draft)
rules.add_perm("assessments.submit_assessment", is_assessment_approver & is_draft)
# Before final scores, the organisation's approver or the coordinator can send an assessment
# back for rework: that ends the review cycle and the next sign-off starts another.
rules.add_perm(
    "assessments.return_assessment", (is_assessment_approver | is_coordinator) & is_returnable
)
rules.add_perm(
    "assessments.copy_assessment",
    (is_assessment_editor | is_assessment_approver) & is_signed_off,
)
rules.add_perm("assessments.write_guidance", is_coordinator)
