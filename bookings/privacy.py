"""Data protection: purging personal data after retention, and subject access exports.

PURGED_FIELDS lists, per model, every field that can hold personal data or
free text about a booking, with the path from that model to its booking.
Anything added later that holds such data must be listed here; the tests
check that a purged booking keeps none of the distinctive text put into it.
Audit records hold no names or free text, so the chain stays verifiable.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from screening.models import Match
from screening.normalise import normalise

from .audit import audit_record
from .models import (
    AuditRecord,
    Booking,
    InformationRequest,
    Party,
    ReviewRequest,
    VenueDecision,
    WebhookDelivery,
)

PURGED = "[purged]"

PURGED_FIELDS = {
    Booking: ("id", {"title": PURGED, "description": "", "promotion": "", "hirer_contact_name": "",
                     "hirer_contact_email": "", "withdrawal_reason": "",
                     "advice_rationale": "", "officer_notes": "", "advice_conditions_text": "",
                     "expedite_reason": "", "approval_rejection_reason": ""}),
    Party: ("booking_id", {"name": PURGED, "organisation": "", "date_of_birth": ""}),
    Match: ("run__booking_id", {"query_name": PURGED, "explanation": {},
                                "disposition_reason": "", "discriminator_text": ""}),
    InformationRequest: ("booking_id", {"question": PURGED, "answer": ""}),
    VenueDecision: ("booking_id", {"reason": "", "decided_by_name": PURGED,
                                   "second_person_name": ""}),
    ReviewRequest: ("booking_id", {"reason": PURGED}),
    WebhookDelivery: ("booking_id", {"payload": {}}),
}


def bookings_due_for_purge():
    cutoff = timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Booking.objects.filter(ends_at__lt=cutoff, personal_data_purged_at__isnull=True)


@transaction.atomic
def personal_data_purge(*, actor: str) -> int:
    """Blank names and free text of bookings past retention. Returns how many."""
    booking_ids = list(bookings_due_for_purge().select_for_update().values_list("id", flat=True))
    if not booking_ids:
        return 0
    for model, (path, blanks) in PURGED_FIELDS.items():
        model.objects.filter(**{f"{path}__in": booking_ids}).update(**blanks)
    Booking.objects.filter(id__in=booking_ids).update(personal_data_purged_at=timezone.now())
    audit_record(actor=actor, action="personal_data.purged", object_type="bookings.booking",
                 data={"bookings": len(booking_ids),
                       "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS})
    return len(booking_ids)


def subject_access_export(*, name: str, date_of_birth: str = "") -> dict:
    """Everything held about people named `name` (normalised), for a subject access request.

    Officers must review restricted material for exemptions before disclosure.
    """
    key = normalise(name)
    # Compared after normalisation (accents, scripts, punctuation), so scanned
    # in Python: a rare, administrative request.
    ids = [pk for pk, stored in Party.objects.values_list("id", "name").iterator(chunk_size=5000)
           if key and normalise(stored) == key]
    parties = [
        p for p in Party.objects.select_related("booking__venue").filter(id__in=ids)
        .order_by("booking__starts_at", "id")
        if not date_of_birth or p.date_of_birth in ("", date_of_birth)
    ]
    return {
        "query": {"name": name, "date_of_birth": date_of_birth},
        "generated_at": timezone.now().isoformat(),
        "records": [_party_record(p) for p in parties],
    }


def _party_record(party: Party) -> dict:
    booking = party.booking
    return {
        "party": {"name": party.name, "kind": party.kind, "role": party.role,
                  "organisation": party.organisation, "date_of_birth": party.date_of_birth},
        "booking": {"id": str(booking.public_id), "external_ref": booking.external_ref,
                    "venue": booking.venue.name, "title": booking.title,
                    "starts_at": booking.starts_at.isoformat(), "status": booking.status,
                    "advice": booking.advice},
        "screening_matches": [
            {"source": m.entry.version.source.slug, "entry_id": m.entry.entry_id,
             "matched_name": m.matched_name, "score": m.score, "explanation": m.explanation,
             "screened_at": m.run.created_at.isoformat()}
            for m in Match.objects.filter(party=party).select_related("entry__version__source", "run")
        ],
        "audit": [
            {"at": r.created_at.isoformat(), "actor": r.actor, "action": r.action, "data": r.data}
            for r in AuditRecord.objects.filter(object_type="bookings.booking", object_id=str(booking.pk))
        ],
    }
