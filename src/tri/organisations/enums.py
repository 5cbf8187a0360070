from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    COORDINATING_BODY = "coordinating_body", _("Coordinating body")


class Role(models.TextChoices):
    """What a membership lets a person do in one organisation. A person may hold several."""

    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    APPROVER = "approver", _("Approver")
    ADMIN = "admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")


ROLE_DESCRIPTIONS = {
    Role.VIEWER: _("Can read the organisation's assessments."),
    Role.EDITOR: _("Can fill in draft assessments: levels, evidence, owners and target dates."),
    Role.APPROVER: _("Can sign off (submit) an assessment and return it to draft."),
    Role.ADMIN: _("Can invite people and change their roles."),
    Role.COORDINATOR: _(
        "On the coordinating body: reads every organisation's submitted assessments, "
        "writes guidance, manages organisations. Never edits an organisation's answers."
    ),
}


class Area(models.TextChoices):
    """Inner and outer London as the ONS defines them for statistics (the City counts as
    inner), so benchmark groups match the published population figures."""

    INNER = "inner", _("Inner London")
    OUTER = "outer", _("Outer London")


class Partnership(models.TextChoices):
    """London's four sub-regional partnerships: every borough and the City is in one."""

    CENTRAL_LONDON_FORWARD = "central-london-forward", _("Central London Forward")
    LOCAL_LONDON = "local-london", _("Local London")
    SOUTH_LONDON_PARTNERSHIP = "south-london-partnership", _("South London Partnership")
    WEST_LONDON_ALLIANCE = "west-london-alliance", _("West London Alliance")
