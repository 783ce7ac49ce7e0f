"""Schemathesis against our own OpenAPI document: no 5xx, every answer as documented."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from bookings.venues.services import api_key_create
from tests.factories.bookings import VenueFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 30
# Rules across fields (an event must end after it starts, and in the future)
# cannot be written in OpenAPI, so schema-valid data may rightly get a 400.
EXCLUDED = [positive_data_acceptance]


@pytest.fixture(autouse=True)
def _keep_test_connection_open():
    """As Django's test client does: the WSGI handler must not close the
    connection that holds the test's transaction between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_conforms_to_the_schema(watchlist):
    key = api_key_create(venue=VenueFactory(), by=None)[1]
    headers = {"Authorization": f"Api-Key {key}"}
    found = operations()
    assert len(found) >= 6

    for operation in found:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def conforms(case):
            case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)

        conforms()


def test_every_operation_refuses_invalid_input_with_a_4xx(watchlist):
    """Negative mode: schemathesis breaks the documented shapes (wrong types, unknown
    fields, out-of-range values). Nothing gives a 5xx, and every broken body is refused
    with a 4xx. (Query parameters are read leniently, as DRF does: `?page=` is page 1.)"""
    key = api_key_create(venue=VenueFactory(), by=None)[1]
    headers = {"Authorization": f"Api-Key {key}"}
    fuzzed = set()

    for operation in operations():

        @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def refused(case):
            response = case.call(headers=headers)
            body_checks = [negative_data_rejection] if case.operation.body else []
            case.validate_response(response, checks=[not_a_server_error, *body_checks])

        try:
            refused()
        except Unsatisfiable:
            continue  # nothing to break: no body and no parameters with a documented shape
        fuzzed.add(f"{operation.method.upper()} {operation.path}")

    assert {
        "POST /api/v1/bookings/",
        "PATCH /api/v1/bookings/{id}/",
        "POST /api/v1/screen/",
        "GET /api/v1/bookings/",
    } <= fuzzed
