"""Schemathesis against our own OpenAPI document: no 5xx, every answer as documented."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bookings.services_venues import api_key_create
from tests.factories.bookings import VenueFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 30
# Rules across fields (an event must end after it starts, and in the future)
# cannot be written in OpenAPI, so schema-valid data may rightly get a 400.
EXCLUDED = [positive_data_acceptance]


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_to_the_schema(watchlist):
    key = api_key_create(venue=VenueFactory(), actor="test")[1]
    headers = {"Authorization": f"Api-Key {key}"}
    found = operations()
    assert len(found) >= 6

    for operation in found:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck), database=None)
        def conforms(case):
            case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)

        conforms()
