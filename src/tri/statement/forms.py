"""Forms for recording an adoption and returning one. They check the shape of what was sent
(a real date, something entered); the services check the rest (dates, links, one current
adoption) and their messages are shown at the field they name."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tri.common.forms import GovukDateInput, GovukForm
from tri.statement.models import Adoption

#: ISO format, so that a date input shows the value it was given (the locale's would not parse).


class AdoptionForm(GovukForm):
    adopted_on = forms.DateField(
        label=_("Date adopted"),
        help_text=_("The date of the meeting or decision that adopted the Statement."),
        widget=GovukDateInput,
        error_messages={
            "required": _("Enter the date the Statement was adopted."),
            "invalid": _("Enter the date adopted as a real date: a day, a month and a year."),
        },
    )
    decision = forms.CharField(
        label=_("Decision"),
        help_text=_(
            "The meeting and item that adopted it, for example: Full Council, 12 January 2023, item 7."
        ),
        max_length=Adoption._meta.get_field("decision").max_length,
        error_messages={"required": _("Enter the decision that adopted the Statement.")},
    )
    link = forms.CharField(
        label=_("Link to the published decision"),
        help_text=_("The web address of the minutes or decision notice, starting with https://"),
        max_length=Adoption._meta.get_field("link").max_length,
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
        error_messages={"required": _("Enter the link to the published decision.")},
    )

    @classmethod
    def from_returned(cls, adoption: Adoption | None) -> "AdoptionForm":
        """An empty form, or one filled in from a returned adoption, to correct."""
        if adoption is None:
            return cls()
        return cls(
            initial={
                "adopted_on": adoption.adopted_on,
                "decision": adoption.decision,
                "link": adoption.link,
            }
        )


class ReturnForm(GovukForm):
    reason = forms.CharField(
        label=_("Why it is being returned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": _("Enter why the adoption is being returned, so they can correct it.")
        },
    )

    def __init__(self, *args: Any, adoption: Adoption, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"adoption-{adoption.pk}")
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = _("Why you are returning %(name)s's adoption") % {
            "name": adoption.organisation.name
        }
