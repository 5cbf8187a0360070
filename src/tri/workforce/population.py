"""Resident population by ethnic group: ONS Census 2021 table TS021, shipped with the package.

`data/census2021_ts021_ethnic_group_ltla.csv` holds the 19 category counts for each of the 331
lower-tier local authorities of England and Wales (boundaries as at the census). London is the
sum of its 33 authorities (codes E09…). Source: Office for National Statistics, licensed under
the Open Government Licence v3.0; provenance in `data/PROVENANCE.md`. Census counts already went
through ONS disclosure control, so population figures are published as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

import polars as pl

from tri.workforce.errors import WorkforceError
from tri.workforce.ethnicity import CENSUS_CATEGORIES, GROUPS

LONDON: Final = "london"
_FILE: Final = "census2021_ts021_ethnic_group_ltla.csv"
SOURCE: Final = "ONS Census 2021, TS021 Ethnic group (Open Government Licence v3.0)"


@dataclass(frozen=True, slots=True)
class Population:
    code: str
    name: str
    by_category: dict[str, int]  # category name → residents

    @property
    def total(self) -> int:
        return sum(self.by_category.values())

    def group(self, group: str) -> int:
        return sum(self.by_category[c.name] for c in CENSUS_CATEGORIES if c.group == group)

    def pct(self, count: int) -> float:
        return 100.0 * count / self.total


@cache
def _table() -> pl.DataFrame:
    path = resources.files("tri.workforce") / "data" / _FILE
    with resources.as_file(path) as file:
        return pl.read_csv(file)


def areas() -> list[tuple[str, str]]:
    """Every local authority as (code, name), and London."""
    table = _table()
    return [(LONDON, "London"), *zip(table["ltla21_code"], table["ltla21_name"], strict=True)]


def population(area: str) -> Population:
    """The population of a local authority (by ONS code or exact name) or of `london`."""
    table = _table()
    wanted = area.strip()
    if wanted.lower() == LONDON:
        rows = table.filter(pl.col("ltla21_code").str.starts_with("E09"))
        code, name = LONDON, "London"
    else:
        rows = table.filter(
            (pl.col("ltla21_code") == wanted.upper())
            | (pl.col("ltla21_name").str.to_lowercase() == wanted.lower())
        )
        if rows.height != 1:
            raise WorkforceError.one(
                "--population",
                f'"{area}" is not a local authority code or name in Census 2021 TS021 '
                '(try an ONS code such as E09000015, a name such as "Harrow", or "london")',
            )
        code, name = rows["ltla21_code"][0], rows["ltla21_name"][0]
    sums = rows.select(pl.col(c.code).sum() for c in CENSUS_CATEGORIES).row(0)
    return Population(
        code=code,
        name=name,
        by_category={c.name: int(v) for c, v in zip(CENSUS_CATEGORIES, sums, strict=True)},
    )


__all__ = ["GROUPS", "LONDON", "SOURCE", "Population", "areas", "population"]
