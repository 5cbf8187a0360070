"""The API fuzzed against its own OpenAPI description with schemathesis: generated calls to
every operation, with valid and invalid parameters, must never give a server error and must
answer as the description says."""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings

from tests.factories.rounds import RoundSetup
from tri.publication import services

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_the_api_never_fails_and_keeps_to_its_description(world: RoundSetup) -> None:
    services.publish(
        organisation=world.a.organisation,
        parts=["statement", "assessment", "workforce", "targets"],
        actor=world.a.approver,
    )
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]

        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy())
        def call(case) -> None:  # type: ignore[no-untyped-def]
            nonlocal calls
            cache.clear()  # the rate limit is not what is tested here
            calls += 1
            case.call_and_validate()

        call()
    assert calls >= 6 * 10
