"""A name sent to the API is screened as written, not as normalised first.

Normalising drops what the matcher reads: the marks of ş, ç and ž (Şimşek is also
read Shimshek), the dots of a legal form (Sp. z o.o.) and the case of a form run
together with the name (HamasLimited). Screened normalised, a booking missed what the
matcher finds (issue 17). Invented names only."""

import json

import pytest
from rest_framework.test import APIClient

from bookings.roles import Role
from tests.evasion import base_request
from tests.factories.bookings import make_user
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db

LISTED = [
    ("ls-per-1", "Person", "Ayse Shimshek"),
    ("ls-org-1", "Organization", "Zorvath LLC"),
    ("ls-org-2", "Organization", "Olvasse"),
]

FOUND_AS_WRITTEN = [
    ("Ayşe Şimşek", "person", "ls-per-1"),
    ("Zorvath Sp. z o.o.", "organisation", "ls-org-1"),
    ("OlvasseLimited", "organisation", "ls-org-2"),
    ("Olvasse_Ltd", "organisation", "ls-org-2"),  # an underscore: a break, as normalised
]


@pytest.fixture
def listed_as_written(db, tmp_path):
    path = tmp_path / "listed.ftm.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "schema": schema, "properties": {"name": [name], "topics": ["sanction"]}})
            + "\n"
            for i, schema, name in LISTED
        )
    )
    return source_import(slug="as-written", origin=str(path), fmt="ftm").version


def _officer() -> APIClient:
    client = APIClient()
    client.force_login(make_user("officer1", Role.PREVENT_OFFICER))
    return client


@pytest.mark.parametrize(("name", "kind", "entry_id"), FOUND_AS_WRITTEN)
def test_screen_reads_the_name_as_written(listed_as_written, name, kind, entry_id):
    response = _officer().post("/api/v1/screen/", {"parties": [{"name": name, "kind": kind}]}, format="json")

    assert response.status_code == 200
    [result] = response.json()["results"]
    assert result["flagged"] is True
    assert [m["entry_id"] for m in result["matches"]] == [entry_id]


@pytest.mark.parametrize(("name", "kind", "entry_id"), FOUND_AS_WRITTEN)
def test_a_booking_reads_the_name_as_written(api, listed_as_written, name, kind, entry_id):
    body = base_request()
    body["parties"] = [{"name": name, "kind": kind, "role": "speaker"}]

    response = api.post("/api/v1/bookings/", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "flagged"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ayse Simsek", "person"),  # no ş: s is not sh (Sami and Shami are two names)
        ("Zorvath AG", "organisation"),  # another company form: another company
        ("Olvasse Unlimited Travel", "organisation"),
    ],
)
def test_reading_as_written_finds_no_one_else(listed_as_written, name, kind):
    response = _officer().post("/api/v1/screen/", {"parties": [{"name": name, "kind": kind}]}, format="json")

    assert response.json()["results"][0]["flagged"] is False
