from rest_framework.throttling import SimpleRateThrottle

from .principals import is_venue_client


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Per-key rate limit for venue systems (THROTTLE_RATE_API_KEY)."""

    scope = "api_key"

    def get_cache_key(self, request, view):
        if not is_venue_client(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.api_key.pk}
