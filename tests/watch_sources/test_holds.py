"""A new version is held by what it removes or renames since the last confirmed version."""

import json

import pytest
from django.contrib.auth import get_user_model

from watch_sources.enums import VersionStatus
from watch_sources.models import SourceVersion
from watch_sources.services import SourceHeld, source_import, version_confirm

pytestmark = pytest.mark.django_db


def ftm_file(tmp_path, name: str, people: dict[str, str], *, delta: bool = False):
    """An FtM export (or delta of MOD lines) of Person entities {id: name}."""
    lines = []
    for entity_id, person in people.items():
        entity = {"id": entity_id, "schema": "Person", "properties": {"name": [person]}}
        lines.append(json.dumps({"op": "MOD", "entity": entity} if delta else entity))
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def listed(count: int, *, start: int = 0, prefix: str = "Listed Person") -> dict[str, str]:
    return {f"p{i}": f"{prefix} {i}" for i in range(start, start + count)}


def import_people(tmp_path, name, people, **kwargs):
    return source_import(slug="list", origin=ftm_file(tmp_path, name, people), fmt="ftm", **kwargs)


def statuses():
    return list(SourceVersion.objects.order_by("number").values_list("number", "status"))


def test_replacing_every_entry_with_harmless_names_is_held(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))

    harmless = {f"x{i}": f"Harmless Neighbour {i}" for i in range(100)}  # as many entries as before
    with pytest.raises(SourceHeld, match=r"100 removed and 0 renamed \(100%"):
        import_people(tmp_path, "v2.json", harmless)

    assert statuses() == [(1, VersionStatus.LIVE), (2, VersionStatus.HELD)]


def test_renaming_every_entry_under_the_same_ids_is_held(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))

    with pytest.raises(SourceHeld, match=r"0 removed and 100 renamed"):
        import_people(tmp_path, "v2.json", listed(100, prefix="Harmless Neighbour"))

    assert statuses() == [(1, VersionStatus.LIVE), (2, VersionStatus.HELD)]


def test_delta_renaming_every_entry_is_held(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))
    delta = ftm_file(tmp_path, "delta.json", listed(100, prefix="Harmless Neighbour"), delta=True)

    with pytest.raises(SourceHeld, match=r"delta version 2: .*100 renamed"):
        source_import(slug="list", origin=delta, fmt="ftm")

    assert statuses() == [(1, VersionStatus.LIVE), (2, VersionStatus.HELD)]


def test_two_deletions_of_49_percent_add_up_and_the_second_is_held(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))

    second = import_people(tmp_path, "v2.json", listed(51)).version  # 49 of 100 gone: published
    assert second.status == VersionStatus.LIVE
    with pytest.raises(SourceHeld, match=r"since confirmed version 1 \(100 entries\), 74 removed"):
        import_people(tmp_path, "v3.json", listed(26))  # 25 more gone: 74 of the confirmed 100

    assert statuses() == [(1, "superseded"), (2, "live"), (3, "held")]


def test_renames_and_removals_across_a_delta_and_a_full_file_add_up(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))
    renamed = ftm_file(tmp_path, "delta.json", listed(30, prefix="Other Name"), delta=True)
    source_import(slug="list", origin=renamed, fmt="ftm")  # 30% renamed: published

    with pytest.raises(SourceHeld, match=r"25 removed and 30 renamed \(55%"):
        import_people(tmp_path, "v3.json", {**listed(30, prefix="Other Name"), **listed(45, start=30)})


def test_ordinary_churn_publishes(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))
    churned = {**listed(90), **listed(20, start=100)}  # 10 delisted, 20 new
    churned["p0"] = "Listed Person 0 Junior"  # and one renamed

    version = import_people(tmp_path, "v2.json", churned).version

    assert version.status == VersionStatus.LIVE


def test_confirming_a_held_version_makes_it_the_new_baseline(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))
    with pytest.raises(SourceHeld) as held:
        import_people(tmp_path, "v2.json", listed(40))
    confirmed = version_confirm(
        version=held.value.version, by=get_user_model().objects.create_user("officer")
    )
    assert (confirmed.status, confirmed.confirmed_by) == (VersionStatus.LIVE, "user:officer")

    # Judged against the 40 now confirmed, not the 100 before: 5 of 40 removed is ordinary.
    assert import_people(tmp_path, "v3.json", listed(35)).version.status == VersionStatus.LIVE


def test_forced_import_publishes_and_is_the_new_baseline(tmp_path):
    import_people(tmp_path, "v1.json", listed(100))

    forced = import_people(tmp_path, "v2.json", listed(40), force=True).version

    assert (forced.status, forced.confirmed_by) == (VersionStatus.LIVE, "import --force")
    assert import_people(tmp_path, "v3.json", listed(35)).version.status == VersionStatus.LIVE


def test_unconfirmed_published_versions_do_not_move_the_baseline(tmp_path):
    first = import_people(tmp_path, "v1.json", listed(100)).version
    second = import_people(tmp_path, "v2.json", listed(80)).version

    assert first.confirmed_by == "first version"
    assert second.confirmed_at is None
