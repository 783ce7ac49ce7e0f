"""Listeners for what the lower apps announce.

`watch_sources` announces a new live version with the `version_published`
signal, and `screening` a revoked suppression with `suppression_revoked` and a
process that answered with its previous index with `screened_with_previous_index`
(neither imports bookings); `BookingsConfig.ready` connects these receivers, which
audit and queue the re-screens.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bookings.audit import AuditEntry, audit_records
from bookings.intake.tasks import (
    rescreen_after_suppression_revoked,
    rescreen_screened_with_other_versions,
    rescreen_upcoming_bookings,
)
from callers import actor_of
from screening.models import Suppression
from screening.services import suppressions_mark_stale
from watch_sources.models import SourceVersion


def source_version_published(
    sender, *, version: SourceVersion, removed: list[str], confirmed_by: str = "", **kwargs
) -> None:
    """Signal receiver: audit the new version (naming who confirmed it, for a held
    one), mark the suppressions it made stale, and queue the re-screening, in one
    transaction.

    The task row and the audit record commit together (with the database task
    backend), so a published version is never left without its re-screening.
    """
    diff = version.diff
    with transaction.atomic():
        suppressions_mark_stale(source_slug=version.source.slug, live_version_id=version.pk)
        # A held version's record names who confirmed it (watch_sources passes the label).
        published = AuditEntry(
            actor=confirmed_by or actor_of(None),
            action="source.version_published",
            target=version,
            data={
                "source": version.source.slug,
                "number": version.number,
                "entries": version.entry_count,
                "checksum": version.checksum,
                "added": len(diff.get("added", [])),
                "removed": removed,
                "changed": len(diff.get("changed", [])),
                "confirmed_held": bool(confirmed_by),
            },
        )
        audit_records([published])
        rescreen_upcoming_bookings.enqueue(version_id=version.pk, removed=removed)


def suppression_revoked(sender, *, suppression: Suppression, **kwargs) -> None:
    """Signal receiver: re-screen what the revoked suppression silenced (in the worker).
    If this is lost, the periodic `rescreen_silenced_bookings` job still does it."""
    rescreen_after_suppression_revoked.enqueue(suppression_id=suppression.pk)


def screened_with_previous_index(sender, *, key: tuple[int, ...], **kwargs) -> None:
    """Signal receiver (in the process that swapped its index, often its builder
    thread): queue the re-screen of bookings whose latest run used other versions.

    Deferred past the longest a request lasts, so a screening that took the previous
    index just before the swap has stored its run when the task looks. If this is
    lost, the periodic reconciliation (`reconcile_background_work`) still does it.
    """
    task = rescreen_screened_with_other_versions
    if task.get_backend().supports_defer:
        delay = timedelta(seconds=settings.SCREENING_PREVIOUS_INDEX_RESCREEN_DELAY_SECONDS)
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue()
