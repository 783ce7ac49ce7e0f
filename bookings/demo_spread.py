"""A realistic spread of venues and bookings for demos and the report benchmark.

Bulk-created for speed: 100,000 bookings take seconds, not the hours that
screening each one through the services would. The rows carry no parties and
only generic titles: they exist to give reports something to count. Seeded
flagged bookings all have a recorded outcome (nothing waits in the officer's
queue without matches to explain it).
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from screening.enums import ScreeningTrigger
from screening.models import ScreeningRun

from .enums import Advice, BookingStatus, Channel, VenueType
from .models import Booking, Venue

SEED_PREFIX = "SEED-"
DISTRICTS = {  # district: relative share of venues
    "City Centre": 14,
    "Riverside": 12,
    "Northfield": 11,
    "Southgate": 10,
    "Eastbrook": 9,
    "Westmoor": 8,
    "Hillcrest": 7,
    "Canalside": 6,
    "Oakwood": 5,
    "Millbank": 4,
}
VENUE_TYPES = {
    VenueType.COMMUNITY_CENTRE: 35,
    VenueType.LIBRARY: 15,
    VenueType.COUNCIL_HALL: 10,
    VenueType.SCHOOL: 15,
    VenueType.SPORTS: 10,
    VenueType.FAITH: 10,
    VenueType.OTHER: 5,
}
TITLES = [
    "Community lunch",
    "Public talk",
    "Film screening",
    "Fundraising dinner",
    "Exercise class",
    "Youth club",
    "Cultural evening",
    "Residents' meeting",
    "Conference",
    "Charity quiz",
    "Exhibition",
    "Music night",
]
HISTORY_DAYS = 540  # bookings received over the last eighteen months
BOOKINGS_PER_VENUE = 250
BATCH = 5000


def _weighted(rng: random.Random, table: dict):
    return rng.choices(list(table), weights=list(table.values()))[0]


def seed_venues(*, count: int, rng: random.Random, now: datetime) -> list[Venue]:
    """Ensure at least `count` seeded venues exist; return all of them."""
    existing = list(Venue.objects.filter(slug__startswith="seed-"))
    new = []
    for n in range(len(existing), count):
        district, kind = _weighted(rng, DISTRICTS), _weighted(rng, VENUE_TYPES)
        new.append(
            Venue(
                name=f"{district} {VenueType(kind).label} {n + 1}",
                slug=f"seed-{n + 1:04d}",
                district=district,
                venue_type=kind,
                created_at=now - timedelta(days=rng.randint(30, 3 * 365)),
            )
        )
    Venue.objects.bulk_create(new, batch_size=BATCH)
    return existing + new


def seed_bookings(*, count: int, seed: int = 7) -> int:
    """Ensure at least `count` seeded bookings exist. Returns how many were added."""
    rng, now = random.Random(seed), timezone.now()
    have = Booking.objects.filter(external_ref__startswith=SEED_PREFIX).count()
    if have >= count:
        return 0
    venues = seed_venues(count=max(12, min(600, count // BOOKINGS_PER_VENUE)), rng=rng, now=now)
    # About one venue in seven is signed up but never sends a booking: the gaps CAVA looks for.
    venues = [venue for n, venue in enumerate(venues) if n % 7 != 3]
    for start in range(have, count, BATCH):
        with transaction.atomic():
            batch = range(start, min(count, start + BATCH))
            bookings = Booking.objects.bulk_create([_booking(n, rng.choice(venues), rng, now) for n in batch])
            ScreeningRun.objects.bulk_create(_runs(bookings, rng))
    return count - have


def _booking(n: int, venue: Venue, rng: random.Random, now: datetime) -> Booking:
    received = max(now - timedelta(days=rng.uniform(0, HISTORY_DAYS)), venue.created_at)
    starts = received + timedelta(
        days=rng.choice([1, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90]), hours=rng.randint(0, 10)
    )
    status, advice, flagged = _outcome(rng, event_passed=starts < now)
    screened = received + timedelta(seconds=2)
    return Booking(
        venue=venue,
        external_ref=f"{SEED_PREFIX}{n + 1:06d}",
        channel=Channel.API,
        title=rng.choice(TITLES),
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        is_public=status != BookingStatus.NOT_IN_SCOPE,
        expected_attendance=rng.randint(10, 300),
        status=status,
        advice=advice,
        created_at=received,
        screened_at=screened,
        flagged_at=screened if flagged else None,
        withdrawn_at=screened + timedelta(days=1) if status == BookingStatus.WITHDRAWN else None,
    )


def _outcome(rng: random.Random, *, event_passed: bool) -> tuple[str, str | None, bool]:
    """(status, advice, ever flagged): about a quarter out of scope, 4% of the rest flagged."""
    roll = rng.random()
    if roll < 0.25:
        return BookingStatus.NOT_IN_SCOPE, None, False
    if roll < 0.27:
        return BookingStatus.WITHDRAWN, None, False
    if roll > 0.96:
        return _flagged_outcome(rng, event_passed)
    return BookingStatus.CLEARED, None, False


def _flagged_outcome(rng: random.Random, event_passed: bool) -> tuple[str, str | None, bool]:
    roll = rng.random()
    if roll < 0.05:
        return BookingStatus.LAPSED if event_passed else BookingStatus.WITHDRAWN, None, True
    if roll < 0.12:
        return BookingStatus.WITHDRAWN, None, True
    advice = rng.choices(
        [Advice.NO_CONCERNS, Advice.PROCEED_WITH_CONDITIONS, Advice.ADVISE_DECLINE], weights=[60, 32, 8]
    )[0]
    return BookingStatus.CLOSED if event_passed else BookingStatus.ADVISED, advice, True


def _runs(bookings: list[Booking], rng: random.Random) -> list[ScreeningRun]:
    """An intake run per booking; one in twenty-five re-screened after a source update."""
    runs = []
    for booking in bookings:
        in_scope = booking.status != BookingStatus.NOT_IN_SCOPE
        flagged = booking.flagged_at is not None
        screened_at = booking.screened_at
        assert screened_at is not None, "every seeded booking was screened"
        runs.append(
            ScreeningRun(
                booking=booking,
                trigger=ScreeningTrigger.INTAKE,
                created_at=screened_at,
                matcher="seed",
                threshold=0.8,
                in_scope=in_scope,
                flagged=flagged,
            )
        )
        if in_scope and rng.random() < 0.04:
            runs.append(
                ScreeningRun(
                    booking=booking,
                    trigger=ScreeningTrigger.SOURCE_UPDATE,
                    created_at=screened_at + timedelta(days=1),
                    matcher="seed",
                    threshold=0.8,
                    flagged=flagged,
                )
            )
    return runs
