"""Who may do what to an assessment. Predicates are named as questions."""

import rules

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
def is_submitted(user, assessment) -> bool:  # type: ignore[no-untyped-def]
    return assessment is not None and assessment.is_submitted


rules.add_perm(
    "assessments.view_assessment", is_assessment_member | (is_coordinator & is_submitted)
)
rules.add_perm("assessments.start_assessment", is_org_editor | is_org_approver)
rules.add_perm("assessments.edit_answers", is_assessment_editor & is_draft)
rules.add_perm("assessments.submit_assessment", is_assessment_approver & is_draft)
rules.add_perm("assessments.return_assessment", is_assessment_approver & is_submitted)
rules.add_perm(
    "assessments.copy_assessment",
    (is_assessment_editor | is_assessment_approver) & is_submitted,
)
rules.add_perm("assessments.write_guidance", is_coordinator)
