"""Every name a booking carries is screened, through the API: the hirer and its
contact, each party's name and organisation, the event's title, description and
promotion; a PATCH to any of them screens again. Each test here is a finding of
issue 13 that the old code let through."""

import pytest
from rest_framework.test import APIClient

from bookings.roles import Role
from screening.models import Match, ScreeningRun
from tests.factories.bookings import booking_payload, make_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"
LISTED_ORG = "Hizb ut-Tahrir"  # t-org-2 in tests/fixtures/watchlist.ftm.jsonl
LISTED_PERSON = "Corwin Hallstrand"  # t-per-2


def submit(api, payload) -> dict:
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def subjects(booking_id=None) -> list[tuple[str, str]]:
    return sorted((m.subject, m.matched_name) for m in Match.objects.all())


def test_a_listed_organisation_in_a_partys_organisation_flags(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [
        {"name": "Sam Okafor", "kind": "person", "role": "speaker", "organisation": LISTED_ORG}
    ]

    body = submit(api, payload)

    assert body["status"] == "flagged"
    assert subjects() == [("party_organisation", "Hizb ut-Tahrir")]


def test_a_listed_person_as_the_hirers_contact_flags(api, watchlist):
    payload = booking_payload()
    payload["hirer"]["contact_name"] = LISTED_PERSON

    body = submit(api, payload)

    assert body["status"] == "flagged"
    assert subjects() == [("hirer_contact", "Corwin Hallstrand")]


def test_a_listed_name_in_the_promotion_text_flags(api, watchlist):
    body = submit(api, booking_payload(promotion="Posters: come and hear Hizb ut-Tahrir speak"))

    assert body["status"] == "flagged"
    match = Match.objects.get()
    assert (match.subject, match.matched_name, match.explanation["field"]) == (
        "event_text",
        "Hizb ut-Tahrir",
        "promotion",
    )


def test_a_listed_organisation_sent_as_a_person_flags(api, watchlist):
    payload = booking_payload()
    payload["hirer"] = {"name": LISTED_ORG, "kind": "person"}

    assert submit(api, payload)["status"] == "flagged"


def test_a_listed_person_sent_as_an_organisation_flags(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": LISTED_PERSON, "kind": "organisation", "role": "organiser"}]

    assert submit(api, payload)["status"] == "flagged"


@pytest.mark.parametrize(
    "change",
    [
        {"hirer": {"contact_name": LISTED_PERSON}},
        {"event": {"promotion": "Leaflets from Hizb ut-Tahrir"}},
        {
            "parties": [
                {"name": "Sam Okafor", "kind": "person", "role": "speaker", "organisation": LISTED_ORG}
            ]
        },
    ],
    ids=["contact_name", "promotion", "organisation"],
)
def test_a_patch_to_any_screened_name_screens_again(api, watchlist, change):
    booking = submit(api, booking_payload())
    assert booking["status"] == "cleared"

    response = api.patch(f"{URL}{booking['id']}/", change, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "flagged"
    assert ScreeningRun.objects.count() == 2


def test_a_name_that_reads_as_nothing_goes_to_a_person(api, watchlist):
    payload = booking_payload()
    # Adlam letters: a real script, but one the transliterator does not know.
    payload["parties"] = [
        {"name": "\U0001e900\U0001e923\U0001e924\U0001e922\U0001e925", "kind": "person", "role": "speaker"}
    ]

    body = submit(api, payload)

    assert body["status"] == "flagged"
    run = ScreeningRun.objects.get()
    assert [(s["subject"], s["party"], s["signals"]) for s in run.signals] == [
        ("party", 1, ["reads_as_nothing"])
    ]
    assert Match.objects.count() == 0


def test_a_name_mixing_scripts_inside_a_word_goes_to_a_person(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": "Priуa Natarajan", "kind": "person", "role": "speaker"}]  # Cyrillic у

    body = submit(api, payload)

    assert body["status"] == "flagged"
    assert [s["signals"] for s in ScreeningRun.objects.get().signals] == [["mixed_scripts"]]


def test_a_match_discounted_by_date_of_birth_leaves_a_trace_for_the_officer(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [
        {"name": "Dorian Vexley-Marsh", "kind": "person", "role": "speaker", "date_of_birth": "2001-06-30"}
    ]

    body = submit(api, payload)

    assert body["status"] == "cleared"  # the venue is told "no match"
    assert "discounted" not in str(body)
    [trace] = ScreeningRun.objects.get().discounted
    assert trace == {
        "subject": "party",
        "party": 1,
        "query_name": "Dorian Vexley-Marsh",
        "source": "test-watchlist",
        "entry_id": "t-per-1",
        "matched_name": "Dorian Vexley-Marsh",
        "name_score": 1.0,
        "query_date_of_birth": "2001-06-30",
        "entry_dates_of_birth": ["1979-03-14"],
        "outcome": "considered and discounted: date of birth differs",
    }


def officer_view(booking_id: str) -> dict:
    client = APIClient()
    client.force_login(make_user("olive", Role.PREVENT_OFFICER))
    response = client.get(f"{URL}{booking_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_the_officer_api_shows_names_a_person_must_read_in_words(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [{"name": "Priуa Natarajan", "kind": "person", "role": "speaker"}]  # Cyrillic у
    body = submit(api, payload)

    seen = officer_view(body["id"])

    assert seen["name_signals"] == [
        {
            "subject": "party",
            "party": 1,
            "name": "Priуa Natarajan",
            "signals": ["mixed_scripts"],
            "explanation": ["mixes letters of different scripts inside a word, as disguised names do"],
        }
    ]
    assert seen["discounted_matches"] == []
    venue_seen = api.get(f"{URL}{body['id']}/").json()
    assert "name_signals" not in venue_seen and "discounted_matches" not in venue_seen


def test_the_officer_api_shows_a_match_discounted_by_date_of_birth(api, watchlist):
    payload = booking_payload()
    payload["parties"] = [
        {"name": "Dorian Vexley-Marsh", "kind": "person", "role": "speaker", "date_of_birth": "2001-06-30"}
    ]
    body = submit(api, payload)

    seen = officer_view(body["id"])

    assert [
        (d["matched_name"], d["entry_dates_of_birth"], d["outcome"]) for d in seen["discounted_matches"]
    ] == [("Dorian Vexley-Marsh", ["1979-03-14"], "considered and discounted: date of birth differs")]
    assert seen["name_signals"] == []
    assert "discounted" not in str(api.get(f"{URL}{body['id']}/").json())


def test_the_officer_list_leaves_signals_and_discounted_matches_to_the_detail(api, watchlist):
    submit(api, booking_payload())
    client = APIClient()
    client.force_login(make_user("olive", Role.PREVENT_OFFICER))

    [row] = client.get(URL).json()["results"]

    assert (row["name_signals"], row["discounted_matches"], row["matches"]) == (None, None, None)
