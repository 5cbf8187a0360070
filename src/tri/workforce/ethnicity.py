"""The ONS 2021 Census ethnic group classification for England, plus the two ways of not saying.

Nineteen categories in five high-level groups (ONS 20b and 6a), exactly as TS021 publishes them,
then "Prefer not to say" (asked, declined) and "Not known" (never asked, or not recorded).
Those last two together are *not disclosed*: counted, reported separately, and left out of both
sides of every comparison.

*Ethnic minority* means the Asian, Black, Mixed and Other groups together, as the Standard and
Harrow's plan use "Black, Asian and Multi-Ethnic". White minorities (Irish, Gypsy or Irish
Traveller, Roma, Other White) are in the White group; the `all_except_white_british` comparison
puts them with everyone else, as the government's proposed ethnicity pay reporting does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import polars as pl

ASIAN: Final = "Asian"
BLACK: Final = "Black"
MIXED: Final = "Mixed"
WHITE: Final = "White"
OTHER: Final = "Other"
NOT_DISCLOSED: Final = "Not disclosed"

#: The five high-level groups, in ONS 6a order.
GROUPS: Final = (ASIAN, BLACK, MIXED, WHITE, OTHER)
#: The groups plus not disclosed: every row belongs to exactly one of these.
ALL_GROUPS: Final = (*GROUPS, NOT_DISCLOSED)
#: Black, Asian, Mixed and Other together.
ETHNIC_MINORITY_GROUPS: Final = (ASIAN, BLACK, MIXED, OTHER)
ETHNIC_MINORITY: Final = "Ethnic minority"
WHITE_BRITISH: Final = "White British"
ALL_EXCEPT_WHITE_BRITISH: Final = "All except White British"


@dataclass(frozen=True, slots=True)
class Category:
    """One category. `code` is the TS021 column name; `name` is unique and short."""

    code: str
    name: str
    label: str
    group: str
    ons_code: int | None

    @property
    def disclosed(self) -> bool:
        return self.group != NOT_DISCLOSED


def _c(ons: int | None, code: str, name: str, label: str, group: str) -> Category:
    return Category(code=code, name=name, label=label, group=group, ons_code=ons)


_A = "Asian, Asian British or Asian Welsh"
_B = "Black, Black British, Black Welsh, Caribbean or African"
_M = "Mixed or Multiple ethnic groups"

CATEGORIES: Final[tuple[Category, ...]] = (
    _c(1, "asian_bangladeshi", "Bangladeshi", f"{_A}: Bangladeshi", ASIAN),
    _c(2, "asian_chinese", "Chinese", f"{_A}: Chinese", ASIAN),
    _c(3, "asian_indian", "Indian", f"{_A}: Indian", ASIAN),
    _c(4, "asian_pakistani", "Pakistani", f"{_A}: Pakistani", ASIAN),
    _c(5, "asian_other", "Other Asian", f"{_A}: Other Asian", ASIAN),
    _c(6, "black_african", "African", f"{_B}: African", BLACK),
    _c(7, "black_caribbean", "Caribbean", f"{_B}: Caribbean", BLACK),
    _c(8, "black_other", "Other Black", f"{_B}: Other Black", BLACK),
    _c(9, "mixed_white_asian", "White and Asian", f"{_M}: White and Asian", MIXED),
    _c(
        10,
        "mixed_white_black_african",
        "White and Black African",
        f"{_M}: White and Black African",
        MIXED,
    ),
    _c(
        11,
        "mixed_white_black_caribbean",
        "White and Black Caribbean",
        f"{_M}: White and Black Caribbean",
        MIXED,
    ),
    _c(12, "mixed_other", "Other Mixed", f"{_M}: Other Mixed or Multiple ethnic groups", MIXED),
    _c(
        13,
        "white_british",
        WHITE_BRITISH,
        "White: English, Welsh, Scottish, Northern Irish or British",
        WHITE,
    ),
    _c(14, "white_irish", "Irish", "White: Irish", WHITE),
    _c(
        15,
        "white_gypsy_irish_traveller",
        "Gypsy or Irish Traveller",
        "White: Gypsy or Irish Traveller",
        WHITE,
    ),
    _c(16, "white_roma", "Roma", "White: Roma", WHITE),
    _c(17, "white_other", "Other White", "White: Other White", WHITE),
    _c(18, "other_arab", "Arab", "Other ethnic group: Arab", OTHER),
    _c(
        19,
        "other_any_other",
        "Any other ethnic group",
        "Other ethnic group: Any other ethnic group",
        OTHER,
    ),
    _c(None, "prefer_not_to_say", "Prefer not to say", "Prefer not to say", NOT_DISCLOSED),
    _c(None, "not_known", "Not known", "Not known", NOT_DISCLOSED),
)

CENSUS_CATEGORIES: Final = tuple(c for c in CATEGORIES if c.disclosed)
CATEGORY_BY_CODE: Final = {c.code: c for c in CATEGORIES}
CATEGORY_BY_NAME: Final = {c.name: c for c in CATEGORIES}
PREFER_NOT_TO_SAY: Final = CATEGORY_BY_CODE["prefer_not_to_say"]
NOT_KNOWN: Final = CATEGORY_BY_CODE["not_known"]

#: polars enums: compact, ordered, and fast to group by.
CATEGORY_DTYPE: Final = pl.Enum([c.name for c in CATEGORIES])
GROUP_DTYPE: Final = pl.Enum(list(ALL_GROUPS))


def categories_in(group: str) -> tuple[Category, ...]:
    return tuple(c for c in CATEGORIES if c.group == group)
