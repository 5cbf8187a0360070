"""Who may publish. Reading a publication needs no permission: it is public."""

import rules

from tri.organisations.rules import is_coordinator, is_org_approver, is_org_member

rules.add_perm("publication.view_publishing", is_org_member | is_coordinator)
# Publishing speaks for the organisation in public, so it takes the people who sign off.
rules.add_perm("publication.publish", is_org_approver)
