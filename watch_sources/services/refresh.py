"""Refreshing configured sources from their URLs, with every attempt recorded.

Each refresh writes a FetchAttempt, whatever happens: the administrator sees
failures in the admin, and the live version stays as it was on any failure.
"""

import logging

from django.utils import timezone

from watch_sources.clients import FetchResult, SourceFetchError, fetch, fetch_json
from watch_sources.enums import FetchOutcome
from watch_sources.models import FetchAttempt, Source

from .imports import SourceHeld, SourceImportError, source_apply_delta, source_import_content
from .versions import Progress

logger = logging.getLogger(__name__)


def sources_refresh(*, progress: Progress | None = None) -> list[FetchAttempt]:
    """Refresh every enabled source that has a URL, one after the other."""
    return [
        source_refresh(source=source, progress=progress)
        for source in Source.objects.enabled().exclude(url="")
    ]


def source_refresh(*, source: Source, progress: Progress | None = None) -> FetchAttempt:
    """Fetch a source's URL and publish a new version if the content changed.

    With `delta_url` in the options and a known feed version, only the
    OpenSanctions deltas since then are fetched and applied.
    """
    attempt = FetchAttempt.objects.create(source=source, url=source.url)
    try:
        if source.options.get("delta_url") and source.feed_version and source.live_version:
            _refresh_by_delta(source, attempt, progress)
        else:
            _refresh_full(source, attempt, progress)
    except SourceHeld as exc:
        _finish(attempt, FetchOutcome.HELD, str(exc), version=exc.version)
    except (SourceFetchError, SourceImportError) as exc:
        attempt.http_status = getattr(exc, "status", None)
        _finish(attempt, FetchOutcome.FAILED, str(exc))
    except Exception as exc:
        # A bug must not leave the attempt "running" or stop the other sources' refresh.
        logger.exception("refresh %s failed unexpectedly", source.slug)
        _finish(attempt, FetchOutcome.FAILED, f"unexpected error: {exc!r}")
    logger.info("refresh %s: %s %s", source.slug, attempt.outcome, attempt.message)
    return attempt


def _refresh_full(source: Source, attempt: FetchAttempt, progress) -> None:
    live = source.live_version
    # Conditional GET only makes sense when we still hold what that ETag described.
    result = fetch(
        source.url,
        etag=source.etag if live else "",
        last_modified=source.last_modified if live else "",
    )
    attempt.http_status, attempt.bytes_received = result.status, len(result.content)
    if result.not_modified:
        _finish(attempt, FetchOutcome.NOT_MODIFIED, "not modified since the last fetch", live)
        return
    if progress:
        progress(f"fetched {len(result.content)} bytes")
    outcome = source_import_content(
        source=source, origin=source.url, content=result.content, progress=progress
    )
    _remember_validators(source, result)
    if source.options.get("delta_url"):
        _remember_feed_version(source, _latest_feed_version(source))
    if outcome.created:
        _finish(attempt, FetchOutcome.PUBLISHED, _summary(outcome.version), outcome.version)
    else:
        _finish(attempt, FetchOutcome.UNCHANGED, "content unchanged", outcome.version)


def _refresh_by_delta(source: Source, attempt: FetchAttempt, progress) -> None:
    index = _delta_index(source)
    pending = sorted(v for v in index if v > source.feed_version)
    if index and source.feed_version < min(index):
        # Our version has fallen out of the feed's window: reload the whole list.
        _refresh_full(source, attempt, progress)
        return
    published = None
    for feed_version in pending:
        content = fetch(index[feed_version]).content
        attempt.bytes_received += len(content)
        if content.strip():
            published = source_apply_delta(
                source=source,
                origin=index[feed_version],
                content=content,
                feed_version=feed_version,
                progress=progress,
            ).version
        _remember_feed_version(source, feed_version)
    if published is None:
        _finish(attempt, FetchOutcome.UNCHANGED, "no new deltas", source.live_version)
    else:
        _finish(
            attempt,
            FetchOutcome.PUBLISHED,
            f"{len(pending)} delta(s) applied; " + _summary(published),
            published,
        )


def _delta_index(source: Source) -> dict[str, str]:
    index = fetch_json(source.options["delta_url"])
    versions = index.get("versions") if isinstance(index, dict) else None
    if not isinstance(versions, dict):
        raise SourceFetchError(f"{source.options['delta_url']}: no 'versions' in the delta index")
    return {str(k): str(v) for k, v in versions.items()}


def _latest_feed_version(source: Source) -> str:
    index = _delta_index(source)
    return max(index) if index else ""


def _remember_validators(source: Source, result: FetchResult) -> None:
    source.etag, source.last_modified = result.etag, result.last_modified
    source.save(update_fields=["etag", "last_modified"])


def _remember_feed_version(source: Source, feed_version: str) -> None:
    source.feed_version = feed_version
    source.save(update_fields=["feed_version"])


def _summary(version) -> str:
    diff = version.diff
    cuts = version.report.get("names_truncated", []), version.report.get("names_dropped", [])
    bounds = (
        f"; {len(cuts[0])} names truncated, {len(cuts[1])} entries with names dropped" if any(cuts) else ""
    )
    return (
        f"version {version.number}: {version.entry_count} entries, {version.name_count} names "
        f"(+{len(diff['added'])} -{len(diff['removed'])} ~{len(diff['changed'])}){bounds}"
    )


def _finish(attempt: FetchAttempt, outcome: str, message: str, version=None) -> None:
    attempt.outcome, attempt.message, attempt.version = outcome, message[:5000], version
    attempt.finished_at = timezone.now()
    attempt.save()
