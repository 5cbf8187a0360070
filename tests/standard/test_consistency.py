"""The Standard's check of itself."""

import pytest

from tri.standard import FindingKind, Standard, check_consistency

pytestmark = pytest.mark.unit


def test_version_14_findings_are_exactly_the_real_disagreements(v14: Standard) -> None:
    findings = check_consistency(v14)
    assert [(f.kind, f.subject, f.message) for f in findings] == [
        (
            FindingKind.RANGE,
            ("2",),
            "Category 2 Developing: published 0–36, derived from the rows 0–38",
        ),
        (
            FindingKind.RANGE,
            ("2",),
            "Category 2 Established: published 37–59, derived from the rows 39–60",
        ),
        (
            FindingKind.RANGE,
            ("2",),
            "Category 2 Leading: published 60–75, derived from the rows 61–76",
        ),
        (
            FindingKind.DUPLICATE,
            ("2a.2", "2c.6"),
            "Row 2c.6 repeats row 2a.2: same established descriptor",
        ),
    ]


def test_a_version_that_fixes_them_is_consistent(v15: Standard) -> None:
    assert check_consistency(v15) == ()
