import pytest
from django.contrib.auth import get_user_model

from tests.factories.watch_sources import FetchAttemptFactory
from tests.helpers import SOURCE_FIXTURES
from watch_sources.models import Source, SourceVersion
from watch_sources.services import SourceHeld, source_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def two_versions():
    source_import(slug="un", origin=str(SOURCE_FIXTURES / "un_consolidated.xml"), fmt="un-xml")
    return source_import(
        slug="un", origin=str(SOURCE_FIXTURES / "un_consolidated_v2.xml"), fmt="un-xml"
    ).version


def test_version_page_shows_diff_with_entry_names(admin_client, two_versions):
    response = admin_client.get(f"/admin/watch_sources/sourceversion/{two_versions.pk}/change/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "QDi.903 SELWYN ARKWRIGHT-VOSS" in html
    assert "QDi.902 HALVARD QUINNET" in html
    assert "QDi.901 ORVELL TASKERAN BRENNICK" in html


@pytest.mark.parametrize("page", ["source", "sourceversion", "sourceentry", "fetchattempt"])
def test_changelists_render(admin_client, two_versions, page):
    FetchAttemptFactory(
        source=two_versions.source, url="https://example.org/x.xml", outcome="failed", message="HTTP 500"
    )

    response = admin_client.get(f"/admin/watch_sources/{page}/")

    assert response.status_code == 200


def test_admin_action_confirms_held_version(admin_client, two_versions, tmp_path):
    small = tmp_path / "small.xml"
    small.write_bytes(
        (SOURCE_FIXTURES / "un_consolidated_v2.xml")
        .read_bytes()
        .replace(b"<UN_LIST_TYPE>Al-Qaida", b"<UN_LIST_TYPE>Other", 2)
    )
    with pytest.raises(SourceHeld) as held:
        source_import(slug="un", origin=str(small), fmt="un-xml")

    response = admin_client.post(
        "/admin/watch_sources/sourceversion/",
        {"action": "confirm_held", "_selected_action": [held.value.version.pk]},
    )

    assert response.status_code == 302
    assert Source.objects.get(slug="un").live_version.number == 3
    assert SourceVersion.objects.get(number=2).status == "superseded"
