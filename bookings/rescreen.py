"""Re-screening upcoming bookings when a concern source gets a new live version.

`watch_sources` announces a new version with the `version_published` signal;
`source_version_published` (connected in BookingsConfig.ready) records it in
the audit log and queues `bookings.tasks.rescreen_upcoming_bookings`, which
runs `bookings_rescreen_after_source_update` in a worker.
"""

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from screening.enums import ScreeningTrigger
from watch_sources.models import SourceVersion

from .audit import audit_record
from .enums import BookingStatus
from .models import Booking
from .services import booking_screen
from .tasks import rescreen_upcoming_bookings

logger = logging.getLogger(__name__)


def source_version_published(sender, *, version: SourceVersion, removed: list[str], **kwargs) -> None:
    """Signal receiver: audit the new version and queue the re-screening, in one transaction.

    The task row and the audit record commit together (with the database task
    backend), so a published version is never left without its re-screening.
    """
    diff = version.diff
    with transaction.atomic():
        audit_record(
            actor="system",
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
            },
        )
        rescreen_upcoming_bookings.enqueue(version_id=version.pk, removed=removed)


def upcoming_bookings() -> QuerySet[Booking]:
    """Bookings whose event has not started and that can still change."""
    return Booking.objects.filter(starts_at__gte=timezone.now()).exclude(status__in=BookingStatus.FINAL)


def bookings_rescreen_after_source_update(*, version_id: int, removed: list[str]) -> int:
    """Screen every upcoming booking again; returns how many were screened.

    A booking whose earlier matches point at entries the new version no
    longer matches is not cleared by this (only a person clears a flag); the
    vanished entries are written to its audit trail so the reviewer sees them.
    """
    version = SourceVersion.objects.select_related("source").get(pk=version_id)
    screened, failed = 0, []
    for booking_id in list(upcoming_bookings().values_list("pk", flat=True)):
        try:
            booking_rescreen(
                booking=Booking.objects.get(pk=booking_id), version=version, removed=set(removed)
            )
            screened += 1
        except Exception:
            # One broken booking must not leave the others unscreened.
            logger.exception("re-screening booking %s after %s failed", booking_id, version)
            failed.append(booking_id)
    logger.info("re-screened %d upcoming bookings after %s", screened, version)
    if failed:
        raise RuntimeError(f"re-screening failed for bookings {failed}; the task can be re-run")
    return screened


def booking_rescreen(*, booking: Booking, version: SourceVersion, removed: set[str]) -> Booking:
    with transaction.atomic():
        before = _matched_entries(booking, version.source.slug)
        booking = booking_screen(booking=booking, trigger=ScreeningTrigger.SOURCE_UPDATE)
        vanished = before - _matched_entries(booking, version.source.slug)
        if vanished:
            audit_record(
                actor="system",
                action="booking.matched_entries_gone",
                target=booking,
                data={
                    "source": version.source.slug,
                    "version": version.number,
                    "status": booking.status,
                    "entries": [
                        {
                            "entry_id": entry_id,
                            "caption": caption,
                            "reason": "removed from source" if entry_id in removed else "no longer matches",
                        }
                        for entry_id, caption in sorted(vanished)
                    ],
                },
            )
    return booking


def _matched_entries(booking: Booking, source_slug: str) -> set[tuple[str, str]]:
    run = booking.screening_runs.first()
    if run is None:
        return set()
    return set(
        run.matches.filter(entry__version__source__slug=source_slug).values_list(
            "entry__entry_id", "entry__caption"
        )
    )
