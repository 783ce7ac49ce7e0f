from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.helpers import SOURCE_FIXTURES
from watch_sources.models import Source, SourceVersion

pytestmark = pytest.mark.django_db


def test_import_source_publishes_and_reports(capsys):
    call_command("import_source", "un", str(SOURCE_FIXTURES / "un_consolidated.xml"), "--format", "un-xml")

    assert capsys.readouterr().out == "un: version 1 live with 3 entries and 10 names (+3 -0 ~0)\n"


def test_import_source_fails_on_unparseable_file_and_publishes_nothing():
    with pytest.raises(CommandError, match="local: cannot parse: line 2: justification required"):
        call_command(
            "import_source",
            "local",
            str(SOURCE_FIXTURES / "local_list_missing_justification.csv"),
            "--format",
            "csv",
        )

    assert SourceVersion.objects.count() == 0


def test_import_source_fails_when_held(tmp_path):
    call_command("import_source", "un", str(SOURCE_FIXTURES / "un_consolidated.xml"), "--format", "un-xml")
    drc_only = tmp_path / "drc.xml"
    drc_only.write_bytes(
        (SOURCE_FIXTURES / "un_consolidated.xml")
        .read_bytes()
        .replace(b"<UN_LIST_TYPE>Al-Qaida", b"<UN_LIST_TYPE>Other", 2)
    )

    with pytest.raises(CommandError, match="held for confirmation"):
        call_command("import_source", "un", str(drc_only), "--format", "un-xml")

    assert Source.objects.get(slug="un").live_version.number == 1


def test_import_source_reports_expired_local_entries(capsys):
    call_command("import_source", "local", str(SOURCE_FIXTURES / "local_list.csv"), "--format", "csv")

    assert capsys.readouterr().out.splitlines()[1] == (
        "local: LOCAL-3 (Idris Wellcombe-Tarn) passed its review-by date 2020-01-31; "
        "not used until re-confirmed"
    )


def test_configure_source_creates_and_disables(capsys):
    call_command(
        "configure_source",
        "uk",
        "--format",
        "uk-sanctions-csv",
        "--url",
        "https://example.org/UK-Sanctions-List.csv",
        "--options",
        '{"regimes": ["counter-terrorism"]}',
    )
    call_command("configure_source", "uk", "--disable")

    source = Source.objects.get(slug="uk")
    assert (source.format, source.url, source.options, source.enabled) == (
        "uk-sanctions-csv",
        "https://example.org/UK-Sanctions-List.csv",
        {"regimes": ["counter-terrorism"]},
        False,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new"], "format: A new source needs a format."),
        (["new", "--format", "ftm", "--url", "not a url"], "url: Enter a valid URL."),
        (["new", "--format", "ftm", "--options", "[1]"], "--options must be a JSON object"),
    ],
)
def test_configure_source_refuses_bad_input(args, message):
    with pytest.raises(CommandError, match=message.replace("[", r"\[")):
        call_command("configure_source", *args)

    assert Source.objects.count() == 0


def test_import_source_reads_a_url(httpserver, capsys):
    httpserver.expect_request("/proscribed.ftm.json").respond_with_data(
        (SOURCE_FIXTURES / "proscribed_orgs.ftm.jsonl").read_bytes()
    )

    call_command(
        "import_source", "gb-proscribed", httpserver.url_for("/proscribed.ftm.json"), "--format", "ftm"
    )

    assert capsys.readouterr().out == (
        "gb-proscribed: version 1 live with 3 entries and 11 names (+3 -0 ~0)\n"
    )


def test_import_source_fails_on_http_error(httpserver):
    httpserver.expect_request("/gone.json").respond_with_data("gone", status=404)

    with pytest.raises(CommandError, match="/gone.json: HTTP 404"):
        call_command("import_source", "x", httpserver.url_for("/gone.json"), "--format", "ftm")

    assert len(httpserver.log) == 1  # a 404 is not retried
    assert SourceVersion.objects.count() == 0


def test_refresh_sources_expires_local_entries_and_lists_reviews_due(tmp_path, capsys):
    soon = (timezone.localdate() + timedelta(days=7)).isoformat()
    local = tmp_path / "local.csv"
    local.write_text(
        "id,kind,name,aliases,date_of_birth,justification,evidence_ref,review_by\n"
        f"L-1,person,Ambrose Kettleby-Vane,,,Convicted under s.58,PO-1,{soon}\n"
        "L-2,person,Idris Wellcombe-Tarn,,,Police referral,PO-2,2099-01-01\n"
    )
    call_command("import_source", "local", str(local), "--format", "csv")
    capsys.readouterr()
    version = Source.objects.get(slug="local").live_version
    version.entries.filter(entry_id="L-2").update(review_by="2020-01-01")  # time passes

    call_command("refresh_sources")

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "local: version 2 takes 1 entries past review-by out of use",
        f"local: L-1 (Ambrose Kettleby-Vane) needs re-confirming by {soon}",
    ]
    assert list(Source.objects.get(slug="local").live_version.entries.values_list("entry_id", flat=True)) == [
        "L-1"
    ]
