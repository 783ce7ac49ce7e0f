"""All HTTP for fetching sources lives here, so timeouts and limits are in one place."""

import requests
from django.conf import settings


class SourceFetchError(Exception):
    """The source could not be fetched; the live version stays as it was."""


def fetch_bytes(url: str) -> bytes:
    """GET a source file, refusing bodies larger than SOURCE_MAX_BYTES."""
    limit = settings.SOURCE_MAX_BYTES
    try:
        with requests.get(url, timeout=settings.SOURCE_TIMEOUT, stream=True) as response:
            response.raise_for_status()
            chunks, size = [], 0
            for chunk in response.iter_content(chunk_size=1 << 16):
                size += len(chunk)
                if size > limit:
                    raise SourceFetchError(f"{url}: body larger than {limit} bytes")
                chunks.append(chunk)
    except requests.RequestException as exc:
        raise SourceFetchError(f"{url}: {exc}") from exc
    return b"".join(chunks)
