"""`Authorization: Api-Key <key>` for venue booking systems."""

from dataclasses import dataclass

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from bookings.models import ApiKey, Venue
from bookings.venues.api_keys import key_digest, key_prefix
from bookings.venues.selectors import api_key_by_digest

from .authentication_guard import check_not_locked_out, record_failure

KEYWORD = "Api-Key"
# Write last-used at most this often per key, so a busy key is not a write per request.
LAST_USED_RESOLUTION_SECONDS = 60


@dataclass(frozen=True)
class VenueClient:
    """The principal behind an API key: a venue's booking system, not a person."""

    venue: Venue
    api_key: ApiKey
    is_authenticated: bool = True
    is_anonymous: bool = False
    is_superuser: bool = False
    is_staff: bool = False

    @property
    def pk(self) -> str:
        return f"api-key:{self.api_key.pk}"

    def __str__(self) -> str:
        return f"api-key:{self.api_key.prefix} ({self.venue.slug})"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, space, key = header.partition(" ")
        # An authentication scheme is case-insensitive (RFC 9110, 11.1): "api-key" is ours too.
        if not space or scheme.lower() != KEYWORD.lower():
            return None
        key = key.strip()
        prefix = key_prefix(key)
        check_not_locked_out(request, prefix=prefix)
        api_key = api_key_by_digest(prefix=prefix, digest=key_digest(key)) if key else None
        if api_key is None:
            record_failure(request, prefix=prefix)
            raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
        _touch(api_key)
        return VenueClient(venue=api_key.venue, api_key=api_key), api_key

    def authenticate_header(self, request) -> str:
        return KEYWORD


def _touch(api_key: ApiKey) -> None:
    now = timezone.now()
    last = api_key.last_used_at
    if last is None or (now - last).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`, as printed by `manage.py create_api_key`.",
        }
