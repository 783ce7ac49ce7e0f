import pytest
from rest_framework.test import APIClient

from bookings.models import AuditRecord
from bookings.roles import Role
from tests.factories.bookings import make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/screen/"


PARTIES = [
    {"name": "Priya Natarajan", "kind": "person"},
    {"name": "Dorian Vexley Marsh", "kind": "person", "date_of_birth": "1979-03-14"},
    {"name": "NS131", "kind": "organisation"},
]


def officer_session() -> APIClient:
    client = APIClient()
    client.force_login(make_user("officer1", Role.PREVENT_OFFICER))
    return client


def test_an_officer_gets_the_matches_in_request_order(watchlist):
    response = officer_session().post(URL, {"parties": PARTIES}, format="json")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(r["name"], r["kind"], r["flagged"]) for r in results] == [
        ("Priya Natarajan", "person", False),
        ("Dorian Vexley Marsh", "person", True),
        ("NS131", "organisation", True),
    ]
    assert results[0]["matches"] == []
    match = results[1]["matches"][0]
    assert (match["entry_id"], match["source"], match["matched_name"], match["score"]) == (
        "t-per-1",
        "test-watchlist",
        "Dorian Vexley-Marsh",
        1.0,
    )
    assert results[2]["matches"][0]["entry_id"] == "t-org-1"


def test_a_venue_key_is_told_flagged_only(api, watchlist):
    response = api.post(URL, {"parties": PARTIES}, format="json")

    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {"name": "Priya Natarajan", "kind": "person", "flagged": False, "matches": []},
            {"name": "Dorian Vexley Marsh", "kind": "person", "flagged": True, "matches": []},
            {"name": "NS131", "kind": "organisation", "flagged": True, "matches": []},
        ]
    }


def test_venue_staff_are_told_flagged_only(venue, watchlist):
    client = APIClient()
    client.force_login(make_user("sam", Role.VENUE_STAFF, venue=venue))

    response = client.post(URL, {"parties": PARTIES[1:2]}, format="json")

    assert response.status_code == 200
    assert response.json()["results"] == [
        {"name": "Dorian Vexley Marsh", "kind": "person", "flagged": True, "matches": []}
    ]


def test_probing_tells_a_venue_nothing_beyond_flagged(api, watchlist):
    """Initials, surnames, aliases and near misses: the answers differ only in
    `flagged`, and the headers not at all, so no entry, alias or source leaks."""
    probes = ["D Vexley-Marsh", "Vexley-Marsh", "Dorian Vexley-Marsh", "Corwin Hallstrand", "The Lantern"]
    responses = [api.post(URL, {"parties": [{"name": p, "kind": "person"}]}, format="json") for p in probes]

    bodies = [r.json()["results"][0] for r in responses]
    assert {tuple(sorted(b)) for b in bodies} == {("flagged", "kind", "matches", "name")}
    assert all(b["matches"] == [] for b in bodies)
    text = " ".join(str(r.content) + str(dict(r.headers)) for r in responses)
    for secret in ("t-per-1", "t-per-2", "test-watchlist", "1979", "score", "explanation"):
        assert secret not in text
    header_names = {
        tuple(sorted(k for k in r.headers if k.lower() not in {"content-length"})) for r in responses
    }
    assert len(header_names) == 1


def test_an_officer_sees_why_a_name_with_no_match_still_needs_a_person(watchlist):
    parties = [{"name": "Priуa Natarajan", "kind": "person"}]  # a Cyrillic у inside a Latin word

    result = officer_session().post(URL, {"parties": parties}, format="json").json()["results"][0]

    assert (result["flagged"], result["matches"], result["signals"]) == (True, [], ["mixed_scripts"])


def test_clearly_different_date_of_birth_is_not_flagged(api, watchlist):
    parties = [{"name": "Dorian Vexley-Marsh", "kind": "person", "date_of_birth": "2001-06-30"}]

    result = api.post(URL, {"parties": parties}, format="json").json()["results"][0]

    assert result["flagged"] is False


def test_only_a_count_is_recorded(api, watchlist):
    api.post(URL, {"parties": [{"name": "Dorian Vexley Marsh", "kind": "person"}]}, format="json")

    record = AuditRecord.objects.get(action="names.screened")
    assert record.data == {"names": 1, "flagged": 1, "source_versions": [watchlist.pk]}
    assert "Vexley" not in str(record.data)


def test_at_most_100_parties(api, watchlist):
    parties = [{"name": f"Person {n}", "kind": "person"} for n in range(101)]

    response = api.post(URL, {"parties": parties}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "parties": {"non_field_errors": ["Ensure this field has no more than 100 elements."]}
    }


def test_100_parties_are_accepted(api, watchlist):
    parties = [{"name": f"Person {n}", "kind": "person"} for n in range(100)]

    assert len(api.post(URL, {"parties": parties}, format="json").json()["results"]) == 100


def test_empty_request_is_400(api, watchlist):
    response = api.post(URL, {"parties": []}, format="json")

    assert response.status_code == 400
    assert response.json() == {"parties": {"non_field_errors": ["This list may not be empty."]}}


def test_needs_a_key(watchlist):
    assert APIClient().post(URL, {"parties": []}, format="json").status_code == 401


def test_cava_cannot_screen_bare_names(watchlist):
    client = APIClient()
    client.force_login(make_user("cava", Role.CAVA_REPORTER))

    response = client.post(URL, {"parties": [{"name": "X Y", "kind": "person"}]}, format="json")

    assert response.status_code == 403


def test_a_kind_in_the_wrong_case_is_refused_naming_the_kinds(api, watchlist):
    response = api.post(URL, {"parties": [{"name": "Jane Greenwood", "kind": "Person"}]}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "parties": {"0": {"kind": ['"Person" is not a valid choice. Choose one of: person, organisation.']}}
    }
