import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from watch_sources.models import Source, SourceVersion

from .conftest import SOURCE_FIXTURES

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
