"""The address a request really came from, behind the reverse proxies we trust.

Each trusted proxy appends the address it received the request from to
`X-Forwarded-For`, so with `TRUSTED_PROXY_COUNT` proxies in front, the real
client is that many entries from the right; anything further left was written
by the client and is ignored. With `TRUSTED_PROXIES` set, the header is read
only when the peer is one of those networks, so a client that reaches the
service directly cannot name itself. With no proxies configured the peer
address is the client.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _trusted_networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted_peer(peer: str) -> bool:
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks:
        return True  # the count alone is the rule
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in network for network in networks)


def client_address(request) -> str:
    if request is None:
        return ""
    peer = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0 or not _is_trusted_peer(peer):
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return peer  # fewer hops than proxies: the request did not come through them all
    return forwarded[-count]
