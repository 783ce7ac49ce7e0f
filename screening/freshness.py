"""Whether a booking's screening reflects the live source versions: the one definition
of a stale booking.

The state every re-screen works towards, read from the database alone, so that a
re-screen delivered twice, or a reconciliation run beside it, can tell what is
already done: a booking is current when its latest run was screened against every
live version. A run that also saw a version since retired (a disabled source) is
still current; only a live version it has not seen, or no run at all, makes it stale.

Two forms of the same rule: `screened_before_live_versions`, a query for many bookings
(reconciliation, and the re-screen queued after a process answered with its previous
index), and `live_versions_unseen`, for one booking under its lock (`booking_rescreen`).
`tests/bookings/intake/test_stale.py` holds them to the same answers.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from .index import live_version_ids
from .models import ScreeningRun

VersionLink = ScreeningRun.source_versions.through


def latest_run_versions(*, booking_id: int) -> set[int] | None:
    """The versions the booking's latest run was screened against; None if it has no run."""
    latest = ScreeningRun.objects.filter(booking_id=booking_id).order_by("-created_at", "-id").first()
    if latest is None:
        return None
    return set(VersionLink.objects.filter(screeningrun=latest).values_list("sourceversion_id", flat=True))


def live_versions_unseen(*, booking_id: int, live: tuple[int, ...] | None = None) -> tuple[int, ...] | None:
    """The live versions the booking's latest run did not see (every live one if it has no
    run), or None when it is current."""
    seen = latest_run_versions(booking_id=booking_id)
    live = live_version_ids() if live is None else live
    if seen is None:
        return live
    return tuple(v for v in live if v not in seen) or None


def screened_before_live_versions(bookings: QuerySet, *, live: tuple[int, ...] | None = None) -> QuerySet:
    """The bookings of `bookings` (a Booking queryset) with no run, or whose latest run
    did not see one of the live versions."""
    live = live_version_ids() if live is None else live
    latest = ScreeningRun.objects.filter(booking=OuterRef("pk")).order_by("-created_at", "-id").values("pk")
    annotated = bookings.annotate(latest_run_id=Subquery(latest[:1]))
    stale = Q(latest_run_id__isnull=True)
    for version_id in live:
        seen = VersionLink.objects.filter(
            screeningrun_id=OuterRef("latest_run_id"), sourceversion_id=version_id
        )
        stale |= Q(~Exists(seen))
    return annotated.filter(stale)
