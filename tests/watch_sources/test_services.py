import json
from datetime import date

import pytest

from callers import ManagementCommand
from tests.helpers import SHARED, SOURCE_FIXTURES
from watch_sources.enums import VersionStatus
from watch_sources.models import Source, SourceVersion
from watch_sources.services import (
    SourceHeld,
    SourceImportError,
    source_expire_reviews,
    source_import,
    version_confirm,
)
from watch_sources.signals import version_published

pytestmark = pytest.mark.django_db


def import_fixture(slug: str, name: str, fmt: str, **kwargs):
    return source_import(slug=slug, origin=str(SOURCE_FIXTURES / name), fmt=fmt, **kwargs)


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """Versions announced by `version_published`, with the commit callbacks run."""
    seen = []

    def receiver(sender, *, version, removed, **kwargs):
        seen.append((version.number, removed))

    version_published.connect(receiver)
    yield seen
    version_published.disconnect(receiver)


def test_import_publishes_version_with_counts_checksum_and_diff():
    version = import_fixture("un", "un_consolidated.xml", "un-xml").version

    assert (version.number, version.status, version.entry_count, version.name_count) == (
        1,
        VersionStatus.LIVE,
        3,
        10,
    )
    assert len(version.checksum) == 64
    assert version.diff == {
        "previous": None,
        "added": ["QDe.901", "QDi.901", "QDi.902"],
        "removed": [],
        "changed": [],
    }


def test_second_import_diffs_against_previous_and_supersedes_it():
    first = import_fixture("un", "un_consolidated.xml", "un-xml").version

    second = import_fixture("un", "un_consolidated_v2.xml", "un-xml").version

    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert second.diff == {
        "previous": 1,
        "added": ["QDi.903"],
        "removed": ["QDi.902"],
        "changed": ["QDi.901"],
    }
    assert list(first.entries.values_list("entry_id", flat=True).order_by("entry_id")) == [
        "QDe.901",
        "QDi.901",
        "QDi.902",
    ]


def test_unchanged_file_makes_no_version():
    import_fixture("un", "un_consolidated.xml", "un-xml")

    outcome = import_fixture("un", "un_consolidated.xml", "un-xml")

    assert outcome.created is False
    assert SourceVersion.objects.count() == 1


def test_malformed_file_publishes_nothing_and_keeps_live_version(tmp_path):
    live = import_fixture("un", "un_consolidated.xml", "un-xml").version
    broken = tmp_path / "broken.xml"
    broken.write_bytes((SOURCE_FIXTURES / "un_consolidated.xml").read_bytes()[:1500])

    with pytest.raises(SourceImportError, match="un: cannot parse: malformed XML"):
        source_import(slug="un", origin=str(broken), fmt="un-xml")

    assert list(SourceVersion.objects.values_list("pk", "status")) == [(live.pk, "live")]


def test_file_dropping_most_entries_is_held_not_published(tmp_path, published):
    import_fixture(
        "un",
        "un_consolidated.xml",
        "un-xml",
    )
    small = tmp_path / "small.xml"
    text = (SOURCE_FIXTURES / "un_consolidated.xml").read_text()
    small.write_text(
        text[: text.index("    <INDIVIDUAL>\n      <DATAID>900002")]
        + "  </INDIVIDUALS>\n</CONSOLIDATED_LIST>\n"
    )

    with pytest.raises(SourceHeld, match=r"since confirmed version 1 \(3 entries\), 2 removed and 0 renamed"):
        source_import(slug="un", origin=str(small), fmt="un-xml")

    assert list(SourceVersion.objects.values_list("number", "status")) == [(2, "held"), (1, "live")]


def test_confirming_held_version_publishes_it(tmp_path, django_capture_on_commit_callbacks):
    import_fixture("un", "un_consolidated.xml", "un-xml")
    small = tmp_path / "small.xml"
    small.write_bytes(
        (SOURCE_FIXTURES / "un_consolidated.xml")
        .read_bytes()
        .replace(b"<UN_LIST_TYPE>Al-Qaida", b"<UN_LIST_TYPE>Other", 2)
    )
    with pytest.raises(SourceHeld) as held:
        source_import(slug="un", origin=str(small), fmt="un-xml")

    version = version_confirm(version=held.value.version, by=ManagementCommand("confirm_version"))

    assert version.status == VersionStatus.LIVE
    assert version.diff["removed"] == ["QDi.901", "QDi.902"]
    assert Source.objects.get(slug="un").live_version == version


def test_publishing_announces_after_commit(django_capture_on_commit_callbacks, published):
    with django_capture_on_commit_callbacks(execute=True):
        import_fixture("un", "un_consolidated.xml", "un-xml")
    with django_capture_on_commit_callbacks(execute=True):
        import_fixture("un", "un_consolidated_v2.xml", "un-xml")

    assert published == [(1, []), (2, ["QDi.902"])]


def test_delta_file_applies_to_live_version_as_new_version():
    import_fixture("proscribed", "proscribed_orgs.ftm.jsonl", "ftm")

    version = import_fixture("proscribed", "delta_update.ftm.delta.json", "ftm").version

    assert version.number == 2
    assert version.diff == {
        "previous": 1,
        "added": ["gb-proscribed-fixture-4"],
        "removed": ["gb-proscribed-fixture-2"],
        "changed": ["gb-proscribed-fixture-3"],
    }
    assert version.report == {"delta": {"feed_version": "", "ADD": 2, "MOD": 1, "DEL": 1}}
    kestrel = version.entries.get(entry_id="gb-proscribed-fixture-3")
    assert [n["name"] for n in kestrel.names] == ["Kestrel Partisans", "Kestrel Armed Partisans"]


def test_delta_without_live_version_is_refused():
    with pytest.raises(SourceImportError, match="a delta needs a live version"):
        import_fixture("proscribed", "delta_update.ftm.delta.json", "ftm")


def test_local_entries_past_review_by_are_reported_and_not_used():
    version = import_fixture("local", "local_list.csv", "csv").version

    assert sorted(version.entries.values_list("entry_id", flat=True)) == ["LOCAL-1", "LOCAL-2"]
    assert version.report == {
        "expired": [{"entry_id": "LOCAL-3", "caption": "Idris Wellcombe-Tarn", "review_by": "2020-01-31"}]
    }


def test_local_list_without_justification_publishes_nothing():
    with pytest.raises(SourceImportError, match="line 2: justification required"):
        import_fixture("local", "local_list_missing_justification.csv", "csv")

    assert SourceVersion.objects.count() == 0


def test_expiring_reviews_takes_entries_out_of_use_as_new_version():
    import_fixture("local", "local_list.csv", "csv")
    source = Source.objects.get(slug="local")

    outcome = source_expire_reviews(source=source, today=date(2099, 7, 1))

    assert outcome.created is True
    assert outcome.version.diff["removed"] == ["LOCAL-2"]
    assert [e["entry_id"] for e in outcome.version.report["expired"]] == ["LOCAL-3", "LOCAL-2"]
    assert source_expire_reviews(source=source, today=date(2099, 7, 1)).created is False


def test_format_mismatch_is_refused():
    import_fixture("un", "un_consolidated.xml", "un-xml")

    with pytest.raises(SourceImportError, match="source un is in format un-xml, not ftm"):
        import_fixture("un", "proscribed_orgs.ftm.jsonl", "ftm")


def test_same_file_with_other_options_is_new_content():
    import_fixture("un", "un_consolidated.xml", "un-xml")
    Source.objects.filter(slug="un").update(options={"list_types": ["*"]})

    version = import_fixture("un", "un_consolidated.xml", "un-xml").version

    assert (version.number, version.entry_count, version.diff["added"]) == (2, 4, ["CDi.901"])


@pytest.mark.skipif(not (SHARED / "data").exists(), reason="../shared/data not present")
def test_real_delta_feed_applies_on_top_of_real_export():
    data = SHARED / "data"
    source_import(slug="os", origin=str(data / "opensanctions_ftm_eu_fsf_sample_t1.ftm.jsonl"), fmt="ftm")
    feed = sorted((data / "opensanctions_delta_t2").glob("*.entities.delta.json"))

    versions = [
        source_import(slug="os", origin=str(path), fmt="ftm").version
        for path in feed
        if path.stat().st_size  # the feed has an empty delta: nothing to apply
    ]

    assert [
        (v.number, v.entry_count, v.diff["added"], v.diff["removed"], v.diff["changed"]) for v in versions
    ] == [
        (2, 8, ["NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL"], [], []),
        (3, 9, ["NK-500Poltergeist"], [], ["NK-2T3S8Hu29ktYnKSTgQp2wL"]),
        (4, 8, [], ["NK-500Poltergeist"], []),
        (5, 9, ["Q4365364"], [], []),
    ]


def test_an_absurd_name_is_cut_at_import_with_a_line_in_the_report(tmp_path):
    from screening.index import live_index
    from watch_sources.services.bounds import MAX_NAME_LENGTH

    absurd = "Hamas" + "x" * 300_000
    rows = [
        {"id": "ev-1", "schema": "Organization", "properties": {"name": [absurd], "alias": ["Hamas"]}},
        {"id": "ev-2", "schema": "Organization", "properties": {"name": ["Boko Haram"]}},
    ]
    path = tmp_path / "absurd.ftm.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")

    version = source_import(slug="absurd", origin=str(path), fmt="ftm").version
    index = live_index().index

    assert version.report["names_truncated"] == [
        {"entry_id": "ev-1", "length": 300_005, "kept": MAX_NAME_LENGTH}
    ]
    stored = version.entries.get(entry_id="ev-1").names
    assert max(len(n["name"]) for n in stored) == MAX_NAME_LENGTH
    assert len(index) == 3
