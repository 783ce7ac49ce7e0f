"""Issue 17's red team through /api/v1/screen/: the namesakes a long listed name of
their origin must not flag, and the spellings a hostile hirer may use to hide one."""

import json

import pytest
from rest_framework.test import APIClient

from bookings.roles import Role
from tests.factories.bookings import make_user
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db

LISTED = [
    ("t-per-1", "Person", "Juan Carlos Garcia Lopez Vexmoor"),
    ("t-per-2", "Person", "Abdul Rahman Quillane"),
    ("t-org-1", "Organization", "Forty Four Vexmoor Brigade"),
]


@pytest.fixture
def listed(tmp_path):
    path = tmp_path / "watchlist.ftm.jsonl"
    rows = [{"id": i, "schema": s, "properties": {"name": [n], "topics": ["sanction"]}} for i, s, n in LISTED]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return source_import(slug="red-team", origin=str(path), fmt="ftm").version


def test_namesakes_and_hidden_spellings_through_the_api(listed):
    client = APIClient()
    client.force_login(make_user("officer1", Role.PREVENT_OFFICER))
    parties = [
        {"name": "Juan Garcia", "kind": "person"},  # a namesake: common given name and surname
        {"name": "Juan Vexmoor", "kind": "person"},  # the rare family name: still found
        {"name": "Abdalrahman Quillane", "kind": "person"},  # Abdal joined to the name
        {"name": "Fourty Four Vexmoor Brigade", "kind": "organisation"},  # a number word mistyped
    ]

    response = client.post("/api/v1/screen/", {"parties": parties}, format="json")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["name"], r["flagged"]) for r in results] == [
        ("Juan Garcia", False),
        ("Juan Vexmoor", True),
        ("Abdalrahman Quillane", True),
        ("Fourty Four Vexmoor Brigade", True),
    ]
    assert [r["matches"][0]["entry_id"] for r in results[1:]] == ["t-per-1", "t-per-2", "t-org-1"]
