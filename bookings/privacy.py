"""Data protection: purging personal data after retention, and subject access exports.

PURGED_FIELDS lists, per model, every field that can hold personal data or
free text about a booking, with the path from that model to its booking.
Anything added later that holds such data must be listed here; the tests
check that a purged booking keeps none of the distinctive text put into it.
Audit records hold no names or free text, so the chain stays verifiable.
Suppressions are blanked as soon as they end (expired or revoked).
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from screening.models import Match, ScreeningRun, Suppression
from screening.normalise import normalise

from .audit import audit_record
from .enums import PartyKind
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
# A refusal on Prevent grounds must name a second person (a database constraint): a name
# that was there becomes the marker, an empty one stays empty.
PURGED_IF_SET = Case(When(second_person_name="", then=Value("")), default=Value(PURGED))

PURGED_FIELDS: dict[type[models.Model], tuple[str, dict[str, Any]]] = {
    Booking: (
        "id",
        {
            "title": PURGED,
            "description": "",
            "promotion": "",
            "hirer_contact_name": "",
            "hirer_contact_email": "",
            "withdrawal_reason": "",
            "advice_rationale": "",
            "officer_notes": "",
            "advice_conditions_text": "",
            "expedite_reason": "",
            "approval_rejection_reason": "",
            "proposed_rationale": "",
        },
    ),
    Party: ("booking_id", {"name": PURGED, "organisation": "", "date_of_birth": ""}),
    Match: (
        "run__booking_id",
        # The fingerprint hashes a party's name and date of birth: it goes too.
        {
            "query_name": PURGED,
            "explanation": {},
            "disposition_reason": "",
            "discriminator_text": "",
            "fingerprint": "",
        },
    ),
    # Names that raised a signal, and matches discounted by date of birth.
    # ... and a run's changes name the parties whose matches changed.
    ScreeningRun: ("booking_id", {"signals": [], "discounted": [], "changes": []}),
    InformationRequest: ("booking_id", {"question": PURGED, "answer": ""}),
    VenueDecision: (
        "booking_id",
        {"reason": "", "decided_by_name": PURGED, "second_person_name": PURGED_IF_SET},
    ),
    ReviewRequest: ("booking_id", {"reason": PURGED}),
    WebhookDelivery: ("booking_id", {"payload": {}}),
}


# A suppression identifies a person only to stop them being flagged again; once it has
# ended (expired or revoked) it has no purpose, and the person's details go.
SUPPRESSION_PURGED = {
    "party_name": PURGED,
    "party_date_of_birth": "",
    "party_organisation": "",
    "discriminator_text": "",
    "reason": PURGED,
    "revoke_reason": "",
}


@dataclass(frozen=True)
class PurgeResult:
    bookings: int
    suppressions: int


def bookings_due_for_purge():
    cutoff = timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Booking.objects.filter(ends_at__lt=cutoff, personal_data_purged_at__isnull=True)


def suppressions_due_for_purge():
    ended = Q(revoked_at__isnull=False) | Q(stale_at__isnull=False) | Q(expires_at__lte=timezone.now())
    return Suppression.objects.filter(ended).exclude(party_name=PURGED)


@transaction.atomic
def personal_data_purge(*, by) -> PurgeResult:
    """Blank names and free text of bookings past retention, and of suppressions that ended."""
    booking_ids = list(bookings_due_for_purge().select_for_update().values_list("id", flat=True))
    for model, (path, blanks) in PURGED_FIELDS.items():
        model._default_manager.filter(**{f"{path}__in": booking_ids}).update(**blanks)
    Booking.objects.filter(id__in=booking_ids).update(personal_data_purged_at=timezone.now())
    suppressions = suppressions_due_for_purge().update(**SUPPRESSION_PURGED)
    result = PurgeResult(bookings=len(booking_ids), suppressions=suppressions)
    if result.bookings or result.suppressions:
        audit_record(
            by=by,
            action="personal_data.purged",
            object_type="bookings.booking",
            data={
                "bookings": result.bookings,
                "suppressions": result.suppressions,
                "retention_days": settings.PERSONAL_DATA_RETENTION_DAYS,
            },
        )
    return result


def subject_access_export(*, name: str, date_of_birth: str = "") -> dict:
    """Everything held about people named `name` (normalised), for a subject access request.

    Officers must review restricted material for exemptions before disclosure.
    """
    key = normalise(name)
    # Compared after normalisation (accents, scripts, punctuation), so scanned
    # in Python: a rare, administrative request.
    ids = [
        pk
        for pk, stored in Party.objects.values_list("id", "name").iterator(chunk_size=5000)
        if key and normalise(stored) == key
    ]
    parties = [
        p
        for p in Party.objects.select_related("booking__venue")
        .filter(id__in=ids)
        .order_by("booking__starts_at", "id")
        if not date_of_birth or p.date_of_birth in ("", date_of_birth)
    ]
    return {
        "query": {"name": name, "date_of_birth": date_of_birth},
        "generated_at": timezone.now().isoformat(),
        "records": [_party_record(p) for p in parties],
        "suppressions": _suppressions(key, parties, date_of_birth),
    }


def _suppressions(key: str, parties: list[Party], date_of_birth: str) -> list[dict]:
    """Cleared false positives remembered for this identity: the normalised name with the kind
    and date of birth of a party found (or of a person, whose bookings may be purged already).
    An unknown date of birth does not tell two people apart; two known, different ones do."""
    identities = {(p.kind, p.date_of_birth) for p in parties} | {(PartyKind.PERSON, date_of_birth)}

    def compatible(a: str, b: str) -> bool:
        return not a or not b or a == b

    def same_identity(s: Suppression) -> bool:
        return compatible(date_of_birth, s.party_date_of_birth) and any(
            kind == s.party_kind and compatible(dob, s.party_date_of_birth) for kind, dob in identities
        )

    found = Suppression.objects.filter(party_name=key).order_by("created_at", "id") if key else []
    return [
        {
            "party": {"name": s.party_name, "kind": s.party_kind, "date_of_birth": s.party_date_of_birth},
            "source": s.source_slug,
            "entry_id": s.entry_id,
            "entry_caption": s.entry_caption,
            "discriminators": s.discriminators,
            "discriminator_text": s.discriminator_text,
            "reason": s.reason,
            "created_at": s.created_at.isoformat(),
            "expires_at": s.expires_at.isoformat(),
            "revoked_at": s.revoked_at.isoformat() if s.revoked_at else None,
            "revoke_reason": s.revoke_reason,
        }
        for s in found
        if same_identity(s)
    ]


def _party_record(party: Party) -> dict:
    booking = party.booking
    return {
        "party": {
            "name": party.name,
            "kind": party.kind,
            "role": party.role,
            "organisation": party.organisation,
            "date_of_birth": party.date_of_birth,
        },
        "booking": {
            "id": str(booking.public_id),
            "external_ref": booking.external_ref,
            "venue": booking.venue.name,
            "title": booking.title,
            "starts_at": booking.starts_at.isoformat(),
            "status": booking.status,
            "advice": booking.advice,
            "advice_rationale": booking.advice_rationale,
            "advice_conditions_text": booking.advice_conditions_text,
            # Restricted: the officer decides what of it is exempt from disclosure.
            "officer_notes": booking.officer_notes,
            "expedite_reason": booking.expedite_reason,
            "withdrawal_reason": booking.withdrawal_reason,
        },
        "information_requests": [
            {
                "question": r.question,
                "asked_at": r.asked_at.isoformat(),
                "answer": r.answer,
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            }
            for r in booking.information_requests.order_by("asked_at", "id")
        ],
        "venue_decisions": [
            {
                "outcome": d.outcome,
                "grounds": d.grounds,
                "reason": d.reason,
                "decided_by_name": d.decided_by_name,
                "second_person_name": d.second_person_name,
                "recorded_at": d.recorded_at.isoformat(),
            }
            for d in booking.venue_decisions.order_by("recorded_at", "id")
        ],
        "review_requests": [
            {
                "reason": r.reason,
                "original_advice": r.original_advice,
                "outcome": r.outcome,
                "new_advice": r.new_advice,
                "requested_at": r.requested_at.isoformat(),
                "resolved_at": r.resolved_at.isoformat() if r.resolved_at else None,
            }
            for r in booking.review_requests.order_by("requested_at", "id")
        ],
        "screening_matches": [
            {
                "source": m.entry.version.source.slug,
                "entry_id": m.entry.entry_id,
                "matched_name": m.matched_name,
                "score": m.score,
                "explanation": m.explanation,
                "screened_at": m.run.created_at.isoformat(),
                "disposition": m.disposition,
                "disposition_reason": m.disposition_reason,
                "discriminators": m.discriminators,
                "discriminator_text": m.discriminator_text,
            }
            for m in Match.objects.filter(party=party).select_related("entry__version__source", "run")
        ],
        "audit": [
            {"at": r.created_at.isoformat(), "actor": r.actor, "action": r.action, "data": r.data}
            for r in AuditRecord.objects.filter(object_type="bookings.booking", object_id=str(booking.pk))
        ],
    }
