"""Reconciliation: screening caught up from the state of the database alone.

Tasks can be lost (a worker killed mid-way, a version published whose re-screen task
was never queued, a safety-net task dropped by a broker). Whatever was lost, the
database still says what is owed: a booking stuck before screening, or an upcoming
booking whose latest run did not see every live version. `run_periodic_jobs` runs
this every few minutes (`reconcile_background_work`, the one periodic job that finds
stale bookings); it screens each such booking once, through the same locked check as
the re-screen task (`booking_rescreen`), so running it twice, or beside a re-screen
still in flight, stores no second run and sends no second notification.

While a re-screen task is in hand (running under a live claim, or queued and due in the
last five minutes), the stale bookings are left to it: it screens them all, and doing it
here as well would build this process's own match index only to race it. Bookings stuck
before screening are screened whatever runs.

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
from bookings.notifications.sending import OWED_AFTER
from bookings.task_leases import tasks_in_hand
from screening.enums import ScreeningTrigger
from screening.freshness import screened_before_live_versions

logger = logging.getLogger(__name__)


# The tasks that screen every stale booking (their paths before the move too). While one
# is in hand, reconciliation leaves the stale bookings to it: screening them here too
# would only race it, after building this process's own index (13 s of CPU).
RESCREEN_TASKS = [
    "bookings.intake.tasks.rescreen_upcoming_bookings",
    "bookings.intake.tasks.rescreen_screened_with_other_versions",
    "bookings.tasks.rescreen_upcoming_bookings",
]
# A re-screen queued this long ago and still not taken is not waited for: no worker may be
# taking tasks (as venue e-mails are left to their task, notifications/sending.py).
RESCREEN_LEFT_TO_ITS_TASK = OWED_AFTER


@dataclass
class Reconciled:
    stuck_screened: int = 0
    stale_screened: int = 0
    # Stale bookings left to the re-screen task in hand (`rescreen_in_hand`).
    stale_left: int = 0
    failed: list[int] = field(default_factory=list)


def bookings_owed_screening(*, stale: bool = True) -> QuerySet[Booking]:
    """In one query: every booking stuck before screening (status received, whatever its
    date), and (unless `stale` is False) every upcoming booking whose latest run predates
    the live versions."""
    owed = Q(status=BookingStatus.RECEIVED)
    if stale:
        owed |= Q(pk__in=screened_before_live_versions(upcoming_bookings()).values("pk"))
    return Booking.objects.filter(owed).order_by("pk")


def rescreen_in_hand() -> bool:
    """A task that re-screens every stale booking is running under a live claim, or is
    queued and due less than RESCREEN_LEFT_TO_ITS_TASK ago (`task_leases.tasks_in_hand`)."""
    return tasks_in_hand(RESCREEN_TASKS, queued_within=RESCREEN_LEFT_TO_ITS_TASK).exists()


def bookings_reconcile() -> Reconciled:
    """Screen every booking owed a screening (`bookings_owed_screening`), each once; the
    stale ones only when no re-screen task is in hand (`rescreen_in_hand`), so this
    builds no index while the worker re-screens after a publish."""
    done = Reconciled()
    in_hand = rescreen_in_hand()
    if in_hand:
        done.stale_left = screened_before_live_versions(upcoming_bookings()).count()
    for booking_id, status in bookings_owed_screening(stale=not in_hand).values_list("pk", "status"):
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
