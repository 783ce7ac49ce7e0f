"""Which webhook URLs may be called (server-side request forgery guard), and refusal
when a venue's webhook URL is configured."""

import pytest
from django.core.exceptions import ValidationError

from bookings.models import Venue
from bookings.venues.services import venue_get_or_create
from bookings.webhook_addresses import webhook_url_refusal
from tests.factories.bookings import venue_admin_form_data


@pytest.fixture(autouse=True)
def _protected(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.1.2.3",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.10",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT, not public
        "0.0.0.0",
        "224.0.0.1",  # multicast (Python 3.11 calls it global)
        "240.0.0.1",  # reserved
        "[::1]",
        "[fc00::1]",
        "[fd12:3456::1]",
        "[fe80::1]",
        "[::ffff:127.0.0.1]",  # IPv4-mapped loopback
        "[::ffff:169.254.169.254]",
        "[2002:7f00:1::]",  # 6to4 wrapping 127.0.0.1
        "[::]",
    ],
)
def test_internal_addresses_are_refused(address):
    reason = webhook_url_refusal(f"https://{address}/hook")

    bare = address.strip("[]")
    assert reason == f"the host {bare} resolves to {bare}, which is not a public address"


@pytest.mark.parametrize("url", ["https://93.184.216.34/hook", "https://[2606:2800:220:1::1]:8443/hook"])
def test_public_address_literals_are_allowed(url):
    assert webhook_url_refusal(url) is None


def test_a_name_resolving_to_loopback_is_refused():
    reason = webhook_url_refusal("https://localhost:8443/hook")

    assert reason is not None
    assert reason.startswith("the host localhost resolves to ")
    assert reason.endswith(", which is not a public address")


def test_an_unresolvable_name_is_refused():
    reason = webhook_url_refusal("https://no-such-host.invalid/hook")

    assert reason is not None
    assert reason.startswith("the host no-such-host.invalid cannot be resolved (")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://93.184.216.34/hook", "the URL must use https, not ftp"),
        ("file:///etc/passwd", "the URL must use https, not file"),
        ("gopher://93.184.216.34:70/", "the URL must use https, not gopher"),
        ("http://93.184.216.34/hook", "the URL must use https, not http"),
        ("https://user:pw@93.184.216.34/hook", "the URL must not carry a user name or password"),
        ("https://user@93.184.216.34/hook", "the URL must not carry a user name or password"),
        ("https:///hook", "the URL has no host"),
        ("https://93.184.216.34:99999/hook", "the URL cannot be read (Port out of range 0-65535)"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url, expected):
    assert webhook_url_refusal(url) == expected


def test_allowing_private_addresses_lets_loopback_and_http_through(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True

    assert webhook_url_refusal("http://127.0.0.1:8000/hook") is None
    assert webhook_url_refusal("https://[::1]/hook") is None
    assert webhook_url_refusal("ftp://127.0.0.1/hook") == "the URL must use https or http, not ftp"
    assert webhook_url_refusal("https://no-such-host.invalid/hook").startswith("the host no-such-host")


# --- configuration time --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://169.254.169.254/latest/meta-data/",
            "This webhook URL is refused: the host 169.254.169.254 resolves to 169.254.169.254, "
            "which is not a public address.",
        ),
        (
            "https://10.0.0.5/admin",
            "This webhook URL is refused: the host 10.0.0.5 resolves to 10.0.0.5, "
            "which is not a public address.",
        ),
        ("http://93.184.216.34/hook", "This webhook URL is refused: the URL must use https, not http."),
    ],
)
def test_admin_refuses_an_internal_webhook_url_on_the_field(admin_client, venue, url, message):
    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/", venue_admin_form_data(venue, webhook_url=url)
    )

    assert response.status_code == 200  # the form again, not a redirect to the list
    assert response.context["adminform"].form.errors["webhook_url"] == [message]
    venue.refresh_from_db()
    assert (venue.webhook_url, venue.webhook_secret) == ("", "")


@pytest.mark.django_db
def test_admin_refuses_an_unresolvable_webhook_host(admin_client, venue):
    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/",
        venue_admin_form_data(venue, webhook_url="https://no-such-host.invalid/hook"),
    )

    [error] = response.context["adminform"].form.errors["webhook_url"]
    assert error.startswith("This webhook URL is refused: the host no-such-host.invalid cannot be resolved (")
    venue.refresh_from_db()
    assert venue.webhook_url == ""


@pytest.mark.django_db
def test_admin_saves_a_public_https_webhook_url(admin_client, venue):
    response = admin_client.post(
        f"/admin/bookings/venue/{venue.pk}/change/",
        venue_admin_form_data(venue, webhook_url="https://93.184.216.34/hook"),
    )

    assert response.status_code == 200  # saved: the page shows the new secret, once
    venue.refresh_from_db()
    assert venue.webhook_url == "https://93.184.216.34/hook"
    assert venue.webhook_secret in response.content.decode()


@pytest.mark.django_db
def test_venue_service_refuses_an_internal_webhook_url():
    with pytest.raises(ValidationError) as refused:
        venue_get_or_create(name="Dockside Hall", webhook_url="https://[::ffff:127.0.0.1]/hook")

    assert refused.value.message_dict == {
        "webhook_url": [
            "This webhook URL is refused: the host ::ffff:127.0.0.1 resolves to ::ffff:127.0.0.1, "
            "which is not a public address."
        ]
    }
    assert not Venue.objects.filter(name="Dockside Hall").exists()
