"""Reconciliation: screening caught up from the state of the database alone.

Tasks can be lost (a worker killed mid-way, a version published whose re-screen task
was never queued, a safety-net task dropped by a broker). Whatever was lost, the
database still says what is owed: a booking stuck before screening, or an upcoming
booking whose latest run did not see every live version. `run_periodic_jobs` runs
this every few minutes; it screens each such booking once, through the same locked
check as the re-screen task (`booking_rescreen`), so running it twice, or beside a
re-screen still in flight, stores no second run and sends no second notification.
"""

import logging
from dataclasses import dataclass, field

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


def bookings_reconcile() -> Reconciled:
    """Screen every booking stuck before screening (status received, whatever its date),
    then every upcoming booking whose latest run predates the live versions."""
    done = Reconciled()
    received = Booking.objects.filter(status=BookingStatus.RECEIVED).order_by("pk")
    stuck = list(received.values_list("pk", flat=True))
    done.stuck_screened = _screen_each(stuck, done.failed)
    stale = screened_before_live_versions(upcoming_bookings().exclude(pk__in=stuck))
    done.stale_screened = _screen_each(list(stale.order_by("pk").values_list("pk", flat=True)), done.failed)
    if done.stuck_screened or done.stale_screened:
        logger.warning(
            "reconciliation screened %d bookings stuck before screening and %d screened before the live "
            "versions (their tasks were lost or had not run yet)",
            done.stuck_screened,
            done.stale_screened,
        )
    return done


def _screen_each(booking_ids: list[int], failed: list[int]) -> int:
    screened = 0
    for booking_id in booking_ids:
        try:
            screened += booking_rescreen(booking_id=booking_id, trigger=ScreeningTrigger.RECOVERY)
        except Exception:
            # One broken booking must not keep the others waiting; the next run tries it again.
            logger.exception("reconciliation could not screen booking %s", booking_id)
            failed.append(booking_id)
    return screened
