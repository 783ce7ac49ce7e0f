"""Re-screening upcoming bookings when a concern source gets a new live version.

`bookings.intake.receivers.source_version_published` queues
`bookings.intake.tasks.rescreen_upcoming_bookings`, which runs
`bookings_rescreen_after_source_update` here in a worker.
"""

import logging

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from bookings.audit import audit_record
from bookings.enums import BookingStatus
from bookings.intake.screening import booking_screen, index_ready, locked_for_screening, screen_locked
from bookings.models import Booking
from screening.enums import ScreeningTrigger
from screening.freshness import live_versions_unseen, screened_before_live_versions
from screening.index import live_index_fresh
from screening.models import Match, Suppression
from watch_sources.models import SourceVersion

logger = logging.getLogger(__name__)


def upcoming_bookings() -> QuerySet[Booking]:
    """Bookings whose event has not started and that can still change."""
    return Booking.objects.filter(starts_at__gte=timezone.now()).exclude(status__in=BookingStatus.FINAL)


def bookings_rescreen_after_source_update(*, version_id: int, removed: list[str]) -> int:
    """Screen every upcoming booking again; returns how many were screened.

    A booking whose latest run already saw every live version is left alone, so this
    task delivered twice (its worker died), or run beside the periodic reconciliation,
    screens each booking once. A booking whose earlier matches point at entries the new
    version no longer matches is not cleared by this (only a person clears a flag); the
    vanished entries are written to its audit trail so the reviewer sees them.
    `version_id` and `removed` name what was published; the booking is screened
    against whatever is live when its turn comes.
    """
    version = SourceVersion.objects.select_related("source").get(pk=version_id)
    screened, failed = 0, []
    booking_ids = list(upcoming_bookings().order_by("pk").values_list("pk", flat=True))
    if booking_ids:
        # Wait for the new versions' index here in the worker (requests never wait for
        # one), so these runs are screened against the version just published.
        live_index_fresh()
    for booking_id in booking_ids:
        try:
            screened += booking_rescreen(booking_id=booking_id)
        except Exception:
            # One broken booking must not leave the others unscreened.
            logger.exception("re-screening booking %s after %s failed", booking_id, version)
            failed.append(booking_id)
    logger.info("re-screened %d upcoming bookings after %s (%s removed)", screened, version, len(removed))
    if failed:
        raise RuntimeError(f"re-screening failed for bookings {failed}; the task can be re-run")
    return screened


def booking_rescreen(*, booking_id: int, trigger: str = ScreeningTrigger.SOURCE_UPDATE) -> bool:
    """Screen one booking against the live versions unless its latest run already saw
    them all (a booking with no run is always screened); True if it was screened.

    Decided under the booking's row lock (on SQLite, the write lock every transaction
    takes first), so two re-screens racing for the same booking store one run and send
    one set of notifications between them."""
    if _versions_owed(booking_id) is None:
        return False  # read without the lock: a task run again mostly stops here, cheaply
    index_ready()
    with transaction.atomic():
        booking = locked_for_screening(Booking(pk=booking_id))
        unseen = _versions_owed(booking.pk)
        if booking.status in BookingStatus.FINAL or unseen is None:
            return False
        before = {v.pk: _matched_entries(booking, v.source.slug) for v in unseen}
        booking = screen_locked(booking, trigger)
        for version in unseen:
            vanished = before[version.pk] - _matched_entries(booking, version.source.slug)
            if vanished:
                _audit_entries_gone(booking, version, vanished)
    return True


def _versions_owed(booking_id: int) -> list[SourceVersion] | None:
    """The live versions the booking's latest run did not see (all of them if it has no
    run), or None when it is current (`screening.freshness.live_versions_unseen`)."""
    unseen = live_versions_unseen(booking_id=booking_id)
    if unseen is None:
        return None
    return list(SourceVersion.objects.filter(pk__in=unseen).select_related("source").order_by("id"))


def _audit_entries_gone(booking: Booking, version: SourceVersion, vanished: set[tuple[str, str]]) -> None:
    removed = set(version.diff.get("removed", []))
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


def _matched_entries(booking: Booking, source_slug: str) -> set[tuple[str, str]]:
    run = booking.screening_runs.first()
    if run is None:
        return set()
    return set(
        run.matches.filter(entry__version__source__slug=source_slug).values_list(
            "entry__entry_id", "entry__caption"
        )
    )


def bookings_rescreen_after_suppression_ended(*, suppression_id: int) -> int:
    """Screen again every upcoming booking a suppression silenced, and the booking whose
    false-positive judgement made it: once revoked, neither stays cleared by it."""
    suppression = Suppression.objects.get(pk=suppression_id)
    touched = Q(suppression=suppression)
    if suppression.origin_match_id is not None:
        touched |= Q(pk=suppression.origin_match_id) | Q(judged_match_id=suppression.origin_match_id)
    return _rescreen_all(_upcoming_ids(Match.objects.filter(touched)), ScreeningTrigger.SUPPRESSION_ENDED)


def bookings_rescreen_silenced_by_ended_suppressions() -> int:
    """The periodic safety net: any upcoming booking whose latest run is silenced by a
    suppression that has since expired, been revoked or gone stale is screened again,
    so a lost task or a passing expiry date never leaves it cleared by it."""
    ended = Suppression.objects.exclude(pk__in=Suppression.objects.active().values("pk"))
    candidates = Match.objects.filter(suppression__in=ended)
    stale_latest = [
        pk
        for pk in _upcoming_ids(candidates)
        if Match.objects.filter(
            run=Booking.objects.get(pk=pk).screening_runs.first(), suppression__in=ended
        ).exists()
    ]
    return _rescreen_all(stale_latest, ScreeningTrigger.SUPPRESSION_ENDED)


def _upcoming_ids(matches) -> list[int]:
    booking_ids = set(matches.values_list("run__booking_id", flat=True))
    return list(upcoming_bookings().filter(pk__in=booking_ids).order_by("pk").values_list("pk", flat=True))


def _rescreen_all(booking_ids: list[int], trigger: str) -> int:
    failed = []
    for booking_id in booking_ids:
        try:
            booking_screen(booking=Booking.objects.get(pk=booking_id), trigger=trigger)
        except Exception:
            logger.exception("re-screening booking %s (%s) failed", booking_id, trigger)
            failed.append(booking_id)
    if failed:
        raise RuntimeError(f"re-screening failed for bookings {failed}; the task can be re-run")
    return len(booking_ids)


def bookings_rescreen_stale() -> int:
    """Screen again every upcoming booking `screening.freshness` calls stale (its latest run
    did not see a live version, or it has none), each through `booking_rescreen`; returns
    how many were screened. The task queued when a process swapped in a new index after
    answering with its previous one runs this; reconciliation finds the same bookings with
    the same definition (`reconcile.bookings_owed_screening`). Waits for the live index first."""
    stale = screened_before_live_versions(upcoming_bookings())
    booking_ids = list(stale.order_by("pk").values_list("pk", flat=True))
    if booking_ids:
        live_index_fresh()
    failed, screened = [], 0
    for booking_id in booking_ids:
        try:
            screened += booking_rescreen(booking_id=booking_id)
        except Exception:
            logger.exception("re-screening stale booking %s failed", booking_id)
            failed.append(booking_id)
    logger.info("re-screened %d upcoming bookings screened before the live versions", screened)
    if failed:
        raise RuntimeError(f"re-screening failed for bookings {failed}; the task can be re-run")
    return screened
