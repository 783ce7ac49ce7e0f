"""The report page, its exports and the API: who may see them, what they hold."""

import csv
import io
import json
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from bookings.intake.services import booking_create
from bookings.roles import Role
from tests.factories.bookings import make_user
from tests.helpers import key_client
from tests.reports.helpers import local

pytestmark = pytest.mark.django_db

PAGE = "/reports/coverage/"
CSV = "/reports/coverage.csv"
JSON = "/reports/coverage.json"
API = "/api/v1/reports/coverage/"
PERIOD_QUERY = "?from=2026-01-01&to=2026-03-31"


def logged_in(client, role, venue=None):
    client.force_login(make_user(f"user-{role}", role, venue))
    return client


@pytest.mark.parametrize("role", [Role.CAVA_REPORTER, Role.PREVENT_OFFICER, Role.ADMIN])
@pytest.mark.parametrize("url", [PAGE, CSV, JSON, API])
def test_reporters_officers_and_administrators_see_reports(client, coverage_fixture, role, url):
    response = logged_in(client, role).get(url + PERIOD_QUERY)

    assert response.status_code == 200


@pytest.mark.parametrize("url", [PAGE, CSV, JSON, API])
def test_venue_staff_are_refused(client, venue, url):
    response = logged_in(client, Role.VENUE_STAFF, venue).get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("url", [PAGE, CSV, JSON])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url + PERIOD_QUERY)

    assert response.status_code == 302
    assert response["Location"] == (f"/accounts/login/?next={url}%3Ffrom%3D2026-01-01%26to%3D2026-03-31")


def test_anonymous_api_call_is_unauthorised(db):
    assert APIClient().get(API).status_code == 401


def test_api_key_cannot_read_reports(venue):
    response = key_client(venue).get(API)

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only CAVA reporters, Prevent Officers and administrators can see reports."
    }


def test_api_gives_the_same_figures_as_the_json_export(client, coverage_fixture):
    logged_in(client, Role.CAVA_REPORTER)

    from_api = client.get(API + PERIOD_QUERY).json()
    exported = json.loads(client.get(JSON + PERIOD_QUERY).content)

    from_api.pop("generated_at"), exported.pop("generated_at")
    assert from_api == exported
    assert from_api["period"] == {"from": "2026-01-01", "to": "2026-03-31", "notice_days": 14}
    assert from_api["groupings"][0]["rows"][1]["screened"] == "fewer than 5"


def test_csv_export_is_one_figure_per_line_numbers_apart_from_markers(client, coverage_fixture):
    response = logged_in(client, Role.CAVA_REPORTER).get(CSV + PERIOD_QUERY)
    rows = list(csv.reader(io.StringIO(response.content.decode())))

    assert response["Content-Disposition"] == ('attachment; filename="coverage-2026-01-01-to-2026-03-31.csv"')
    assert rows[0] == ["section", "group", "group_label", "figure", "value", "marker"]
    assert rows[1] == ["report", "", "", "period_from", "2026-01-01", ""]
    assert ["district", "Riverside", "Riverside", "screened", "", "fewer than 5"] in rows
    assert ["district", "total", "All venues", "flagged", "5", ""] in rows
    assert ["prevent_monitoring", "", "", "appeals_lodged", "0", ""] in rows
    assert ["prevent_monitoring", "", "", "false_positive_share", "", "no matches judged"] in rows
    assert not any(r[4] in {"1", "2", "3", "4"} for r in rows[5:] if r[0] != "sources")
    figures = [r for r in rows[5:] if r[0] not in ("sources",)]
    assert all(r[4] == "" or _is_number(r[4]) for r in figures)  # numbers only in `value`
    assert all((r[4] == "") != (r[5] == "") for r in figures)  # a value or a marker, never both


def test_page_shows_headings_charts_and_protected_figures(client, coverage_fixture):
    response = logged_in(client, Role.CAVA_REPORTER).get(PAGE + PERIOD_QUERY)
    html = response.content.decode()

    assert "<h1>Venue screening coverage</h1>" in html
    assert html.count("<svg ") == 2
    assert "<title>Bookings screened per month</title>" in html
    assert "<title>Flag rate per district</title>" in html
    assert "1 January 2026 to 31 March 2026" in html
    assert '<td class="hidden">fewer than 5</td>' in html
    assert '<td class="hidden">no matches judged</td>' in html
    assert "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("?from=2026-03-01&to=2026-01-01", "to", "The end of the period must not be before its start."),
        ("?from=5/1/2026", "from", "Enter a date as YYYY-MM-DD."),
        ("?notice_days=-1", "notice_days", "Ensure this value is greater than or equal to 0."),
        ("?from=2010-01-01&to=2026-01-01", "to", "A report covers at most 1830 days."),
    ],
)
def test_bad_period_is_a_400_naming_the_field(client, db, query, field, message):
    logged_in(client, Role.CAVA_REPORTER)

    api = client.get(API + query)
    export = client.get(JSON + query)
    page = client.get(PAGE + query)

    assert api.status_code == 400
    assert api.json() == {field: [message]}
    assert export.status_code == 400
    assert export.json() == {"errors": {field: [message]}}
    assert page.status_code == 400
    assert message in page.content.decode()


DISTINCTIVE = [
    "Zephyrine Quillfeather",
    "Oberon Kettleworth Trust",
    "Marisol Vantablack",
    "Symposium on Glasswing Moths",
    "Bring your own teapot and ukulele",
    "quillfeather@example.org",
    "HB-SECRET-7731",
    "Posters in the Glasswing cafe",
    "Changed our minds about the moths",
]


@pytest.fixture
def bookings_with_personal_data(watchlist):
    from tests.factories.bookings import VenueFactory

    venue = VenueFactory(district="Northfield", created_at=local(2025, 1, 1))
    for n in range(6):
        starts = local(2026, 2, 10 + n, 18)
        booking, _ = booking_create(
            venue=venue,
            external_ref=f"HB-SECRET-773{n}",
            by=None,
            event={
                "title": "Symposium on Glasswing Moths",
                "description": "Bring your own teapot and ukulele",
                "promotion": "Posters in the Glasswing cafe",
                "is_public": True,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
            },
            hirer={
                "name": "Oberon Kettleworth Trust",
                "kind": "organisation",
                "contact_name": "Zephyrine Quillfeather",
                "contact_email": "quillfeather@example.org",
            },
            parties=[
                {"name": "Marisol Vantablack", "kind": "person", "role": "speaker"},
                {"name": "Dorian Vexley Marsh", "kind": "person", "role": "speaker"},
            ],
        )
    from bookings.intake.services import booking_withdraw

    booking_withdraw(booking=booking, reason="Changed our minds about the moths", by=None)


def test_no_output_contains_any_name_or_text_of_a_booking(client, bookings_with_personal_data):
    logged_in(client, Role.CAVA_REPORTER)
    today_query = "?from=2020-01-01&to=2026-12-31"

    outputs = [client.get(url + today_query).content.decode() for url in (PAGE, CSV, JSON, API)]

    assert [r for r in outputs if "Dorian" in r or "Vexley" in r] == []
    for text in DISTINCTIVE:
        assert [n for n, body in enumerate(outputs) if text.lower() in body.lower()] == []


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
