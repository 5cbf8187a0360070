from django import forms
from django.utils.translation import gettext_lazy as _

from tri.common.forms import GovukForm, HintedRadioSelect
from tri.organisations.enums import ROLE_DESCRIPTIONS, Role

_ORG_ROLES = [(r.value, r.label) for r in Role if r != Role.COORDINATOR]


class InviteForm(GovukForm):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=_ORG_ROLES,
        widget=HintedRadioSelect(hints={str(r): str(d) for r, d in ROLE_DESCRIPTIONS.items()}),
        error_messages={"required": _("Choose the role to give this person.")},
    )

    def __init__(self, *args, coordinating_body: bool = False, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if coordinating_body:
            self.fields["role"].choices = [  # type: ignore[attr-defined]
                *_ORG_ROLES,
                (Role.COORDINATOR.value, Role.COORDINATOR.label),
            ]
