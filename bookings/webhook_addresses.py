"""Which webhook URLs the service may call: the guard against server-side request forgery.

A venue chooses its webhook URL, and our worker POSTs to it from inside our
network. Without this guard a URL such as http://169.254.169.254/ (cloud
metadata), http://127.0.0.1:5432/ or http://10.0.0.5/admin would make the
service a proxy into places the venue cannot reach. Every address a host name
resolves to must be public; the check runs when the URL is configured and
again before every delivery attempt, because DNS answers change (rebinding).

`WEBHOOK_ALLOW_PRIVATE_ADDRESSES` lifts the address rule (and allows plain
http) for development and tests, whose receivers listen on loopback.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def webhook_url_refusal(url: str) -> str | None:
    """Why the service must not call `url`, or None if it may. Resolves the host (DNS)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        return f"the URL cannot be read ({exc})"
    allow_private = settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES
    # The payload carries advice and its rationale: the signature proves who sent it but
    # hides nothing, so it must not cross the internet in clear. Plain http is only for a
    # development receiver, which is on a private address anyway.
    allowed_schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed_schemes:
        return f"the URL must use {' or '.join(allowed_schemes)}, not {parts.scheme or 'nothing'}"
    if parts.username is not None or parts.password is not None:
        return "the URL must not carry a user name or password"
    if not parts.hostname:
        return "the URL has no host"
    return _host_refusal(parts.hostname, port, allow_private=allow_private)


def _host_refusal(host: str, port: int, *, allow_private: bool) -> str | None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        return f"the host {host} cannot be resolved ({exc})"
    if allow_private:
        return None
    # Every answer, not just the first: the HTTP client may connect to any of them.
    for *_, sockaddr in infos:
        reason = address_refusal(str(sockaddr[0]))
        if reason:
            return f"the host {host} resolves to {reason}"
    return None


def address_refusal(address: str) -> str | None:
    """Why a connection to this IP address is refused, or None for a public address."""
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return None
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    for candidate in _embedded(ip):
        if _is_internal(candidate):
            return f"{address}, which is not a public address"
    return None


def _embedded(ip: IPAddress) -> list[IPAddress]:
    """The address and any IPv4 address carried inside it (::ffff:127.0.0.1 is loopback;
    6to4 2002:7f00:1:: routes to 127.0.0.1)."""
    found = [ip]
    if ip.version == 6:
        found += [inner for inner in (ip.ipv4_mapped, ip.sixtofour) if inner is not None]
    return found


def _is_internal(ip: IPAddress) -> bool:
    # is_global alone is not enough on Python 3.11: it calls 224.0.0.0/4 (multicast) global.
    return (
        not ip.is_global
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def validate_webhook_url(value: str) -> None:
    """Model-field validator: a venue cannot be configured with a URL we would refuse to call."""
    if not value:
        return
    reason = webhook_url_refusal(value)
    if reason:
        raise ValidationError(f"This webhook URL is refused: {reason}.", code="webhook_url_refused")
