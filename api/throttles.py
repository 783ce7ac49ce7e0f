"""Rate limits: per API key for venue systems, per person, per address for anonymous callers.

DRF's stock throttles keep every request's time in the cache, a list read,
filtered and written back whole on every request: thousands of entries for a
busy key, and updates lost between worker processes. These count requests in
fixed windows with the cache's atomic increment instead: constant work per
request, and exact across processes.
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from bookings.client_address import client_address

from .principals import is_venue_client


class FixedWindowMixin(SimpleRateThrottle):
    """Count requests per `duration` window; Retry-After is the time left in the window."""

    # Set from the rate by SimpleRateThrottle.__init__ (its stubs leave them out).
    num_requests: int
    duration: int

    def get_ident(self, request) -> str:
        # The real client behind trusted proxies, as the lockouts use.
        return client_address(request)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        ident = self.get_cache_key(request, view)
        if ident is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends_at = (window + 1) * self.duration
        self.now = now
        return self._count(f"{ident}:{window}") <= self.num_requests

    def _count(self, key: str) -> int:
        # incr() is atomic; only the window's first request finds no counter.
        try:
            return self.cache.incr(key)
        except ValueError:
            if self.cache.add(key, 1, timeout=self.duration + 1):
                return 1
            return self.cache.incr(key)  # another process started the window first

    def wait(self) -> float:
        return max(1.0, self.window_ends_at - self.now)


class ApiKeyRateThrottle(FixedWindowMixin, SimpleRateThrottle):
    """Per-key rate limit for venue systems (THROTTLE_RATE_API_KEY)."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        if not is_venue_client(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.api_key.pk}


class PersonRateThrottle(FixedWindowMixin, UserRateThrottle):
    """Per-person limit for signed-in people; venue systems have their own per-key limit."""

    def get_cache_key(self, request, view):
        if is_venue_client(request.user):
            return None
        return super().get_cache_key(request, view)


class AddressRateThrottle(FixedWindowMixin, AnonRateThrottle):
    """Per-address limit for callers who are not signed in (THROTTLE_RATE_ANON)."""
