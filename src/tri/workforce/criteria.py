"""Data-linked criteria: a suggested level for the rows of the Standard a workforce return evidences.

Some rows of the CELC Tackling Racial Inequality Standard (Version 14) turn on a figure the
workforce metrics compute: row 3.3 on the share of staff who have not disclosed their ethnicity,
row 2d.1 on the ethnicity pay gap, and so on. `suggest()` reads one snapshot's metrics and, for
each rule in `RULES`, suggests a level with the figure behind it and the reason. A person always
decides: a suggestion is never applied until someone accepts it, and most rows ask for more than
a figure can show (positive action, published reports, measures taken), which the reason says.

Suggestions read the *disclosure-controlled* report JSON (`control(report).as_json()`): the
figures a peer reviewer could also see. A suppressed figure gives no suggestion (level None, and
the reason says it was hidden); so does a figure the return cannot give (an aggregate return has
no recruitment, no relative likelihoods and no medians). Passing full, uncontrolled figures is
refused, so small numbers cannot reach an answer's evidence by this route.

Each rule has a stable, versioned id ("disclosure-rate/1"): when its thresholds change, it gets a
new version, so evidence already attached to an answer still says which rule produced it.
Thresholds and their sources: docs/data-linked-criteria.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from tri.workforce.ethnicity import ETHNIC_MINORITY_GROUPS, GROUPS, WHITE
from tri.workforce.measures import band_ethnic_minority_pct

NONE: Final = "none"
DEVELOPING: Final = "developing"
ESTABLISHED: Final = "established"
LEADING: Final = "leading"

#: Row 3.3: the Standard's own thresholds for staff who have not disclosed their ethnicity.
DISCLOSURE_ESTABLISHED_BELOW: Final = 10.0
DISCLOSURE_LEADING_BELOW: Final = 5.0
#: Row 2d.1: a pay gap of this size or more (either way) is significant (EHRC equal pay audits).
SIGNIFICANT_GAP: Final = 5.0
#: Row 2a.8: a band reflects the local community at four fifths of its ethnic minority share.
FOUR_FIFTHS: Final = 0.8
#: Row 2e.2: relative likelihoods in this range show no adverse difference (NHS WRES).
LIKELIHOOD_LOW: Final = 0.80
LIKELIHOOD_HIGH: Final = 1.25

_MINUS: Final = "\u2212"
_TOLERANCE: Final = 1e-9

_PRACTICE: Final[Mapping[str, str]] = {
    NONE: "Not yet",
    DEVELOPING: "Developing practice",
    ESTABLISHED: "Established practice",
    LEADING: "Leading practice",
}


@dataclass(frozen=True, slots=True)
class Rule:
    """How one criterion is read from the figures.

    `id` is stable and versioned ("disclosure-rate/1"); `criterion_id` is the row of the
    Standard ("3.3"); `summary` states the thresholds in plain English, for the interface and
    the docs.
    """

    id: str
    criterion_id: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested level for one criterion, with the figure behind it.

    `level` is a level key the row offers ("developing", "established", "leading"), "none"
    (the answer "Not yet"), or None when the data cannot suggest a level (`reason` says why).
    `figure` states the figure in plain English with its numbers; `value` is the headline
    number it rests on.
    """

    rule: Rule
    level: str | None
    figure: str
    reason: str
    value: float | None


REFLECTIVE_BANDS: Final = Rule(
    id="reflective-bands/1",
    criterion_id="2a.8",
    title="Pay bands reflect the local community",
    summary=(
        "A pay band reflects the local community when its ethnic minority share of staff who "
        "disclosed is at least four fifths of the local population's ethnic minority share. "
        "Every band → Leading; some bands → Established; no band → Developing."
    ),
)
PAY_GAP: Final = Rule(
    id="pay-gap/1",
    criterion_id="2d.1",
    title="Ethnicity pay gap",
    summary=(
        "Every ethnicity pay gap (mean and median, for ethnic minority staff and each group) "
        "under 5% either way → Leading; any gap of 5% or more → Developing. Established needs "
        "measures introduced to close the gap, which a person must evidence."
    ),
)
DISCIPLINARY: Final = Rule(
    id="disciplinary-likelihood/1",
    criterion_id="2e.2",
    title="Formal disciplinary likelihood",
    summary=(
        "Ethnic minority staff's likelihood of entering a formal disciplinary process relative "
        "to White staff's: above 1.25 → Developing; 1.25 or below → Established; Leading when "
        "it is from 0.80 to 1.25, so is access to non-mandatory training, and so was the "
        "disciplinary figure in the previous snapshot, if there is one."
    ),
)
WORKFORCE_DATA: Final = Rule(
    id="workforce-data/1",
    criterion_id="3.1",
    title="Workforce ethnicity data collected",
    summary=(
        "A workforce return with staff in post → Developing (there is a collection of "
        "workforce ethnicity data). Established and Leading need the data published and "
        "analysed, which a person must judge."
    ),
)
DISCLOSURE_RATE: Final = Rule(
    id="disclosure-rate/1",
    criterion_id="3.3",
    title="Ethnicity not disclosed",
    summary=(
        "Staff who have not disclosed their ethnicity: under 5% → Leading; under 10% → "
        "Established; 10% or more → Not yet."
    ),
)
PAY_DATA: Final = Rule(
    id="pay-data/1",
    criterion_id="3.4",
    title="Ethnicity pay data",
    summary=(
        "An ethnicity pay gap computed from the return's pay → Established (ethnicity pay "
        "data is collected and stored). Leading needs an annual published report with actions "
        "and progress, which a person must judge."
    ),
)

#: Every rule, in the order of the Standard's rows.
RULES: Final[tuple[Rule, ...]] = (
    REFLECTIVE_BANDS,
    PAY_GAP,
    DISCIPLINARY,
    WORKFORCE_DATA,
    DISCLOSURE_RATE,
    PAY_DATA,
)


def suggest(
    report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None
) -> tuple[Suggestion, ...]:
    """One suggestion for each rule in `RULES`, from one snapshot's disclosure-controlled JSON.

    `previous` is the snapshot before (also disclosure-controlled), if there is one: row 2e.2's
    Leading practice asks for the disciplinary figure to have been within range there too.
    A suggestion whose level is None says in its reason why the data cannot suggest one.
    ValueError if either report says it was made without disclosure control.
    """
    for which, data in (("report", report), ("previous report", previous)):
        if data is not None and _at(data, "settings", "suppression") is False:
            raise ValueError(
                f"The {which} has full figures: suggestions read disclosure-controlled "
                "figures only. Pass control(report).as_json()."
            )
    figures = _Figures(report)
    before = None if previous is None else _Figures(previous)
    return tuple(_READERS[rule.id](rule, figures, before) for rule in RULES)


# ---------------------------------------------------------------- reading the JSON


def _at(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class _Figures:
    """A report's JSON, read by path, knowing why a figure is missing."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.report = report
        self.hidden: dict[str, str] = {}
        for entry in report.get("suppressed") or ():
            if isinstance(entry, Mapping) and isinstance(entry.get("path"), str):
                self.hidden[entry["path"]] = str(entry.get("reason", ""))

    def get(self, *path: str) -> Any:
        return _at(self.report, *path)

    def number(self, *path: str) -> float | None:
        return _number(self.get(*path))

    def has(self, *path: str) -> bool:
        """Whether the key at `path` is in the report (whatever its value)."""
        parent = self.get(*path[:-1])
        return isinstance(parent, Mapping) and path[-1] in parent

    def suppressed(self, *path: str) -> str | None:
        """The suppression reason if the figure at `path` was hidden by disclosure control."""
        return self.hidden.get(".".join(path))


# ---------------------------------------------------------------- numbers as text


def _sign(text: str) -> str:
    return _MINUS + text[1:] if text.startswith("-") else text


def _fixed(value: float, places: int) -> str:
    return _sign(f"{round(value, places) + 0.0:,.{places}f}")


def _side(value: float, limit: float) -> int:
    return (value > limit) - (value < limit)


def _shown(value: float, places: int, limits: Iterable[float] = ()) -> str:
    """`value` to `places` decimals, or more where fewer would put it on the wrong side of a
    limit (9.99 is "9.99", not "10.0", beside a 10% threshold)."""
    bounds = tuple(limits)
    for extra in range(4):
        rounded = round(value, places + extra)
        if all(_side(rounded, limit) == _side(value, limit) for limit in bounds):
            return _fixed(value, places + extra)
    return _fixed(value, places + 3)


def _pct(value: float, *limits: float) -> str:
    return _shown(value, 1, limits) + "%"


def _ratio(value: float, *limits: float) -> str:
    return _shown(value, 2, limits)


def _count(value: float) -> str:
    return _sign(f"{int(value):,}") if float(value).is_integer() else _fixed(value, 2)


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _band_names(bands: Sequence[str]) -> str:
    """ "band 6", "bands 6, 7 and 8"; names that already say "Band …" are left as they are."""
    if all(band.lower().startswith("band") for band in bands):
        return _and(bands)
    return ("band " if len(bands) == 1 else "bands ") + _and(bands)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Disclosure control's reasons (tri.workforce.disclosure), which name figures by their paths in
#: the report, as a person reading a suggestion would put them.
_PLAIN_REASONS: Final = (
    (re.compile(r"a count from 1 to (\d+)"), "it counts between 1 and {0} people"),
    (
        re.compile(r"computed from fewer than (\d+) people"),
        "it is worked out from fewer than {0} people",
    ),
    (
        re.compile(r"computed from .+, which is suppressed"),
        "it is worked out from a number that is hidden",
    ),
    (
        re.compile(r"hidden with .+, which .+ would reveal"),
        "showing it would reveal a small number hidden elsewhere",
    ),
)


def _plain(reason: str) -> str:
    for pattern, text in _PLAIN_REASONS:
        if found := pattern.fullmatch(reason):
            return text.format(*found.groups())
    return reason


def _why_missing(figures: _Figures, path: Sequence[str], what: str) -> str:
    """Why the figure at `path` cannot be read, as a sentence."""
    reason = figures.suppressed(*path)
    if reason is not None:
        return f"{_capital(what)} is hidden by disclosure control: {_plain(reason)}."
    if figures.has(*path):
        return f"{_capital(what)} is not defined for this return."
    return f"The report has no figure for {what}."


def _nothing(rule: Rule, figure: str, reason: str) -> Suggestion:
    return Suggestion(rule=rule, level=None, figure=figure, reason=reason, value=None)


# ---------------------------------------------------------------- 3.1 workforce data


def _workforce_data(rule: Rule, figures: _Figures, _: _Figures | None) -> Suggestion:
    headcount = figures.number("headcount")
    kind = figures.get("settings", "kind")
    if headcount is None and figures.suppressed("headcount") is None:
        return _nothing(
            rule, "No staff in post", "The report has no headcount, so it shows no workforce data."
        )
    if headcount == 0:
        return _nothing(
            rule, "No staff in post", "The return has nobody in post, so it shows no data."
        )
    threshold = figures.number("settings", "threshold")
    few = f"fewer than {_count(threshold)}" if threshold is not None else "a few"
    staff = f"{few} staff" if headcount is None else f"{_count(headcount)} staff"
    source = "An aggregate return" if kind == "aggregate" else "A workforce return"
    return Suggestion(
        rule=rule,
        level=DEVELOPING,
        figure=f"{source} gives the ethnicity of {staff} in post",
        reason=(
            "There is a collection of workforce ethnicity data: Developing practice. "
            "Established and Leading practice need the data regularly published on the "
            "organisation's website and analysed, and compared with other organisations: a "
            "person must judge that."
        ),
        value=headcount,
    )


# ---------------------------------------------------------------- 3.3 disclosure rate


def _disclosure_level(pct: float) -> str:
    if pct < DISCLOSURE_LEADING_BELOW:
        return LEADING
    if pct < DISCLOSURE_ESTABLISHED_BELOW:
        return ESTABLISHED
    return NONE


def _disclosure_rate(rule: Rule, figures: _Figures, before: _Figures | None) -> Suggestion:
    path = ("disclosure", "not_disclosed_pct")
    pct = figures.number(*path)
    if pct is None:
        what = "the share of staff who have not disclosed their ethnicity"
        return _nothing(rule, f"No figure for {what}", _why_missing(figures, path, what))
    limits = (DISCLOSURE_LEADING_BELOW, DISCLOSURE_ESTABLISHED_BELOW)
    count = figures.number("disclosure", "not_disclosed")
    headcount = figures.number("headcount")
    figure = f"{_pct(pct, *limits)} of staff"
    if count is not None and headcount is not None:
        figure += f" ({_count(count)} of {_count(headcount)})"
    figure += " have not disclosed their ethnicity"
    earlier = None if before is None else before.number(*path)
    if earlier is not None:
        figure += f" ({_pct(earlier, *limits)} in the previous snapshot)"
    level = _disclosure_level(pct)
    action = (
        " The row also asks for positive action to encourage staff to disclose their "
        "ethnicity, which a person must evidence."
    )
    if level == LEADING:
        reason = "Under 5%: Leading practice." + action
    elif level == ESTABLISHED:
        reason = "Under 10% but not under 5%: Established practice." + action
    else:
        reason = "10% or more: Established practice needs under 10%, so Not yet."
    return Suggestion(rule=rule, level=level, figure=figure, reason=reason, value=pct)


# ---------------------------------------------------------------- pay gaps (2d.1, 3.4)


@dataclass(frozen=True, slots=True)
class _Gap:
    who: str
    kind: str
    value: float


def _gap_words(gap: float) -> str:
    if gap == 0:
        return "the same"
    return f"{_pct(abs(gap), SIGNIFICANT_GAP)} {'less' if gap > 0 else 'more'}"


def _who(group: str) -> str:
    if group == "ethnic_minority":
        return "ethnic minority"
    return "White minority" if group == WHITE else group


def _gaps(figures: _Figures) -> tuple[list[_Gap], int]:
    """Every pay gap the report shows, ethnic minority staff first, and how many are hidden."""
    shown: list[_Gap] = []
    hidden = 0
    groups = figures.get("pay_gap", "groups")
    entries: list[tuple[str, tuple[str, ...]]] = [
        ("ethnic_minority", ("pay_gap", "ethnic_minority"))
    ]
    if isinstance(groups, Mapping):
        entries += [(g, ("pay_gap", "groups", g)) for g in GROUPS if g in groups]
    for who, path in entries:
        for kind in ("median", "mean"):
            field = (*path, f"{kind}_gap_pct")
            value = figures.number(*field)
            if value is not None:
                shown.append(_Gap(who=who, kind=kind, value=value))
            elif figures.suppressed(*field) is not None:
                hidden += 1
    return shown, hidden


def _reference(figures: _Figures) -> str:
    reference = figures.get("pay_gap", "reference")
    return reference if isinstance(reference, str) and reference else "White"


def _ethnic_minority_gap_text(gaps: Sequence[_Gap], reference: str) -> str:
    """ "ethnic minority staff are paid 15.5% less (median) and 15.9% less (mean) per hour than
    White staff", or "" when the report has no ethnic minority gap."""
    own = [gap for gap in gaps if gap.who == "ethnic_minority"]
    if not own:
        return ""
    parts = [f"{_gap_words(gap.value)} ({gap.kind})" for gap in own]
    return f"ethnic minority staff are paid {_and(parts)} per hour than {reference} staff"


def _pay_gap(rule: Rule, figures: _Figures, _: _Figures | None) -> Suggestion:
    missing = _no_pay_gap(figures)
    if missing is not None:
        return _nothing(rule, "No ethnicity pay gap", missing)
    gaps, hidden = _gaps(figures)
    if not gaps:
        why = (
            f"Every pay gap is hidden by disclosure control ({hidden} of them)."
            if hidden
            else "No pay gap is defined for this return (a group or the reference has nobody "
            "with pay)."
        )
        return _nothing(rule, "No ethnicity pay gap", why)
    reference = _reference(figures)
    largest = max(gaps, key=lambda gap: abs(gap.value))
    lead = _ethnic_minority_gap_text(gaps, reference)
    worst = (
        f"the largest gap is {_who(largest.who)} staff's {largest.kind} hourly pay, "
        f"{_gap_words(largest.value)}"
    )
    figure = _capital(f"{lead}; {worst}" if lead else worst)
    significant = [gap for gap in gaps if abs(gap.value) >= SIGNIFICANT_GAP]
    notes = []
    if hidden:
        notes.append(f"{hidden} gaps hidden by disclosure control were not considered.")
    if not any(gap.kind == "median" for gap in gaps):
        notes.append("Only mean gaps are available (an aggregate return has no medians).")
    source = (
        "the Equality and Human Rights Commission's equal pay audit guidance treats a "
        "difference of 5% or more as significant"
    )
    if significant:
        who: list[str] = []
        for gap in significant:
            if _who(gap.who) not in who:
                who.append(_who(gap.who))
        reason = (
            f"{len(significant)} of {len(gaps)} gaps are 5% or more either way "
            f"({_and(who)} staff); {source}. Pay data demonstrates an ethnicity pay gap: "
            "Developing practice. Established practice needs measures introduced to close the "
            "gap, which a person must evidence."
        )
        level = DEVELOPING
    else:
        reason = (
            f"All {len(gaps)} gaps are under 5% either way; {source}. Pay data demonstrates "
            "that there is no ethnicity pay gap: Leading practice."
        )
        level = LEADING
    reason = " ".join([reason, *notes])
    return Suggestion(rule=rule, level=level, figure=figure, reason=reason, value=largest.value)


def _no_pay_gap(figures: _Figures) -> str | None:
    """Why the report has no pay gap section at all, or None if it has one."""
    if not figures.has("pay_gap"):
        return "The return has no pay data, so no ethnicity pay gap was computed."
    if not isinstance(figures.get("pay_gap"), Mapping):
        return (
            "No ethnicity pay gap could be computed for this return (an aggregate return "
            "cannot give a White British reference)."
        )
    return None


def _pay_data(rule: Rule, figures: _Figures, _: _Figures | None) -> Suggestion:
    missing = _no_pay_gap(figures)
    if missing is not None:
        return _nothing(rule, "No ethnicity pay data", missing)
    reference = _reference(figures)
    own = [gap for gap in _gaps(figures)[0] if gap.who == "ethnic_minority"]
    if not own:
        hidden = [
            figures.suppressed("pay_gap", "ethnic_minority", f"{kind}_gap_pct")
            for kind in ("median", "mean")
        ]
        reasons = [reason for reason in hidden if reason]
        why = (
            f"The ethnic minority pay gap is hidden by disclosure control: {_plain(reasons[0])}."
            if reasons
            else "The ethnic minority pay gap is not defined for this return."
        )
        return _nothing(rule, "No ethnic minority pay gap", why)
    headline = own[0]
    return Suggestion(
        rule=rule,
        level=ESTABLISHED,
        figure=(
            "An ethnicity pay gap was computed from the return's pay: "
            + _ethnic_minority_gap_text(own, reference)
        ),
        reason=(
            "Ethnicity pay data is collected and stored: Established practice. Leading "
            "practice needs reports on ethnicity pay data published annually, with actions to "
            "narrow the gap and progress made, which the data cannot show: a person must judge "
            "that."
        ),
        value=headline.value,
    )


# ---------------------------------------------------------------- 2a.8 reflective bands


def _reflective_bands(rule: Rule, figures: _Figures, _: _Figures | None) -> Suggestion:
    population = figures.number("representation", "ethnic_minority", "population_pct")
    if population is None:
        shares = [
            figures.number("representation", "groups", g, "population_pct")
            for g in ETHNIC_MINORITY_GROUPS
        ]
        if all(share is not None for share in shares):
            population = sum(share for share in shares if share is not None)
    if population is None or population <= 0:
        return _nothing(
            rule,
            "No local population to compare with",
            "The metrics were computed without a local population, so the bands cannot be "
            "compared with the local community.",
        )
    order = figures.get("pay_bands", "order")
    bands = [str(band) for band in order] if isinstance(order, list) else []
    if not bands:
        return _nothing(rule, "No pay bands", "The return has no pay bands to compare.")
    shares_by_band = {band: band_ethnic_minority_pct(figures.report, band) for band in bands}
    judged = {band: share for band, share in shares_by_band.items() if share is not None}
    skipped = [band for band, share in shares_by_band.items() if share is None]
    area = figures.get("representation", "population", "name")
    residents = f"{area}'s residents" if isinstance(area, str) and area else "local residents"
    if not judged:
        return _nothing(
            rule,
            "No pay band's ethnic minority share can be read",
            f"No pay band can be judged ({_plural(len(bands), 'band')} in all). "
            + _why_skipped(figures, skipped),
        )
    reflective = [band for band, share in judged.items() if _reflects(share, population)]
    below = [band for band in judged if band not in reflective]
    places = _places_for_line(judged, population)
    line = FOUR_FIFTHS * population
    listed = [
        f"{_fixed(share, places)}% {'of those who disclosed in' if n == 0 else 'in'} "
        f"{_band_names([band])}"
        for n, (band, share) in enumerate(judged.items())
    ]
    figure = (
        f"Ethnic minority staff are {_and(listed)}; {residents} are {_pct(population)} "
        "ethnic minority"
    )
    four_fifths = f"four fifths of the local population's {_pct(population)}"
    rule_text = f"({_fixed(line, places)}%, the four-fifths rule used for adverse impact)"
    if len(reflective) == len(judged):
        level = LEADING
        reason = (
            f"Every band judged ({len(judged)}) has an ethnic minority share of at least "
            f"{four_fifths} {rule_text}, so the workforce is reflective of the local community "
            "at all levels: Leading practice."
        )
    elif reflective:
        level = ESTABLISHED
        verb = "is" if len(below) == 1 else "are"
        reason = (
            f"{len(reflective)} of the {len(judged)} bands judged have an ethnic minority share "
            f"of at least {four_fifths} {rule_text}, so the workforce is reflective of the "
            "local community at some levels: Established practice. "
            f"{_capital(_band_names(below))} {verb} below {four_fifths}."
        )
    else:
        level = DEVELOPING
        reason = (
            f"No band judged has an ethnic minority share of at least {four_fifths} "
            f"{rule_text}, so the workforce is not reflective of the local community at any "
            "level: Developing practice."
        )
    if skipped:
        reason += (
            f" {_capital(_band_names(skipped))} could not be judged "
            f"({len(skipped)} of {len(bands)} bands). {_why_skipped(figures, skipped)}"
        )
    value = min(judged.values())
    return Suggestion(rule=rule, level=level, figure=figure, reason=reason, value=value)


def _reflects(share: float, population: float) -> bool:
    """Whether a band's ethnic minority share is at least four fifths of the population's."""
    return share / population >= FOUR_FIFTHS - _TOLERANCE


def _places_for_line(shares: Mapping[str, float], population: float) -> int:
    """Decimal places that show every band share on the same side of the four-fifths line as
    it really is (a band at 50.83% is not shown equal to a line of 50.832%)."""
    line = FOUR_FIFTHS * population
    for places in (1, 2, 3):
        if all(
            (round(share, places) >= round(line, places)) == _reflects(share, population)
            for share in shares.values()
        ):
            return places
    return 3


def _why_skipped(figures: _Figures, bands: Sequence[str]) -> str:
    """Why these bands have no ethnic minority share: suppressed, or nobody disclosed."""
    hidden = [
        band
        for band in bands
        if any(
            figures.suppressed("pay_bands", "bands", band, "groups", group, "pct_known")
            for group in GROUPS
        )
    ]
    their = "Their" if len(bands) > 1 else "Its"
    them = "them" if len(bands) > 1 else "it"
    if len(hidden) == len(bands):
        return f"{their} figures are hidden by disclosure control."
    if not hidden:
        return f"Nobody in {them} disclosed their ethnicity."
    return (
        f"The figures of {_band_names(hidden)} are hidden by disclosure control; nobody in "
        "the others disclosed their ethnicity."
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# ---------------------------------------------------------------- 2e.2 disciplinary likelihood


def _in_range(ratio: float) -> bool:
    return LIKELIHOOD_LOW <= ratio <= LIKELIHOOD_HIGH


def _disciplinary(rule: Rule, figures: _Figures, before: _Figures | None) -> Suggestion:
    section = ("relative_likelihood", "formal_disciplinary")
    path = (*section, "ratio")
    ratio = figures.number(*path)
    if ratio is None:
        if not isinstance(figures.get(*section), Mapping):
            why = (
                "The return has no formal disciplinary data (an employee return's "
                "formal_disciplinary column), so there is no relative likelihood."
            )
        else:
            why = _why_missing(
                figures, path, "the relative likelihood of entering a formal disciplinary process"
            )
        return _nothing(rule, "No formal disciplinary figure", why)
    limits = (LIKELIHOOD_LOW, LIKELIHOOD_HIGH)
    figure = (
        f"Ethnic minority staff were {_ratio(ratio, *limits)} times as likely as White staff "
        "to enter a formal disciplinary process"
    )
    minority = figures.number(*section, "ethnic_minority", "rate_pct")
    white = figures.number(*section, "white", "rate_pct")
    if minority is not None and white is not None:
        figure += f" ({_fixed(minority, 2)}% against {_fixed(white, 2)}%)"
    training = figures.number("relative_likelihood", "non_mandatory_training", "ratio")
    if training is not None:
        figure += (
            f"; White staff were {_ratio(training, *limits)} times as likely as ethnic minority "
            "staff to access non-mandatory training"
        )
    earlier = None if before is None else before.number(*path)
    if earlier is not None:
        figure += (
            f"; the disciplinary figure was {_ratio(earlier, *limits)} in the previous snapshot"
        )
    wres = (
        "the range the NHS Workforce Race Equality Standard treats as no adverse difference "
        "(0.80 to 1.25)"
    )
    if ratio > LIKELIHOOD_HIGH:
        reason = (
            f"Above 1.25, the top of {wres}: the data shows a disproportionate effect on ethnic "
            "minority staff: Developing practice."
        )
        return Suggestion(rule=rule, level=DEVELOPING, figure=figure, reason=reason, value=ratio)
    if ratio < LIKELIHOOD_LOW:
        reason = (
            f"Below 0.80, the bottom of {wres}: ethnic minority staff were markedly less likely "
            "than White staff to enter a formal disciplinary process. That is no negative "
            "impact, so Established practice; it is not by itself evidence of a positive impact "
            "(Leading practice), and a difference this large is worth understanding."
        )
        return Suggestion(rule=rule, level=ESTABLISHED, figure=figure, reason=reason, value=ratio)
    reason = f"Within {wres}: no negative impact on ethnic minority staff"
    missing = _not_leading(training, before, earlier)
    if missing:
        reason += f", so Established practice. Not Leading practice: {missing}"
        return Suggestion(rule=rule, level=ESTABLISHED, figure=figure, reason=reason, value=ratio)
    reason += ". Access to non-mandatory training is within the range too"
    reason += ", and the previous snapshot's figure was as well" if before is not None else ""
    reason += (
        ", so Leading practice. Leading practice also asks for a positive impact on the whole "
        "organisation, which a person must judge."
    )
    if before is None:
        reason += " With no previous snapshot, whether this is sustained was not checked."
    return Suggestion(rule=rule, level=LEADING, figure=figure, reason=reason, value=ratio)


def _not_leading(
    training: float | None, before: _Figures | None, earlier: float | None
) -> str | None:
    """Why a disciplinary figure within range is not Leading practice, or None if it is."""
    if training is None:
        return "there is no non-mandatory training figure to show equal access to development."
    if not _in_range(training):
        return (
            f"White staff were {_ratio(training, LIKELIHOOD_LOW, LIKELIHOOD_HIGH)} times as "
            "likely to access non-mandatory training, outside 0.80 to 1.25."
        )
    if before is not None and earlier is None:
        return "the previous snapshot has no disciplinary figure to show this is sustained."
    if earlier is not None and not _in_range(earlier):
        return (
            f"the previous snapshot's figure, {_ratio(earlier, LIKELIHOOD_LOW, LIKELIHOOD_HIGH)}, "
            "was outside 0.80 to 1.25, so this is not yet sustained."
        )
    return None


_READERS: Final[Mapping[str, Callable[[Rule, _Figures, _Figures | None], Suggestion]]] = {
    REFLECTIVE_BANDS.id: _reflective_bands,
    PAY_GAP.id: _pay_gap,
    DISCIPLINARY.id: _disciplinary,
    WORKFORCE_DATA.id: _workforce_data,
    DISCLOSURE_RATE.id: _disclosure_rate,
    PAY_DATA.id: _pay_data,
}
