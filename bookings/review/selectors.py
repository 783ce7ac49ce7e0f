"""Reads for the review pages: the queue, a booking's history, earlier bookings of its parties."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bookings.enums import BookingStatus
from bookings.models import AuditRecord, Booking, Party, ReviewRequest
from screening.enums import Disposition
from screening.models import ScreeningRun


def review_queue(*, filters: dict) -> tuple[QuerySet[Booking], dict[str, int]]:
    """Bookings under review, soonest event first, and how many are in each status."""
    bookings = Booking.objects.filter(status__in=BookingStatus.UNDER_REVIEW)
    if "venue" in filters:
        bookings = bookings.filter(venue=filters["venue"])
    if "district" in filters:
        bookings = bookings.filter(venue__district__iexact=filters["district"])
    if "source" in filters:
        bookings = bookings.filter(
            screening_runs__matches__entry__version__source__slug=filters["source"]
        ).distinct()
    counts = dict(bookings.order_by().values_list("status").annotate(n=Count("id")))
    if "status" in filters:
        bookings = bookings.filter(status=filters["status"])
    ordered = (
        bookings.select_related("venue", "assigned_to")
        .annotate(
            review_requested=Exists(
                ReviewRequest.objects.filter(booking=OuterRef("pk"), resolved_at__isnull=True)
            ),
            evidence_changed=Exists(
                ScreeningRun.objects.filter(booking=OuterRef("pk"))
                .filter(Q(pk__gt=OuterRef("basis_run_id")) | Q(booking__basis_run__isnull=True))
                .exclude(changes=[])
            ),
        )
        .order_by("starts_at", "id")
    )
    return ordered, {s: counts.get(s, 0) for s in BookingStatus.UNDER_REVIEW}


def booking_history(*, booking: Booking) -> QuerySet[AuditRecord]:
    return AuditRecord.objects.filter(object_type="bookings.booking", object_id=str(booking.pk))


def previous_bookings_of_parties(*, booking: Booking) -> list[tuple[Party, Booking]]:
    """Other bookings naming the same people or organisations, and how they ended."""
    same_name = Q()
    for party in booking.parties.all():
        same_name |= Q(name__iexact=party.name, kind=party.kind)
    others = (
        Party.objects.filter(same_name)
        .exclude(booking=booking)
        .select_related("booking__venue")
        .order_by("-booking__starts_at")[:50]
    )
    return [(p, p.booking) for p in others]


def evidence_changes(*, booking: Booking) -> list[dict]:
    """What changed in the evidence since the standing (or last) advice was given:
    each run's changes after the basis run, oldest first, labelled for the officer."""
    runs = booking.screening_runs.order_by("created_at", "id")
    if booking.basis_run_id is not None:
        runs = runs.filter(pk__gt=booking.basis_run_id)
    return [
        {
            **change,
            "label": CHANGE_LABELS.get(change["change"], change["change"]),
            "disposition_label": Disposition(change["disposition"]).label if change["disposition"] else "",
            "run": run.pk,
        }
        for run in runs
        for change in run.changes
    ]


CHANGE_LABELS = {
    "entry_removed": "Entry removed from its source",
    "entry_changed": "Entry's details changed in its source",
    "alias_changed": "Now matches a different alias",
    "party_details_changed": "The party's details changed",
    "party_changed": "The party is no longer on the booking",
    "no_longer_matches": "No longer matches",
    "new_match": "New match",
}
