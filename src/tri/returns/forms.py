from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tri.common.forms import GovukDateInput, GovukForm
from tri.returns.enums import TargetDirection
from tri.workforce.measures import parse_milestones


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


class UploadForm(GovukForm):
    snapshot_on = forms.DateField(
        label=_("Snapshot date"),
        help_text=_("The date the return describes, for example 31 3 2025."),
        widget=GovukDateInput,
        error_messages={
            "required": _("Enter the snapshot date."),
            "invalid": _("Enter the snapshot date as a real date: a day, a month and a year."),
        },
    )
    upload = forms.FileField(
        label=_("Employee return or aggregate return"),
        help_text=_(
            "CSV, XLSX or Parquet, in the layout of the workforce data standard: one row per "
            "employee, or one row per ethnicity and pay band with a headcount."
        ),
        error_messages={"required": _("Choose the return to upload.")},
    )
    recruitment = forms.FileField(
        label=_("Recruitment return (optional)"),
        help_text=_(
            "One row per application, with the stage it reached. Only with an employee return."
        ),
        required=False,
    )
    mapping = forms.FileField(
        label=_("Your ethnicity labels (optional)"),
        help_text=_(
            "A CSV or YAML file mapping the labels your HR system uses to the ONS categories, "
            "if some are not recognised."
        ),
        required=False,
    )
    band_order = forms.CharField(
        label=_("Pay bands from lowest to highest (optional)"),
        help_text=_(
            "Separated by commas, for example: Scale 1, Scale 2, PO1, PO2, Chief Officer. Leave "
            "blank if the bands are numbered or the file says their order."
        ),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = _megabytes(settings.TRI_RETURN_MAX_BYTES)
        self.fields["upload"].help_text = f"{self.fields['upload'].help_text} " + str(
            _("Up to %(limit)s in all.") % {"limit": limit}
        )

    def clean_snapshot_on(self) -> Any:
        value = self.cleaned_data["snapshot_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The snapshot date must be today or in the past."))
        if value.year < 2000:
            raise ValidationError(_("The snapshot date must be in 2000 or later."))
        return value

    def clean_band_order(self) -> list[str]:
        text = self.cleaned_data.get("band_order") or ""
        bands = [part.strip() for part in text.split(",") if part.strip()]
        if len(set(bands)) != len(bands):
            raise ValidationError(_("Each pay band should appear once in the order."))
        return bands


class TargetForm(GovukForm):
    measure = forms.ChoiceField(label=_("Measure"))
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=TargetDirection.choices,
        widget=forms.RadioSelect,
        initial=TargetDirection.AT_LEAST,
    )
    milestones = forms.CharField(
        label=_("Trajectory"),
        help_text=_(
            "One year and value per line or separated by commas, for example: "
            "2022=25, 2023=35, 2024=45, 2025=50"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter at least one year and value.")},
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def __init__(self, *args: Any, measures: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].choices = measures  # type: ignore[attr-defined]

    def clean_milestones(self) -> dict[int, float]:
        try:
            return parse_milestones(self.cleaned_data["milestones"])
        except ValueError as error:
            raise ValidationError(str(error)) from None
