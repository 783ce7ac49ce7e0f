"""The OpenAPI document equals the service: real responses, of every kind of caller and
error, are validated against the response schema the document gives for that operation
and status. Output schemas are closed, so a field sent but not documented fails, and so
does a documented (required) field left out."""

from copy import deepcopy

import jsonschema
import pytest
from rest_framework.test import APIClient

from bookings.roles import Role
from tests.factories.bookings import booking_payload, make_user
from tests.factories.review import LISTED_SPEAKER, flagged_booking, in_review_booking, make_officer
from tests.helpers import session_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def document(django_db_blocker):
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return as_json_schema(response.json())


def as_json_schema(node):
    """OpenAPI 3.0's `nullable: true` is `anyOf [..., null]` in JSON Schema."""
    if isinstance(node, list):
        return [as_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: as_json_schema(v) for k, v in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def assert_documented(document, response, path: str, method: str) -> None:
    operation = document["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path} answered {status}, not documented"
    media = operation["responses"][status]["content"]
    assert response["Content-Type"].split(";")[0] in media
    schema = {**media["application/json"]["schema"], "components": document["components"]}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(response.json()))
    assert not errors, f"{method} {path} {status}: " + "; ".join(_reasons(errors))


def _reasons(errors) -> list[str]:
    """The innermost reasons, with where they are: oneOf/anyOf failures say little by themselves."""
    found = []
    for error in errors:
        if error.context:
            found += _reasons(error.context)
        else:
            found.append(f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}")
    return found


def booking_url(booking, action: str = "") -> str:
    return f"/api/v1/bookings/{booking.public_id}/" + (f"{action}/" if action else "")


def test_a_venue_booking_answers_as_documented(document, api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": LISTED_SPEAKER, "kind": "person", "role": "speaker"}]

    created = api.post("/api/v1/bookings/", payload, format="json")
    again = api.post("/api/v1/bookings/", payload, format="json")
    read = api.get(f"/api/v1/bookings/{created.json()['id']}/")
    listed = api.get("/api/v1/bookings/")
    changed = api.patch(
        f"/api/v1/bookings/{created.json()['id']}/", {"event": {"title": "Renamed"}}, format="json"
    )

    assert [r.status_code for r in (created, again, read, listed, changed)] == [201, 200, 200, 200, 200]
    assert_documented(document, created, "/api/v1/bookings/", "post")
    assert_documented(document, again, "/api/v1/bookings/", "post")
    assert_documented(document, read, "/api/v1/bookings/{id}/", "get")
    assert_documented(document, listed, "/api/v1/bookings/", "get")
    assert_documented(document, changed, "/api/v1/bookings/{id}/", "patch")


def test_the_documented_201_lists_every_field_it_sends(document, api, watchlist):
    created = api.post("/api/v1/bookings/", booking_payload(), format="json").json()

    venue_schema = document["components"]["schemas"]["BookingVenueOutput"]
    hirer_schema = document["components"]["schemas"]["HirerOutput"]
    party_schema = document["components"]["schemas"]["PartyOutput"]
    assert set(venue_schema["properties"]) == set(created)
    assert set(hirer_schema["properties"]) == set(created["hirer"])
    assert set(party_schema["properties"]) == set(created["parties"][0]) if created["parties"] else True
    assert venue_schema["additionalProperties"] is False


def test_hirer_and_parties_are_documented_field_by_field(document):
    venue = document["components"]["schemas"]["BookingVenueOutput"]["properties"]

    assert venue["hirer"]["allOf"] == [{"$ref": "#/components/schemas/HirerOutput"}]
    assert venue["parties"]["items"] == {"$ref": "#/components/schemas/PartyOutput"}
    assert set(document["components"]["schemas"]["HirerOutput"]["properties"]) == {
        "name",
        "kind",
        "contact_name",
        "contact_email",
        "organisation",
        "date_of_birth",
    }


def test_an_officer_answers_as_documented_match_details_included(document, venue, watchlist):
    officer = make_officer("olivia")
    booking = in_review_booking(venue, officer)
    client = session_client(officer)

    read = client.get(booking_url(booking))
    listed = client.get("/api/v1/bookings/?status=in_review")
    asked = client.post(booking_url(booking, "request_info"), {"question": "Who chairs?"}, format="json")
    suppressions = client.get("/api/v1/suppressions/")
    conditions = client.get("/api/v1/advice-conditions/")
    screened = client.post(
        "/api/v1/screen/", {"parties": [{"name": LISTED_SPEAKER, "kind": "person"}]}, format="json"
    )

    assert read.json()["matches"][0]["entry"]["entry_id"] == "t-per-1"
    assert_documented(document, read, "/api/v1/bookings/{id}/", "get")
    assert_documented(document, listed, "/api/v1/bookings/", "get")
    assert_documented(document, asked, "/api/v1/bookings/{id}/request_info/", "post")
    assert_documented(document, suppressions, "/api/v1/suppressions/", "get")
    assert_documented(document, conditions, "/api/v1/advice-conditions/", "get")
    assert_documented(document, screened, "/api/v1/screen/", "post")


def test_a_venue_response_is_not_an_officer_response(document, api, venue, watchlist):
    """The two shapes are told apart: adding officer fields to a venue's answer fails."""
    created = api.post("/api/v1/bookings/", booking_payload(), format="json").json()
    schema = {"$ref": "#/components/schemas/Booking", "components": document["components"]}
    leaked = {**deepcopy(created), "officer_notes": "Restricted."}

    jsonschema.validate(created, schema, cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(leaked, schema, cls=jsonschema.Draft202012Validator)


def test_error_answers_have_their_documented_bodies(document, api, venue, watchlist):
    officer = make_officer("olivia")
    booking = flagged_booking(venue)
    bad = booking_payload()
    bad["event"]["expected_attendance"] = -1

    invalid = api.post("/api/v1/bookings/", bad, format="json")
    wrong_type = api.post(
        "/api/v1/bookings/", "external_ref=X", content_type="application/x-www-form-urlencoded"
    )
    anonymous = APIClient().get("/api/v1/bookings/")
    missing = api.get("/api/v1/bookings/00000000-0000-0000-0000-000000000000/")
    refused = session_client(officer).post(booking_url(booking, "approve"), {}, format="json")
    forbidden = session_client(make_user("sam", Role.VENUE_STAFF, venue)).post(booking_url(booking, "take"))

    assert [r.status_code for r in (invalid, wrong_type, anonymous, missing, refused, forbidden)] == [
        400,
        415,
        401,
        404,
        409,
        403,
    ]
    assert_documented(document, invalid, "/api/v1/bookings/", "post")
    assert_documented(document, wrong_type, "/api/v1/bookings/", "post")
    assert_documented(document, anonymous, "/api/v1/bookings/", "get")
    assert_documented(document, missing, "/api/v1/bookings/{id}/", "get")
    assert_documented(document, refused, "/api/v1/bookings/{id}/approve/", "post")
    assert_documented(document, forbidden, "/api/v1/bookings/{id}/take/", "post")
    assert refused.json()["allowed_actions"] == ["take", "officer_withdraw"]


def test_every_operation_has_its_own_summary_and_description(document):
    operations = [op for path in document["paths"].values() for op in path.values()]

    summaries = [op.get("summary") for op in operations]
    descriptions = [op.get("description") for op in operations]
    assert all(summaries) and all(descriptions)
    assert len(set(summaries)) == len(operations)
    assert len(set(descriptions)) == len(operations)
