"""Re-screening upcoming bookings when a concern source gets a new live version.

`bookings.intake.receivers.source_version_published` queues
`bookings.intake.tasks.rescreen_upcoming_bookings`, which runs
`bookings_rescreen_after_source_update` here in a worker.
"""

import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from bookings.audit import audit_record
from bookings.enums import BookingStatus
from bookings.intake.screening import booking_screen
from bookings.models import Booking
from screening.enums import ScreeningTrigger
from watch_sources.models import SourceVersion

logger = logging.getLogger(__name__)


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
                by=None,
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
