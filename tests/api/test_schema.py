import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_schema_is_public_and_openapi_3():
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/bookings/",
        "/api/v1/bookings/{id}/",
        "/api/v1/bookings/{id}/withdraw/",
        "/api/v1/screen/",
    } <= set(schema["paths"])


def test_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))

    assert (tmp_path / "s.yaml").read_text().startswith("openapi: 3")


def test_docs_page_serves_local_assets():
    response = APIClient().get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()
    assert b"cdn" not in response.content.lower()
