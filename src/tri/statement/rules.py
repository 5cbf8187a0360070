"""Who may do what with adoptions of the Statement. Predicates are named as questions; the
objects are organisations (adoptions are read through tri.statement.queries).

An organisation's senior roles (its admins and approvers) record that it adopted the
Statement; only its admins withdraw it; the coordinator confirms or returns what was recorded.
Whether the organisation is a local authority (the coordinating body adopts nothing) is checked
by the service, which says so in words rather than refusing.
"""

import rules

from tri.organisations.rules import (
    is_coordinator,
    is_org_admin,
    is_org_approver,
    is_org_member,
)

rules.add_perm("statement.view_adoptions", is_org_member | is_coordinator)
rules.add_perm("statement.record_adoption", is_org_admin | is_org_approver)
rules.add_perm("statement.withdraw_adoption", is_org_admin)
rules.add_perm("statement.coordinate_adoptions", is_coordinator)
