"""Who may do what with workforce data. Predicates are named as questions; the objects are
organisations (figures are read through tri.returns.queries)."""

import rules

from tri.organisations.rules import is_coordinator, is_org_editor, is_org_member
from tri.returns import queries


@rules.predicate
def is_local_authority_member(user) -> bool:  # type: ignore[no-untyped-def]
    return queries.is_local_authority_member(user)


rules.add_perm("returns.view_figures", is_org_member | is_coordinator)
rules.add_perm("returns.view_uploads", is_org_member)
rules.add_perm("returns.upload_return", is_org_editor)
rules.add_perm("returns.manage_targets", is_org_editor)
rules.add_perm("returns.view_london", is_coordinator | is_local_authority_member)
# Organisations appear by name on the London-wide page only to the coordinator.
rules.add_perm("returns.see_names", is_coordinator)
