from django import forms
from django.utils.translation import gettext_lazy as _

from tri.accounts.models import User
from tri.assessments.enums import LevelChoice
from tri.assessments.evidence import ALLOWED_DESCRIPTION
from tri.assessments.models import Answer
from tri.common.forms import GovukDateInput, GovukForm, HintedRadioSelect
from tri.standard import Criterion


def form_prefix(criterion_id: str) -> str:
    """`2a.3` -> `c-2a-3`: safe in HTML ids and CSS selectors."""
    return "c-" + criterion_id.replace(".", "-")


class AnswerForm(GovukForm):
    """One criterion: only the levels the row offers, plus "Not yet"."""

    level = forms.ChoiceField(required=False, widget=HintedRadioSelect)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What shows the level is met: documents, decisions, data, dates."),
    )
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, empty_value=None)
    target_on = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=GovukDateInput,
        help_text=_("When the owner expects to reach the next level."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, criterion: Criterion, answer: Answer, people, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("prefix", form_prefix(criterion.id))
        kwargs.setdefault(
            "initial",
            {
                "level": answer.level,
                "evidence": answer.evidence,
                "owner": str(answer.owner_id) if answer.owner_id else "",
                "target_on": answer.target_on,
                "revision": answer.revision,
            },
        )
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        #: Problems that are not about what was typed (a stale form): shown above the form.
        self.problems: list[str] = []
        choices = [
            (level.key, f"{level.label} ({level.points} point{'s' if level.points != 1 else ''})")
            for level in criterion.levels
        ]
        choices.append((LevelChoice.NONE.value, str(_("Not yet (0 points)"))))
        hints = {level.key: criterion.descriptors[level] for level in criterion.levels}
        hints[LevelChoice.NONE.value] = str(_("None of the descriptors above is met yet."))
        field = self.fields["level"]
        field.choices = choices  # type: ignore[attr-defined]
        field.widget = HintedRadioSelect(choices=choices, hints=hints)
        field.label = _("Level for criterion %(row)s") % {"row": criterion.id}
        field.error_messages["invalid_choice"] = _(
            "Criterion %(row)s does not offer that level. Choose Not yet or one of: %(offered)s."
        ) % {"row": criterion.id, "offered": ", ".join(lv.label for lv in criterion.levels)}
        # People are fetched once per page, not once per criterion form.
        self.people = {str(person.pk): person for person in people}
        self.fields["owner"].choices = [  # type: ignore[attr-defined]
            ("", _("No owner")),
            *((pk, person.full_name) for pk, person in self.people.items()),
        ]
        self.fields["evidence"].label = _("Evidence for %(row)s") % {"row": criterion.id}
        self.fields["owner"].label = _("Owner of %(row)s") % {"row": criterion.id}
        self.fields["target_on"].label = _("Target date for %(row)s") % {"row": criterion.id}

    def clean_owner(self) -> User | None:
        key = self.cleaned_data.get("owner")
        return self.people[key] if key else None


class EvidenceLinkForm(GovukForm):
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _("Enter a full web address, like https://www.example.gov.uk/report")
        },
    )
    title = forms.CharField(label=_("What it shows"), max_length=200)

    def __init__(self, *args, criterion_id: str, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("prefix", form_prefix(criterion_id) + "-link")
        super().__init__(*args, **kwargs)
        self.fields["url"].label = _("Link to evidence for %(row)s") % {"row": criterion_id}
        self.fields["title"].label = _("What the link shows")


class EvidenceFileForm(GovukForm):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("%(types)s. Up to 10 MB.") % {"types": ALLOWED_DESCRIPTION},
        error_messages={"required": _("Choose a file to upload.")},
    )

    def __init__(self, *args, criterion_id: str, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("prefix", form_prefix(criterion_id) + "-file")
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Evidence file for %(row)s") % {"row": criterion_id}


class StartForm(GovukForm):
    period = forms.CharField(
        label=_("Period"),
        max_length=60,
        help_text=_('For example "2023 pilot" or "2024".'),
        error_messages={"required": _("Enter the period this assessment covers.")},
    )
    standard_version = forms.ChoiceField(label=_("Version of the Standard"))

    def __init__(self, *args, versions: list[tuple[str, str]], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["standard_version"].choices = versions  # type: ignore[attr-defined]
        if versions:
            self.fields["standard_version"].initial = versions[-1][0]


class ReturnForm(GovukForm):
    reason = forms.CharField(
        label=_("Why is it going back to draft?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the assessment is going back to draft.")},
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label=_("Response file"),
        help_text=_("A YAML or JSON file made from this assessment's template (tri template)."),
        error_messages={"required": _("Choose a response file to upload.")},
    )


class GuidanceForm(GovukForm):
    text = forms.CharField(
        label=_("Guidance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "How to tell whether evidence is good enough for each level. Leave empty to hide."
        ),
    )
