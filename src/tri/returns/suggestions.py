"""Levels the organisation's workforce figures suggest for the Standard's data-linked criteria
(rules in tri.workforce.criteria, written down in docs/data-linked-criteria.md).

Suggestions read the latest snapshot's disclosure-controlled figures: what a peer reviewer or
the coordinator reading the assessment could also see, so accepted evidence never quotes a
figure they may not. Nothing here changes an answer; `accept_suggestion` does, when a person
accepts.
"""

from tri.assessments.services import DataSuggestion
from tri.organisations.models import Organisation
from tri.returns import queries
from tri.workforce.criteria import Suggestion, suggest


def _as_data(suggestion: Suggestion, snapshot_on, return_id: int) -> DataSuggestion:  # type: ignore[no-untyped-def]
    return DataSuggestion(
        criterion_id=suggestion.rule.criterion_id,
        level=suggestion.level or "",
        rule=suggestion.rule.id,
        rule_title=suggestion.rule.title,
        rule_summary=suggestion.rule.summary,
        figure=suggestion.figure,
        reason=suggestion.reason,
        snapshot_on=snapshot_on,
        return_id=return_id,
    )


def data_suggestions(organisation: Organisation) -> dict[str, DataSuggestion]:
    """{criterion id: suggestion} from the latest snapshot; empty without one. A rule that
    cannot suggest a level (its figure is missing or suppressed) gives a suggestion with an
    empty level and the reason."""
    snapshot = queries.latest_snapshot(organisation)
    if snapshot is None:
        return {}
    previous = queries.previous_snapshot(snapshot)
    found = suggest(
        queries.published_figures(snapshot),
        previous=queries.published_figures(previous) if previous else None,
    )
    return {s.rule.criterion_id: _as_data(s, snapshot.snapshot_on, snapshot.pk) for s in found}
