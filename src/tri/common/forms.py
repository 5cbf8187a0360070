"""GOV.UK Frontend styling for plain Django forms, written once.

Field markup lives in templates/django/forms/ (field.html, widgets/radio.html); this mixin adds
the GOV.UK classes to each widget and points it at its error message.
"""

from datetime import date
from typing import Any

from django import forms
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.RadioSelect: "",
    forms.CheckboxInput: "govuk-checkboxes__input",
    Input: "govuk-input",
}


class GovukFormMixin:
    """Mix into a Form: GOV.UK classes on widgets; error classes after validation."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            for widget_class, css in _CLASSES.items():
                if isinstance(widget, widget_class):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{css} {existing}".strip()
                    break

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            if isinstance(widget, GovukDateInput):  # its fieldset points at the message
                for box in widget.widgets:
                    if "govuk-input--error" not in box.attrs["class"]:
                        box.attrs["class"] += " govuk-input--error"
                continue
            css = widget.attrs.get("class", "")
            base = css.split(" ")[0] if css else ""
            if base and "--error" not in css:
                widget.attrs["class"] = f"{css} {base}--error"
            bound = self[name]  # type: ignore[index]
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {bound.auto_id}-error".strip()


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class HintedRadioSelect(forms.RadioSelect):
    """Radios where each option can carry a hint (GOV.UK radios with hints)."""

    def __init__(self, *args: Any, hints: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):  # type: ignore[no-untyped-def]
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(str(value), "")
        return option


class GovukCheckboxes(forms.CheckboxSelectMultiple):
    """GOV.UK checkboxes for a multiple choice, in a fieldset with the field's label as legend."""

    template_name = "django/forms/widgets/checkboxes.html"


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes, in a fieldset whose legend is the
    field's label (the browser's own date picker reads differently in every browser and
    language, which the GOV.UK Design System advises against).

    It posts `<name>_0`, `<name>_1` and `<name>_2` (day, month, year) and gives the field
    "YYYY-MM-DD" to parse, so it goes with a plain DateField: a part left out or not a number
    makes the field's own "invalid" message. A client that posts the ISO date under the field's
    own name, as a script would, is read too.
    """

    template_name = "django/forms/widgets/govuk_date.html"
    #: Each box: its label and its width in characters.
    PARTS = ((_("Day"), 2), (_("Month"), 2), (_("Year"), 4))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes = [
            forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
                    "inputmode": "numeric",
                }
            )
            for _label, width in self.PARTS
        ]
        super().__init__(boxes, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:  # as posted, even if not a date
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for box, (label, _width) in zip(context["widget"]["subwidgets"], self.PARTS, strict=True):
            box["label"] = label
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        day, month, year = (
            str(part or "").strip() for part in super().value_from_datadict(data, files, name)
        )
        if not (day or month or year):
            return data.get(name)
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return super().value_omitted_from_data(data, files, name) and name not in data
