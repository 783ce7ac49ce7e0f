"""Reads for the review pages: the queue, a booking's history, earlier bookings of its parties,
and the suppressions officers keep."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from bookings.enums import BookingStatus
from bookings.models import AuditRecord, Booking, Party, ReviewRequest
from bookings.review.presentation import VIEWED_ACTION
from bookings.selectors import bookings_matching
from screening.enums import Disposition
from screening.models import ScreeningRun, Suppression
from screening.normalise import normalise


def review_queue(*, filters: dict) -> tuple[QuerySet[Booking], dict[str, int]]:
    """Bookings under review, soonest event first, and how many are in each status.

    Each booking carries its queue markers: `review_requested` (an open request
    from the venue) and `evidence_changed` (a later screening recorded a change);
    `expedited` and `reopen_reason` are fields.
    """
    bookings = Booking.objects.filter(status__in=BookingStatus.UNDER_REVIEW)
    bookings = bookings_matching(bookings, filters.get("q", ""))
    if "venue" in filters:
        bookings = bookings.filter(venue=filters["venue"])
    if "district" in filters:
        bookings = bookings.filter(venue__district__iexact=filters["district"])
    if "source" in filters:
        bookings = bookings.filter(
            pk__in=Booking.objects.filter(
                screening_runs__matches__entry__version__source__slug=filters["source"]
            ).values("pk")
        )
    counts = dict(bookings.order_by().values_list("status").annotate(n=Count("id")))
    if "status" in filters:
        bookings = bookings.filter(status=filters["status"])
    ordered = _with_markers(bookings).select_related("venue", "assigned_to").order_by("starts_at", "id")
    return ordered, {s: counts.get(s, 0) for s in BookingStatus.UNDER_REVIEW}


def _with_markers(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    open_request = ReviewRequest.objects.filter(booking=OuterRef("pk"), resolved_at__isnull=True)
    # A run after the one the standing advice rests on (or any run, with no advice yet)
    # that recorded a change in the evidence.
    changed = (
        ScreeningRun.objects.filter(booking=OuterRef("pk"))
        .filter(Q(pk__gt=OuterRef("basis_run_id")) | Q(booking__basis_run__isnull=True))
        .exclude(changes=[])
    )
    return bookings.annotate(
        review_requested=Exists(open_request),
        evidence_changed=Exists(changed),
    )


def booking_history(*, booking: Booking) -> tuple[list[AuditRecord], list[AuditRecord]]:
    """What happened to the booking, and apart from it, who looked at its match details."""
    records = list(AuditRecord.objects.filter(object_type="bookings.booking", object_id=str(booking.pk)))
    events = [r for r in records if r.action != VIEWED_ACTION]
    views = [r for r in records if r.action == VIEWED_ACTION]
    return events, views


def previous_bookings_of_parties(*, booking: Booking) -> list[tuple[Booking, list[str]]]:
    """Earlier bookings (events already past) naming the same people or organisations, each
    once with the names it shares, most recent first. Future bookings are not "earlier"."""
    same_name = Q()
    for party in booking.parties.all():
        same_name |= Q(name__iexact=party.name, kind=party.kind)
    if not same_name:
        return []
    others = (
        Party.objects.filter(same_name, booking__starts_at__lt=min(booking.starts_at, timezone.now()))
        .exclude(booking=booking)
        .select_related("booking__venue")
        .order_by("-booking__starts_at", "booking_id", "position")[:100]
    )
    grouped: dict[int, tuple[Booking, list[str]]] = {}
    for party in others:
        grouped.setdefault(party.booking_id, (party.booking, []))[1].append(party.name)
    return list(grouped.values())


def suppression_list(*, text: str = "", state: str = "active") -> QuerySet[Suppression]:
    suppressions = Suppression.objects.select_related(
        "created_by", "revoked_by", "origin_match__party", "booking"
    )
    if state == "active":
        suppressions = suppressions.active()
    elif state == "ended":
        suppressions = suppressions.exclude(pk__in=Suppression.objects.active().values("pk"))
    if text.strip():
        # Party names are kept normalised (lower case, plain letters): search the same way.
        suppressions = suppressions.filter(
            Q(party_name__icontains=normalise(text)) | Q(entry_caption__icontains=text.strip())
        )
    return suppressions.order_by("-created_at", "-id")


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
