from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tri.assessments.enums import LevelChoice
from tri.common.forms import GovukCheckboxes, GovukDateInput, GovukForm, HintedRadioSelect
from tri.organisations.models import ComparisonGroup, Organisation
from tri.rounds import services
from tri.rounds.enums import FeedbackKind, Reply, Verdict
from tri.rounds.models import Judgement
from tri.standard import Criterion


class RoundForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_(
            'For example "Pilot, January–June 2023". It names each participant\'s assessment.'
        ),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=GovukDateInput)
    submit_by = forms.DateField(
        label=_("Sign-off deadline"),
        widget=GovukDateInput,
        help_text=_(
            "Participants sign off their self-assessment by this date. Reminders go 14, 7 and 1 days before."
        ),
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        widget=GovukDateInput,
        help_text=_("Peer reviewers can read their partner's assessment until the round closes."),
    )


class OpenRoundForm(RoundForm):
    standard_version = forms.ChoiceField(label=_("Version of the Standard"))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        widget=GovukCheckboxes,
        help_text=_(
            "Each gets a draft for the round, carrying forward its last signed-off answers."
        ),
    )
    field_order = [
        "name",
        "standard_version",
        "opens_on",
        "submit_by",
        "closes_on",
        "organisations",
    ]

    def __init__(
        self, *args: Any, versions: list[tuple[str, str]], organisations: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard_version"].choices = versions  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]


class AddParticipantsForm(GovukForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Add organisations"), queryset=Organisation.objects.none(), widget=GovukCheckboxes
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]


class PairingForm(GovukForm):
    """One select per participant: which organisation reviews it."""

    def __init__(
        self,
        *args: Any,
        participants: list[Organisation],
        initial_reviewers: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        choices = [("", _("Choose the reviewing organisation"))] + [
            (o.slug, o.name) for o in participants
        ]
        for organisation in participants:
            self.fields[f"reviewer_of_{organisation.slug}"] = forms.ChoiceField(
                label=_("Who reviews %s") % organisation.name,
                choices=choices,
                initial=initial_reviewers.get(organisation.slug, ""),
            )

    def pairs(self) -> list[tuple[Organisation, Organisation]]:
        by_slug = {o.slug: o for o in self.participants}
        return [(by_slug[self.cleaned_data[f"reviewer_of_{o.slug}"]], o) for o in self.participants]


class ReviewerForm(GovukForm):
    user = forms.TypedChoiceField(label=_("Peer reviewer"), coerce=int)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["user"].choices = [("", _("Choose a person"))] + [  # type: ignore[attr-defined]
            (p.pk, f"{p.full_name or p.email} ({p.email})") for p in people
        ]


def _level_choices(criterion: Criterion) -> list[tuple[str, str]]:
    choices = [(level.key, level.label) for level in criterion.levels]
    return [*choices, (LevelChoice.NONE.value, str(_("Not yet")))]


def judgement_prefix(kind: str, criterion_id: str) -> str:
    return f"{kind}-" + criterion_id.replace(".", "-")


class _JudgementForm(GovukForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    kind = ""

    def __init__(
        self, *args: Any, criterion: Criterion, judgement: Judgement | None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", judgement_prefix(self.kind, criterion.id))
        kwargs.setdefault("initial", self.initial_from(judgement))
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        #: Problems not about what was typed (a stale form): shown above the form.
        self.problems: list[str] = []

    def initial_from(self, judgement: Judgement | None) -> dict[str, Any]:
        return {"revision": judgement.revision if judgement else 0}


class JudgeForm(_JudgementForm):
    kind = "judge"
    verdict = forms.ChoiceField(
        label=_("Your judgement"), choices=Verdict.choices, widget=HintedRadioSelect
    )
    proposed_level = forms.ChoiceField(
        label=_("If you challenge: the level the evidence supports"),
        required=False,
        widget=HintedRadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you challenge: what the evidence shows or lacks."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_level"].choices = _level_choices(self.criterion)  # type: ignore[attr-defined]

    def initial_from(self, judgement: Judgement | None) -> dict[str, Any]:
        if judgement is None:
            return {"revision": 0}
        return {
            "verdict": judgement.verdict,
            "proposed_level": judgement.proposed_level,
            "comment": judgement.comment,
            "revision": judgement.revision,
        }


class ReplyForm(_JudgementForm):
    kind = "reply"
    reply = forms.ChoiceField(
        label=_("Your response"), choices=Reply.choices, widget=HintedRadioSelect
    )
    note = forms.CharField(
        label=_("Reply to the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you keep your level: why the evidence supports it."),
    )

    def initial_from(self, judgement: Judgement | None) -> dict[str, Any]:
        if judgement is None:
            return {"revision": 0}
        return {
            "reply": judgement.reply,
            "note": judgement.reply_note,
            "revision": judgement.revision,
        }


class ModerateForm(_JudgementForm):
    kind = "moderate"
    level = forms.ChoiceField(label=_("Moderated level"), widget=HintedRadioSelect)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = _level_choices(self.criterion)  # type: ignore[attr-defined]

    def initial_from(self, judgement: Judgement | None) -> dict[str, Any]:
        if judgement is None:
            return {"revision": 0}
        return {
            "level": judgement.moderated_level,
            "reason": judgement.moderation_reason,
            "revision": judgement.revision,
        }


class FeedbackForm(GovukForm):
    organisation = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    subject = forms.ChoiceField(label=_("Criterion or category"))
    kind = forms.ChoiceField(
        label=_("What kind of feedback"), choices=FeedbackKind.choices, widget=HintedRadioSelect
    )
    text = forms.CharField(label=_("Your feedback"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(
        self,
        *args: Any,
        subjects: list[tuple[str, str]],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects  # type: ignore[attr-defined]
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]
        self.organisations = {o.pk: o for o in organisations}


class EvaluationForm(GovukForm):
    named = forms.BooleanField(
        label=_("Name the organisations"),
        required=False,
        help_text=_("Off by default: the report says “Organisation A”, “Organisation B”…"),
    )


class ComparisonGroupForm(GovukForm):
    """A custom comparison group. Every rule a group must meet is `services.check_group`'s;
    the form asks it in `clean`, so that all the problems show at once."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        error_messages={"required": _("Enter a name for the group.")},
        help_text=_('For example "Boroughs in the 2023 pilot". Benchmarks show it by this name.'),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why these organisations are compared. Only coordinators see it."),
    )
    # Not required here: check_group says why a group needs at least 5 members.
    members = forms.ModelMultipleChoiceField(
        label=_("Organisations in the group"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=GovukCheckboxes,
        error_messages={
            "invalid_choice": _(
                "There is no local authority with the id %(value)s. Choose organisations from "
                "the list."
            ),
            "invalid_pk_value": _(
                "“%(pk)s” is not a local authority. Choose organisations from the list."
            ),
        },
        help_text=_(
            "At least 5. A round's benchmark shows the group once at least 5 of them have final "
            "results, and only if it is not within 4 organisations of another group shown."
        ),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Any,
        group: ComparisonGroup | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["members"].queryset = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        members = cleaned.get("members")
        problems = services.check_group(
            name=cleaned.get("name"),
            members=None if members is None else list(members),
            group=self.group,
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned
