"""Brute-force guard for API keys: too many failed keys from one address → 429."""

from django.conf import settings
from django.core.cache import cache
from rest_framework.exceptions import Throttled


def _cache_key(request) -> str:
    return f"api-key-failures:{request.META.get('REMOTE_ADDR', '')}"


def check_not_locked_out(request) -> None:
    if cache.get(_cache_key(request), 0) >= settings.API_KEY_MAX_FAILURES:
        raise Throttled(
            wait=settings.API_KEY_FAILURE_WINDOW_SECONDS,
            detail="Too many invalid API keys from this address.",
        )


def record_failure(request) -> None:
    key = _cache_key(request)
    window = settings.API_KEY_FAILURE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
