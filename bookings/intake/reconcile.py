"""Reconciliation: screening caught up from the state of the database alone.

Tasks can be lost (a worker killed mid-way, a version published whose re-screen task
was never queued, a safety-net task dropped by a broker). Whatever was lost, the
database still says what is owed: a booking stuck before screening, or an upcoming
booking whose latest run did not see every live version. `run_periodic_jobs` runs
this every few minutes (`reconcile_background_work`, the one periodic job that finds
stale bookings); it screens each such booking once, through the same locked check as
the re-screen task (`booking_rescreen`), so running it twice, or beside a re-screen
still in flight, stores no second run and sends no second notification.

Stale is `screening.freshness`'s word: the latest run did not see one of the live
versions (a lost re-screen task, a process that answered with its previous index, a
source added since), or there is no run. A run that also saw a version since retired
(a disabled source) is current.
"""

import logging
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from bookings.enums import BookingStatus
from bookings.intake.rescreen import booking_rescreen, upcoming_bookings
from bookings.models import Booking
from screening.enums import ScreeningTrigger
from screening.freshness import screened_before_live_versions

logger = logging.getLogger(__name__)


@dataclass
class Reconciled:
    stuck_screened: int = 0
    stale_screened: int = 0
    failed: list[int] = field(default_factory=list)


def bookings_owed_screening() -> QuerySet[Booking]:
    """In one query: every booking stuck before screening (status received, whatever its
    date), and every upcoming booking whose latest run predates the live versions."""
    stale = screened_before_live_versions(upcoming_bookings()).values("pk")
    return Booking.objects.filter(Q(status=BookingStatus.RECEIVED) | Q(pk__in=stale)).order_by("pk")


def bookings_reconcile() -> Reconciled:
    """Screen every booking owed a screening (`bookings_owed_screening`), each once."""
    done = Reconciled()
    for booking_id, status in bookings_owed_screening().values_list("pk", "status"):
        screened = _screen(booking_id, done.failed)
        if status == BookingStatus.RECEIVED:
            done.stuck_screened += screened
        else:
            done.stale_screened += screened
    if done.stuck_screened or done.stale_screened:
        logger.warning(
            "reconciliation screened %d bookings stuck before screening and %d screened before the live "
            "versions (their tasks were lost or had not run yet)",
            done.stuck_screened,
            done.stale_screened,
        )
    return done


def _screen(booking_id: int, failed: list[int]) -> bool:
    try:
        return booking_rescreen(booking_id=booking_id, trigger=ScreeningTrigger.RECOVERY)
    except Exception:
        # One broken booking must not keep the others waiting; the next run tries it again.
        logger.exception("reconciliation could not screen booking %s", booking_id)
        failed.append(booking_id)
        return False
