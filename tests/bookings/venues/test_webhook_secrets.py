"""Webhook secrets: required with a URL, made by the service, shown once, never again."""

import json
import re

import pytest
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from rest_framework.test import APIRequestFactory

from api.authentication import ApiKeyAuthentication
from bookings.models import AuditRecord, Venue, WebhookAlert
from bookings.venues.services import venue_get_or_create, venue_save, venue_webhook_secret_rotate
from bookings.webhook_secrets import MIN_SECRET_LENGTH, webhook_secret_is_strong
from tests.factories.bookings import give_webhook, venue_admin_form_data

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.216.34/hook"  # a public address literal: no DNS needed


def _shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- required ----------------------------------------------------------------------------


@pytest.mark.parametrize("secret", ["", "s3cret", "x" * (MIN_SECRET_LENGTH - 1)])
def test_a_venue_cannot_be_stored_with_a_webhook_url_and_a_weak_secret(venue, secret):
    venue.webhook_url, venue.webhook_secret = PUBLIC_URL, secret

    with pytest.raises(IntegrityError), transaction.atomic():
        venue.save()

    venue.refresh_from_db()
    assert (venue.webhook_url, venue.webhook_secret) == ("", "")


def test_a_bulk_update_cannot_empty_the_secret_of_a_venue_with_a_url(venue):
    give_webhook(venue, PUBLIC_URL)

    with pytest.raises(IntegrityError), transaction.atomic():
        Venue.objects.filter(pk=venue.pk).update(webhook_secret="")

    venue.refresh_from_db()
    assert webhook_secret_is_strong(venue.webhook_secret)


def test_full_clean_names_the_missing_secret(venue):
    venue.webhook_url = PUBLIC_URL

    with pytest.raises(ValidationError) as refused:
        venue.full_clean()

    assert refused.value.messages == ["A venue with a webhook URL needs a secret made by the service."]


def test_the_venue_service_refuses_a_url_without_a_secret_and_stores_nothing():
    with pytest.raises(ValidationError):
        venue_get_or_create(name="Dockside Hall", webhook_url=PUBLIC_URL)

    assert not Venue.objects.filter(name="Dockside Hall").exists()


def test_a_venue_without_a_webhook_needs_no_secret(venue):
    venue.full_clean()
    venue.save()

    assert venue.webhook_secret == ""


# --- made by the service ----------------------------------------------------------------------


def test_saving_a_url_makes_a_strong_secret_and_audits_it_without_the_secret(venue):
    venue.webhook_url = PUBLIC_URL

    secret = venue_save(venue=venue, by=None)

    venue.refresh_from_db()
    assert venue.webhook_secret == secret
    assert len(secret) >= MIN_SECRET_LENGTH
    record = AuditRecord.objects.get(action="venue.webhook_secret_made")
    assert record.data == {"venue": venue.slug}
    assert secret not in str(record.data)


def test_saving_again_keeps_the_secret_and_shows_nothing(venue):
    secret = give_webhook(venue, PUBLIC_URL)
    venue.district = "Old Town"

    assert venue_save(venue=venue, by=None) is None

    venue.refresh_from_db()
    assert venue.webhook_secret == secret


def test_two_secrets_are_never_the_same(venue, other_venue):
    assert venue_webhook_secret_rotate(venue=venue, by=None) != venue_webhook_secret_rotate(
        venue=other_venue, by=None
    )


# --- the admin: shown once, never editable, never rendered back ------------------------------


def test_admin_save_of_a_url_shows_the_new_secret_once(admin_client, venue):
    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/", venue_admin_form_data(venue, webhook_url=PUBLIC_URL)
    )

    assert response.status_code == 200  # the page answering the save shows it: no redirect
    venue.refresh_from_db()
    secret = venue.webhook_secret
    assert webhook_secret_is_strong(secret)
    page = response.content.decode()
    assert page.count(secret) == 1
    assert f"New webhook secret for {venue}" in page and "It is not shown again" in page
    assert_kept_nowhere_but_the_page(admin_client, response, secret)
    assert secret not in admin_client.get("/admin/bookings/venue/").content.decode()


def test_the_secret_is_on_no_admin_page_after_it_was_made(admin_client, venue):
    secret = give_webhook(venue, PUBLIC_URL)

    pages = [
        f"/admin/bookings/venue/{venue.pk}/change/",
        "/admin/bookings/venue/",
        f"/admin/bookings/venue/{venue.pk}/history/",
    ]

    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200
        assert secret not in response.content.decode()
    change_page = admin_client.get(pages[0])
    assert "webhook_secret" not in change_page.context["adminform"].form.fields
    assert "Set. It was shown once, when made" in change_page.content.decode()


@pytest.mark.parametrize("pasted", ["", "s3cret", "a" * 60])
def test_a_secret_pasted_into_the_admin_form_is_ignored(admin_client, venue, pasted):
    """A careless (or hostile) admin posting a secret of their own changes nothing."""
    secret = give_webhook(venue, PUBLIC_URL)

    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/",
        venue_admin_form_data(venue, webhook_url=PUBLIC_URL, webhook_secret=pasted),
    )

    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.webhook_secret == secret
    assert not [m for m in _shown(response) if "webhook secret" in m]


def test_admin_adding_a_venue_with_a_url_makes_its_secret(admin_client):
    response = admin_client.post(
        "/admin/bookings/venue/add/",
        {"name": "Dockside Hall", "slug": "dockside", "venue_type": "other", "scope_rule": "proportionate"}
        | {"webhook_url": PUBLIC_URL, "webhook_secret": ""},
    )

    assert response.status_code == 200
    venue = Venue.objects.get(slug="dockside")
    assert webhook_secret_is_strong(venue.webhook_secret)
    assert response.content.decode().count(venue.webhook_secret) == 1
    assert_kept_nowhere_but_the_page(admin_client, response, venue.webhook_secret)


def test_admin_action_makes_a_new_secret_and_shows_it_once(admin_client, venue):
    old = give_webhook(venue, PUBLIC_URL)

    response = admin_client.post(
        "/admin/bookings/venue/", {"action": "make_webhook_secret", "_selected_action": [venue.pk]}
    )

    venue.refresh_from_db()
    assert venue.webhook_secret != old
    assert response.status_code == 200
    assert response.content.decode().count(venue.webhook_secret) == 1
    assert_kept_nowhere_but_the_page(admin_client, response, venue.webhook_secret)
    assert venue.webhook_secret not in admin_client.get("/admin/bookings/venue/").content.decode()


def test_an_action_posted_again_makes_another_secret_and_shows_only_that_one(admin_client, venue):
    """A careless reload of the page re-posts the action: the page then shows the secret that counts."""
    give_webhook(venue, PUBLIC_URL)
    action = {"action": "make_webhook_secret", "_selected_action": [venue.pk]}

    first = admin_client.post("/admin/bookings/venue/", action)
    first_secret = Venue.objects.get(pk=venue.pk).webhook_secret
    again = admin_client.post("/admin/bookings/venue/", action)

    venue.refresh_from_db()
    assert first_secret in first.content.decode()
    assert venue.webhook_secret != first_secret
    assert venue.webhook_secret in again.content.decode()
    assert first_secret not in again.content.decode()


def test_a_new_api_key_is_shown_once_on_the_page_and_kept_nowhere_else(admin_client, venue):
    response = admin_client.post(
        "/admin/bookings/venue/", {"action": "issue_api_key", "_selected_action": [venue.pk]}
    )

    assert response.status_code == 200
    [key] = re.findall(r'<code class="shown-once">([^<]+)</code>', response.content.decode())
    assert f"New API key for {venue}" in response.content.decode()
    assert authenticated_venue(key) == venue  # the key shown is the key that works
    assert_kept_nowhere_but_the_page(admin_client, response, key)
    assert key not in admin_client.get("/admin/bookings/venue/").content.decode()
    assert key not in admin_client.get("/admin/bookings/apikey/").content.decode()


def test_messages_travel_in_the_session_never_in_a_cookie(admin_client, venue):
    """Other admin messages still reach the next page, from the session."""
    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/", venue_admin_form_data(venue, district="Dockside")
    )

    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "was changed successfully" in admin_client.get(response.url).content.decode()


def assert_kept_nowhere_but_the_page(client, response, secret: str) -> None:
    """Not in any Set-Cookie header of the answer, not in the session, not a message."""
    set_cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    assert set_cookies == [] or all(secret not in header for header in set_cookies)
    assert all(secret not in cookie.value for cookie in client.cookies.values())
    for session in Session.objects.all():
        assert secret not in json.dumps(session.get_decoded())
    assert all(secret not in message for message in _shown(response))


def authenticated_venue(key: str):
    request = APIRequestFactory().get("/api/v1/bookings/", HTTP_AUTHORIZATION=f"Api-Key {key}")
    principal, _ = ApiKeyAuthentication().authenticate(request)
    return principal.venue


# --- the command ------------------------------------------------------------------------


def test_rotate_webhook_secret_prints_the_new_secret_once_as_the_last_line(venue, capsys):
    old = give_webhook(venue, PUBLIC_URL)

    call_command("rotate_webhook_secret", venue.slug)

    out = capsys.readouterr().out.splitlines()
    venue.refresh_from_db()
    assert out[-1] == venue.webhook_secret != old
    assert sum(venue.webhook_secret in line for line in out) == 1
    record = AuditRecord.objects.get(action="venue.webhook_secret_made")
    assert (record.actor, record.data) == ("command:rotate_webhook_secret", {"venue": venue.slug})


def test_rotate_webhook_secret_finds_the_venue_by_name_too(venue, capsys):
    call_command("rotate_webhook_secret", "riverside community centre")

    venue.refresh_from_db()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Riverside Community Centre has no webhook URL yet; the secret is kept for when it has."
    assert out[-1] == venue.webhook_secret


def test_rotate_webhook_secret_of_an_unknown_venue_fails_and_changes_nothing(venue):
    with pytest.raises(Exception, match="no venue with slug or name 'nowhere'"):
        call_command("rotate_webhook_secret", "nowhere")

    assert not AuditRecord.objects.filter(action="venue.webhook_secret_made").exists()


def test_making_a_secret_closes_the_not_yet_shared_alert(venue):
    give_webhook(venue, PUBLIC_URL)
    alert = WebhookAlert.objects.create(venue=venue, kind="secret_not_shared")

    venue_webhook_secret_rotate(venue=venue, by=None)

    alert.refresh_from_db()
    assert alert.closed_at is not None
