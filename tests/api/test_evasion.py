"""The evasion suite: every trick of tests/evasion.py, for several listed names,
through the API. Each booking must come back `flagged`: a person looks."""

import pytest

from tests.evasion import ORDINARY_TEXTS, TRICKS, Listed, base_request
from tests.helpers import FIXTURES
from watch_sources.services import source_import

pytestmark = pytest.mark.django_db

URL = "/api/v1/bookings/"

LISTED = {
    "organisation": [
        Listed("Hamas", "organisation"),
        Listed("Boko Haram", "organisation"),
        Listed("Sonnenkrieg Division", "organisation"),
    ],
    "person": [Listed("Tobias Ferrowmere", "person"), Listed("Ingrid Valsdottir Krane", "person")],
    "acronym": [Listed("PKK", "organisation"), Listed("HuM", "organisation")],
}

CASES = [
    pytest.param(trick, listed, id=f"{trick.klass}: {trick.name}: {listed.name}")
    for trick in TRICKS
    for kind in trick.applies_to
    for listed in LISTED[kind]
]


@pytest.fixture
def evasion_watchlist(db):
    return source_import(
        slug="evasion", origin=str(FIXTURES / "evasion_watchlist.ftm.jsonl"), fmt="ftm"
    ).version


@pytest.mark.parametrize(("trick", "listed"), CASES)
def test_every_trick_is_flagged(api, evasion_watchlist, trick, listed):
    response = api.post(URL, trick.build(listed), format="json")

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "flagged"


@pytest.mark.parametrize("text", ORDINARY_TEXTS)
def test_an_ordinary_sentence_flags_nothing(api, evasion_watchlist, text):
    body = base_request()
    body["event"]["description"] = text

    assert api.post(URL, body, format="json").json()["status"] == "cleared"


def test_the_honest_names_of_ordinary_people_are_cleared(api, evasion_watchlist):
    body = base_request()
    body["parties"] = [
        {"name": "Tobias Fenwick", "kind": "person", "role": "speaker"},
        {
            "name": "Ingrid Hansen",
            "kind": "person",
            "role": "speaker",
            "organisation": "Hamilton Sports Club",
        },
    ]

    assert api.post(URL, body, format="json").json()["status"] == "cleared"
