"""What a venue is told about its booking: only what the venue may see."""

import uuid

from django.utils import timezone

from bookings.models import Booking
from bookings.presentation import venue_status


def venue_payload(booking: Booking, event: str) -> dict:
    question = booking.information_requests.filter(answered_at__isnull=True).last()
    return {
        # The receiver drops a key it has seen: a retry after a lost answer is not a new event.
        "idempotency_key": uuid.uuid4().hex,
        "event": event,
        "sent_at": timezone.now().isoformat(),
        "booking": {
            "id": str(booking.public_id),
            "external_ref": booking.external_ref,
            "status": venue_status(booking.status),
            "advice": booking.advice,
            "advice_conditions": [
                {"code": c.code, "label": c.label} for c in booking.advice_conditions.all()
            ],
            "advice_conditions_text": booking.advice_conditions_text,
            "advice_rationale": booking.advice_rationale if booking.advice else "",
            "advised_at": booking.advised_at.isoformat() if booking.advised_at else None,
            "question": question.question if question else None,
        },
    }
