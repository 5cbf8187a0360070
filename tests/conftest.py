"""Fixtures used across the test suite."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tri.standard import Catalogue, Standard

# Shared, noisy machines: no per-example deadline; CI runs more examples.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

FIXTURES = Path(__file__).parent / "standard" / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue.load()


@pytest.fixture(scope="session")
def v14(catalogue: Catalogue) -> Standard:
    return catalogue.get("celc-tri", "14")


@pytest.fixture(scope="session")
def catalogue_with_v15() -> Catalogue:
    return Catalogue.load(FIXTURES)


@pytest.fixture(scope="session")
def v15(catalogue_with_v15: Catalogue) -> Standard:
    return catalogue_with_v15.get("celc-tri", "15")


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache: keys made of row ids and counts (the benchmark's,
    the London overview's) could otherwise meet a value another test's rolled-back rows left."""
    from django.core.cache import cache

    cache.clear()
