from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from .principals import is_venue_client


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Per-key rate limit for venue systems (THROTTLE_RATE_API_KEY)."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        if not is_venue_client(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.api_key.pk}


class PersonRateThrottle(UserRateThrottle):
    """Per-person limit for signed-in people; venue systems have their own per-key limit."""

    def get_cache_key(self, request, view):
        if is_venue_client(request.user):
            return None
        return super().get_cache_key(request, view)
