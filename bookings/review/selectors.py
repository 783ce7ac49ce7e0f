"""Reads for the review pages: the queue, a booking's history, earlier bookings of its parties."""

from django.db.models import Count, Q, QuerySet

from bookings.enums import BookingStatus
from bookings.models import AuditRecord, Booking, Party


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
    ordered = bookings.select_related("venue", "assigned_to").order_by("starts_at", "id")
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
