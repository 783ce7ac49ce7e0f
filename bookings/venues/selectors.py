"""Reads for venues: an API key by the digest of its material."""

from bookings.models import ApiKey


def api_key_by_digest(*, prefix: str, digest: str) -> ApiKey | None:
    # get(), not first(): the digest is unique, and first() would add an ordering to every request.
    try:
        return ApiKey.objects.active().select_related("venue").get(prefix=prefix, digest=digest)
    except ApiKey.DoesNotExist:
        return None
