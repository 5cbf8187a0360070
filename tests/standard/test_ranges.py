"""Range derivation by the seed's methodology."""

import pytest

from tri.standard import Catalogue, Standard, derive_ranges, parse_standard

pytestmark = pytest.mark.unit


def test_derived_ranges_for_every_category_of_version_14(v14: Standard) -> None:
    derived = {c.id: [(r.low, r.high) for _, r in derive_ranges(c)] for c in v14.categories}
    assert derived == {
        "1": [(0, 10), (11, 18), (19, 22)],
        "2": [(0, 38), (39, 60), (61, 76)],
        "3": [(0, 10), (11, 12), (13, 18)],
        "4": [(0, 2), (3, 13), (14, 15)],
        "5": [(0, 5), (6, 9), (10, 11)],
        "6": [(0, 14), (15, 23), (24, 27)],
        "7": [(0, 9), (10, 16), (17, 21)],
    }


def test_category_1_matches_the_seeds_worked_derivation(v14: Standard) -> None:
    # "2 points (reaching the two developing practice levels) + 8 points (reaching the four
    # remaining establishing practice levels) = 10 points".
    assert derive_ranges(v14.category("1")).developing.high == 2 + 8


def test_derived_top_of_leading_is_the_rows_maximum(catalogue_with_v15: Catalogue) -> None:
    for standard in catalogue_with_v15.versions():
        for category in standard.categories:
            assert derive_ranges(category).leading.high == category.max_points


ROW_KINDS = """
id: demo
version: "1"
title: Demo
status: draft
points: {none: 0, developing: 1, established: 2, leading: 3}
levels: {developing: {definition: d}, established: {definition: e}, leading: {definition: l}}
categories:
  - id: "1"
    title: One
    description: Every kind of row the Standard has.
    published_ranges: {developing: [0, 1], established: [2, 2], leading: [3, 3]}
    sections:
      - id: "1"
        title: One
        rows:
          - {id: "1.1", developing: a, established: b, leading: c}
          - {id: "1.2", established: b, leading: c}
          - {id: "1.3", established: b}
          - {id: "1.4", leading: c}
          - {id: "1.5", developing: a}
          - {id: "1.6", developing: a, leading: c}
"""


def test_each_kind_of_row_contributes_as_the_methodology_says() -> None:
    category = parse_standard(ROW_KINDS, "demo.yaml").category("1")
    # Developing top: D 1 + E 2 + E 2 + none 0 + D 1 + D 1 = 7.
    # Established top: E 2 + E 2 + E 2 + L 3 + D 1 + L 3 = 13.
    assert [(r.low, r.high) for _, r in derive_ranges(category)] == [(0, 7), (8, 13), (14, 15)]
