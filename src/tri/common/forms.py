"""GOV.UK Frontend styling for plain Django forms, written once.

Field markup lives in templates/django/forms/ (field.html, widgets/radio.html); this mixin adds
the GOV.UK classes to each widget and points it at its error message.
"""

from typing import Any

from django import forms
from django.forms.widgets import Input

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
