"""The GOV.UK date input: day, month and year boxes in a fieldset, read into a plain DateField."""

from datetime import date

import pytest
from django import forms
from django.template.loader import render_to_string

from tri.common.forms import GovukDateInput, GovukForm


class StartForm(GovukForm):
    starts_on = forms.DateField(
        label="Start date",
        help_text="For example, 27 3 2025",
        widget=GovukDateInput,
        error_messages={"invalid": "Enter the start date as a real date"},
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"starts_on_0": "27", "starts_on_1": "3", "starts_on_2": "2025"}, date(2025, 3, 27)),
        ({"starts_on_0": " 07 ", "starts_on_1": "03", "starts_on_2": "2025"}, date(2025, 3, 7)),
        ({"starts_on": "2025-03-27"}, date(2025, 3, 27)),  # an ISO date posted by a script
    ],
)
def test_the_three_boxes_make_a_date(data: dict[str, str], expected: date) -> None:
    form = StartForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_on"] == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required."),
        ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "This field is required."),
        ({"starts_on_0": "31", "starts_on_1": "2", "starts_on_2": "2025"}, "real date"),
        ({"starts_on_0": "27", "starts_on_1": "", "starts_on_2": "2025"}, "real date"),
        ({"starts_on_0": "27", "starts_on_1": "March", "starts_on_2": "2025"}, "real date"),
    ],
)
def test_a_missing_or_impossible_date_names_the_field(data: dict[str, str], message: str) -> None:
    form = StartForm(data)
    assert not form.is_valid()
    assert message in form.errors["starts_on"][0]


def test_it_renders_as_the_govuk_date_input_and_keeps_what_was_typed() -> None:
    form = StartForm({"starts_on_0": "31", "starts_on_1": "2", "starts_on_2": "2025"})
    form.is_valid()
    html = str(form["starts_on"].as_field_group())
    summary = render_to_string("includes/error_summary.html", {"form": form})

    assert '<fieldset class="govuk-fieldset" role="group"' in html
    assert 'aria-describedby="id_starts_on_helptext id_starts_on-error"' in html
    assert "Start date</legend>" in html
    for index, (label, value) in enumerate((("Day", "31"), ("Month", "2"), ("Year", "2025"))):
        assert f'for="id_starts_on_{index}">{label}</label>' in html
        assert f'name="starts_on_{index}"' in html
        assert f'value="{value}"' in html
    assert html.count("govuk-input--error") == 3
    assert 'inputmode="numeric"' in html
    assert 'href="#id_starts_on_0"' in summary


def test_an_initial_date_fills_the_boxes() -> None:
    html = str(StartForm(initial={"starts_on": date(2023, 1, 19)})["starts_on"])
    assert 'value="19"' in html
    assert 'value="1"' in html
    assert 'value="2023"' in html
    assert "govuk-input--error" not in html
