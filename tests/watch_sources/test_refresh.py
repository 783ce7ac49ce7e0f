"""refresh_sources against a real local HTTP server serving the fixture files."""

import json
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from werkzeug import Response

from bookings.models import AuditRecord, Booking
from tests.factories.bookings import booking_payload
from watch_sources.enums import FetchOutcome, VersionStatus
from watch_sources.models import FetchAttempt, Source, SourceVersion
from watch_sources.services import source_configure, source_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def un_source(httpserver):
    return source_configure(slug="un-al-qaida", fmt="un-xml", url=httpserver.url_for("/consolidated.xml"))


def serve(httpserver, path: str, body: bytes, **headers):
    httpserver.clear()
    httpserver.expect_request(path).respond_with_data(body, headers=headers)


def refresh(source: Source, capture) -> FetchAttempt:
    with capture(execute=True):
        return source_refresh(source=Source.objects.get(pk=source.pk))


def live_numbers(slug: str) -> list[int]:
    return list(
        SourceVersion.objects.filter(source__slug=slug, status=VersionStatus.LIVE).values_list(
            "number", flat=True
        )
    )


def test_first_refresh_publishes_a_version(
    httpserver, un_source, fixture_bytes, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    assert (attempt.outcome, attempt.http_status, attempt.version.number) == ("published", 200, 1)
    assert attempt.message == "version 1: 3 entries, 10 names (+3 -0 ~0)"
    assert AuditRecord.objects.filter(action="source.version_published").count() == 1


def test_unchanged_content_makes_no_version(
    httpserver, un_source, fixture_bytes, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    refresh(un_source, django_capture_on_commit_callbacks)

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    assert attempt.outcome == FetchOutcome.UNCHANGED
    assert SourceVersion.objects.count() == 1
    assert AuditRecord.objects.filter(action="source.version_published").count() == 1


def test_etag_makes_a_conditional_get(
    httpserver, un_source, fixture_bytes, django_capture_on_commit_callbacks
):
    seen = []

    def handler(request):
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(fixture_bytes("un_consolidated.xml"), headers={"ETag": '"v1"'})

    httpserver.expect_request("/consolidated.xml").respond_with_handler(handler)
    refresh(un_source, django_capture_on_commit_callbacks)

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    assert seen == [None, '"v1"']
    assert (attempt.outcome, attempt.http_status) == (FetchOutcome.NOT_MODIFIED, 304)
    assert SourceVersion.objects.count() == 1


def test_changed_content_publishes_and_rescreens_upcoming_bookings(
    httpserver, un_source, fixture_bytes, api, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    refresh(un_source, django_capture_on_commit_callbacks)
    booking_id = api.post(
        "/api/v1/bookings/", booking_payload(speakers=["Selwyn Arkwright-Voss"]), format="json"
    ).json()["id"]
    assert Booking.objects.get(public_id=booking_id).status == "cleared"
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated_v2.xml"))

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    booking = Booking.objects.get(public_id=booking_id)
    assert (attempt.outcome, attempt.version.number) == ("published", 2)
    assert booking.status == "flagged"
    run = booking.screening_runs.first()
    assert run.trigger == "source_update"
    assert list(run.matches.values_list("entry__entry_id", flat=True)) == ["QDi.903"]


def test_removed_entry_does_not_clear_booking_under_review_and_is_shown(
    httpserver, un_source, fixture_bytes, api, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    refresh(un_source, django_capture_on_commit_callbacks)
    booking_id = api.post(
        "/api/v1/bookings/", booking_payload(speakers=["Halvard Quinnet"]), format="json"
    ).json()["id"]
    assert Booking.objects.get(public_id=booking_id).status == "flagged"
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated_v2.xml"))

    refresh(un_source, django_capture_on_commit_callbacks)

    assert Booking.objects.get(public_id=booking_id).status == "flagged"
    booking = Booking.objects.get(public_id=booking_id)
    gone = AuditRecord.objects.get(action="booking.matched_entries_gone", object_id=str(booking.pk))
    assert gone.data == {
        "source": "un-al-qaida",
        "version": 2,
        "status": "flagged",
        "entries": [{"entry_id": "QDi.902", "caption": "HALVARD QUINNET", "reason": "removed from source"}],
    }


@pytest.mark.parametrize(
    "failure",
    ["http_500", "timeout", "truncated_xml", "oversize", "html_error_page"],
)
def test_failure_keeps_previous_version_live_and_is_recorded(
    failure, httpserver, un_source, fixture_bytes, settings, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    refresh(un_source, django_capture_on_commit_callbacks)
    httpserver.clear()
    v2 = fixture_bytes("un_consolidated_v2.xml")
    if failure == "http_500":
        httpserver.expect_request("/consolidated.xml").respond_with_data("oops", status=500)
    elif failure == "timeout":
        httpserver.expect_request("/consolidated.xml").respond_with_handler(
            lambda request: (time.sleep(0.8), Response(v2))[1]
        )
    elif failure == "truncated_xml":
        httpserver.expect_request("/consolidated.xml").respond_with_data(v2[: len(v2) // 2])
    elif failure == "oversize":
        settings.SOURCE_MAX_BYTES = 1000
        httpserver.expect_request("/consolidated.xml").respond_with_data(v2)
    else:
        httpserver.expect_request("/consolidated.xml").respond_with_data(
            "<html><body>Maintenance</body></html>", content_type="text/html"
        )

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    assert attempt.outcome == FetchOutcome.FAILED
    assert attempt.message != ""
    assert live_numbers("un-al-qaida") == [1]
    assert SourceVersion.objects.count() == 1


def test_http_500_is_retried(httpserver, un_source, django_capture_on_commit_callbacks):
    httpserver.expect_request("/consolidated.xml").respond_with_data("oops", status=500)

    attempt = refresh(un_source, django_capture_on_commit_callbacks)

    assert len(httpserver.log) == 2
    assert (attempt.http_status, attempt.message) == (
        500,
        f"{un_source.url}: HTTP 500 (after 2 attempts)",
    )


def test_list_dropping_most_entries_is_held(
    httpserver, un_source, fixture_bytes, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    refresh(un_source, django_capture_on_commit_callbacks)
    only_drc = fixture_bytes("un_consolidated.xml").replace(
        b"<UN_LIST_TYPE>Al-Qaida", b"<UN_LIST_TYPE>Other", 2
    )
    serve(httpserver, "/consolidated.xml", only_drc)

    first = refresh(un_source, django_capture_on_commit_callbacks)
    again = refresh(un_source, django_capture_on_commit_callbacks)

    assert (first.outcome, first.version.status) == ("held", "held")
    assert (again.outcome, again.version_id) == ("held", first.version_id)
    assert live_numbers("un-al-qaida") == [1]


def test_delta_feed_refresh_applies_only_new_deltas(
    httpserver, fixture_bytes, django_capture_on_commit_callbacks
):
    def index(*versions):
        return json.dumps({"versions": {v: httpserver.url_for(f"/{v}.delta.json") for v in versions}})

    httpserver.expect_request("/full.ftm.jsonl").respond_with_data(fixture_bytes("proscribed_orgs.ftm.jsonl"))
    httpserver.expect_request("/delta.json").respond_with_data(index("20260301-aaa"))
    source = source_configure(
        slug="gb-proscribed",
        fmt="ftm",
        url=httpserver.url_for("/full.ftm.jsonl"),
        options={"delta_url": httpserver.url_for("/delta.json")},
    )
    refresh(source, django_capture_on_commit_callbacks)
    httpserver.clear()
    httpserver.expect_request("/delta.json").respond_with_data(index("20260301-aaa", "20260302-bbb"))
    httpserver.expect_request("/20260302-bbb.delta.json").respond_with_data(
        fixture_bytes("delta_update.ftm.delta.json")
    )

    attempt = refresh(source, django_capture_on_commit_callbacks)

    source.refresh_from_db()
    assert attempt.outcome == "published"
    assert attempt.version.report["delta"] == {
        "feed_version": "20260302-bbb",
        "ADD": 2,
        "MOD": 1,
        "DEL": 1,
    }
    assert source.feed_version == "20260302-bbb"
    assert [request.path for request, _ in httpserver.log] == [
        "/delta.json",
        "/20260302-bbb.delta.json",
    ]


def test_refresh_sources_command_exits_non_zero_on_failure(
    httpserver, un_source, fixture_bytes, django_capture_on_commit_callbacks
):
    httpserver.expect_request("/consolidated.xml").respond_with_data("oops", status=503)

    with pytest.raises(CommandError, match="1 source\\(s\\) failed or were held"):
        call_command("refresh_sources")

    assert FetchAttempt.objects.get().outcome == "failed"


def test_refresh_sources_command_reports_published_version(
    httpserver, un_source, fixture_bytes, capsys, django_capture_on_commit_callbacks
):
    serve(httpserver, "/consolidated.xml", fixture_bytes("un_consolidated.xml"))
    source_configure(slug="disabled", fmt="ftm", url=httpserver.url_for("/nothing"), enabled=False)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("refresh_sources")

    out = capsys.readouterr().out
    assert "un-al-qaida: new version published: version 1: 3 entries, 10 names (+3 -0 ~0)" in out
    assert [request.path for request, _ in httpserver.log] == ["/consolidated.xml"]
