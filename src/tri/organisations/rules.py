"""Who may do what to an organisation. Predicates are named as questions."""

import rules

from tri.organisations import queries
from tri.organisations.enums import Role


def _has_role(role: str) -> rules.Predicate:
    @rules.predicate(name=f"is_org_{role}")
    def predicate(user, organisation) -> bool:  # type: ignore[no-untyped-def]
        return organisation is not None and role in queries.roles_in(user, organisation)

    return predicate


is_org_viewer = _has_role(Role.VIEWER)
is_org_editor = _has_role(Role.EDITOR)
is_org_approver = _has_role(Role.APPROVER)
is_org_admin = _has_role(Role.ADMIN)


@rules.predicate
def is_org_member(user, organisation) -> bool:  # type: ignore[no-untyped-def]
    return organisation is not None and bool(queries.roles_in(user, organisation))


@rules.predicate
def is_coordinator(user) -> bool:  # type: ignore[no-untyped-def]
    return queries.is_coordinator(user)


rules.add_perm("organisations.view_organisation", is_org_member | is_coordinator)
rules.add_perm("organisations.manage_people", is_org_admin)
rules.add_perm("organisations.use_admin", is_coordinator)
