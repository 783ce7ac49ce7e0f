"""Login throttling: a short lockout after repeated failed sign-ins.

Failures are counted per (username, client address) in the cache, so nobody
can lock a colleague out from another computer (the address is the real
client's behind trusted proxies: bookings/client_address.py), and guessing
many passwords for one account from one place stops after a few tries. The
count expires on its own; a successful sign-in clears it. Production runs
several processes, so it counts in the shared cache (REDIS_URL, required).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _key(username: str, address: str) -> str:
    # Hashed so the cache never holds usernames and any input makes a valid key.
    raw = f"{username.strip().casefold()}|{address}".encode()
    return "login-failures:" + hashlib.sha256(raw).hexdigest()


def login_locked(*, username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.LOGIN_FAILURE_LIMIT


def login_failure_record(*, username: str, address: str) -> int:
    """Count one failed attempt; returns the failures so far in the lockout window."""
    key = _key(username, address)
    timeout = settings.LOGIN_LOCKOUT_SECONDS
    if cache.add(key, 1, timeout):
        return 1
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1
    cache.touch(key, timeout)  # the lockout runs from the latest failure
    if failures == settings.LOGIN_FAILURE_LIMIT:
        logger.warning(
            "sign-in locked for %s minutes after %s failures (address %s)", timeout // 60, failures, address
        )
    return failures


def login_failures_clear(*, username: str, address: str) -> None:
    cache.delete(_key(username, address))
