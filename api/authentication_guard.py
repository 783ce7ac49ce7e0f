"""Brute-force guard for API keys: too many failed attempts at one key from one address → 429.

Counted per (key prefix, real client address), in the shared cache: someone
guessing a venue's key locks out only their own address for that key, never
the venue's system calling from elsewhere, nor other venues behind the same
reverse proxy (the address is the client's, bookings/client_address.py).
The prefix is not secret; the rest of the key is what cannot be guessed.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from rest_framework.exceptions import Throttled

from bookings.client_address import client_address


def _cache_key(request, prefix: str) -> str:
    # Hashed: any input makes a valid cache key of fixed length.
    raw = f"{prefix}|{client_address(request)}".encode()
    return "api-key-failures:" + hashlib.sha256(raw).hexdigest()


def check_not_locked_out(request, *, prefix: str) -> None:
    if cache.get(_cache_key(request, prefix), 0) >= settings.API_KEY_MAX_FAILURES:
        raise Throttled(
            wait=settings.API_KEY_FAILURE_WINDOW_SECONDS,
            detail="Too many invalid attempts at this API key from this address.",
        )


def record_failure(request, *, prefix: str) -> None:
    key = _cache_key(request, prefix)
    window = settings.API_KEY_FAILURE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
