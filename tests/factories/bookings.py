from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.enums import PartyKind, PartyRole
from bookings.intake.services import booking_create
from bookings.models import Booking, Party, Venue, WebhookDelivery
from bookings.venues.services import user_create
from bookings.webhook_secrets import new_webhook_secret

LISTED_SPEAKER = "Dorian Vexley Marsh"  # on the test watch list as "Dorian Vexley-Marsh"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    slug = factory.Sequence(lambda n: f"venue-{n}")
    district = "Riverside"


def give_webhook(venue: Venue, url: str) -> str:
    """Point the venue's webhook at `url` with a secret made as the service makes them, and
    return the secret. Stored directly: the URL checks are tested on their own."""
    venue.webhook_url, venue.webhook_secret = url, new_webhook_secret()
    venue.save()
    return venue.webhook_secret


class BookingFactory(factory.django.DjangoModelFactory):
    """A stored booking with no parties and no screening (use the services for those)."""

    class Meta:
        model = Booking

    venue = factory.SubFactory(VenueFactory)
    external_ref = factory.Sequence(lambda n: f"REF-{n:05d}")
    title = "Community meeting"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    """A queued notification of a booking, due now, to its venue's webhook."""

    class Meta:
        model = WebhookDelivery

    booking = factory.SubFactory(BookingFactory)
    venue = factory.LazyAttribute(lambda o: o.booking.venue)
    event = "booking.advice_changed"
    url = factory.LazyAttribute(lambda o: o.venue.webhook_url)
    payload = factory.LazyAttributeSequence(
        lambda o, n: {
            "idempotency_key": f"key-{n}",
            "event": o.event,
            "booking": {"id": str(o.booking.public_id)},
        }
    )
    next_attempt_at = factory.LazyFunction(timezone.now)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    booking = factory.SubFactory(BookingFactory)
    role = PartyRole.SPEAKER
    kind = PartyKind.PERSON
    name = factory.Sequence(lambda n: f"Speaker Number{n}")


def make_user(username: str, role: str, venue: Venue | None = None):
    user, _ = user_create(username=username, role=role, password="pw", venue=venue, by=None)
    return get_user_model().objects.get(pk=user.pk)


def booking_payload(ref: str = "HB-2026-0042", *, speakers=(), is_public=True, **event) -> dict:
    # Whole hours, so two calls in one test give the same content (retries must match).
    starts = (timezone.now() + timedelta(days=30)).replace(hour=18, minute=0, second=0, microsecond=0)
    return {
        "external_ref": ref,
        "event": {
            "title": "Neighbourhood talk",
            "description": "An evening talk and discussion.",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=3)).isoformat(),
            "expected_attendance": 80,
            "is_public": is_public,
            **event,
        },
        "hirer": {
            "name": "Riverside Residents Association",
            "kind": "organisation",
            "contact_name": "Jo Bloggs",
            "contact_email": "jo@example.org",
        },
        "parties": [{"name": s, "kind": "person", "role": "speaker"} for s in speakers],
    }


def create_booking_from(venue, payload: dict, *, by=None):
    """The booking `payload` (booking_payload's shape) describes, stored and screened
    through the intake service, by `by` (the system when None)."""
    booking, _ = booking_create(
        venue=venue,
        external_ref=payload["external_ref"],
        event=payload["event"],
        hirer=payload["hirer"],
        parties=payload["parties"],
        by=by,
    )
    return booking


def create_booking(venue, ref="HB-1", speakers=(), **event):
    """A booking stored and screened through the intake service, as the system."""
    return create_booking_from(venue, booking_payload(ref, speakers=speakers, **event))


def venue_admin_form_data(venue: Venue, **fields) -> dict:
    """What the admin's venue change form sends for `venue` as it stands (no webhook),
    with `fields` changed."""
    return {
        "name": venue.name,
        "slug": venue.slug,
        "district": venue.district,
        "venue_type": venue.venue_type,
        "scope_rule": venue.scope_rule,
        "webhook_url": "",
        **fields,
    }


def staff_form_data(**overrides) -> dict:
    """What the staff booking form sends for a clean booking, with `overrides`."""
    day = timezone.localdate() + timedelta(days=30)
    data = {
        "token": "0123456789abcdef0123456789abcdef",
        "title": "Canal history talk",
        "description": "A talk and questions.",
        "date": day.isoformat(),
        "starts": "18:00",
        "ends": "21:00",
        "end_date": "",
        "is_public": "yes",
        "attendance_mode": "in_person",
        "expected_attendance": "40",
        "promotion": "",
        "reference": "",
        "hirer-name": "Canal Heritage Society",
        "hirer-kind": "organisation",
        "hirer-contact_name": "Jo Bloggs",
        "hirer-contact_email": "jo@example.org",
        "parties-TOTAL_FORMS": "1",
        "parties-INITIAL_FORMS": "0",
        "parties-0-name": "Priya Natarajan",
        "parties-0-role": "speaker",
        "parties-0-kind": "person",
        "parties-0-organisation": "",
        "parties-0-dob_day": "",
        "parties-0-dob_month": "",
        "parties-0-dob_year": "",
    }
    data.update(overrides)
    return data
