"""Demo data for `make run`: venues, a demo concern source, logins, a key and bookings.

`--bookings N` adds a realistic spread of venues and N bookings (bulk-created,
see bookings/demo_spread.py) for report demos and the report benchmark.
"""

from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from bookings.demo_spread import seed_bookings
from bookings.enums import VenueType
from bookings.intake.services import booking_create
from bookings.models import Booking
from bookings.roles import Role
from bookings.venues.services import api_key_create, api_key_revoke, user_create, venue_get_or_create
from callers import ManagementCommand
from watch_sources.services import source_import

DEMO_SOURCE = Path(__file__).resolve().parents[3] / "watch_sources" / "demo" / "demo_source.ftm.jsonl"
DEMO_PASSWORD = "demo-password-1"
VENUES = [
    ("Riverside Community Centre", "Riverside", VenueType.COMMUNITY_CENTRE),
    ("Central Library Meeting Rooms", "City Centre", VenueType.LIBRARY),
    ("Northfield Town Hall", "Northfield", VenueType.COUNCIL_HALL),
]
USERS = [
    ("staff", Role.VENUE_STAFF),
    ("officer", Role.PREVENT_OFFICER),
    ("officer2", Role.PREVENT_OFFICER),
    ("cava", Role.CAVA_REPORTER),
    ("admin", Role.ADMIN),
]


class Command(BaseCommand):
    help = "Load demo data (idempotent): venues, a demo source, a login per role, an API key, bookings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bookings",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N bulk-created demo bookings (and their venues) exist.",
        )

    def handle(self, *args, **options):
        venues = [
            venue_get_or_create(name=name, district=district, venue_type=kind)[0]
            for name, district, kind in VENUES
        ]
        for each in venues:
            _give_address(each, "contact_email", f"bookings@{each.slug}.example.org")
        source_import(slug="demo-watchlist", origin=str(DEMO_SOURCE), fmt="ftm")
        for username, role in USERS:
            venue = venues[0] if role == Role.VENUE_STAFF else None
            user, _ = user_create(
                username=username,
                role=role,
                password=DEMO_PASSWORD,
                venue=venue,
                by=ManagementCommand("seed_demo"),
            )
            _give_address(user, "email", f"{username}@venue-check.example")
        if not Booking.objects.exists():
            self._bookings(venues[0])
        if options["bookings"] > 0:
            added = seed_bookings(count=options["bookings"])
            self.stdout.write(f"Seeded {added} more demo bookings (target {options['bookings']}).")
        self._revoke_earlier_demo_keys(venues[0])
        _, key = api_key_create(venue=venues[0], name="demo", by=ManagementCommand("seed_demo"))
        self.stdout.write(
            f"Demo logins (password '{DEMO_PASSWORD}'): " + ", ".join(f"{u} ({r.label})" for u, r in USERS)
        )
        self.stdout.write(
            "Demo e-mail addresses: "
            + ", ".join(f"{u}@venue-check.example" for u, _ in USERS)
            + f"; {venues[0].name}: {venues[0].contact_email}. E-mails are printed by the worker."
        )
        self.stdout.write(f"Demo API key for {venues[0].name}:")
        self.stdout.write(key)

    def _revoke_earlier_demo_keys(self, venue):
        """Only the key printed last works: a demo key printed by an earlier run is revoked, and said so."""
        earlier = list(venue.api_keys.active().filter(name="demo"))
        for api_key in earlier:
            api_key_revoke(api_key=api_key, by=ManagementCommand("seed_demo"))
        if earlier:
            prefixes = ", ".join(f"{k.prefix}…" for k in earlier)
            self.stdout.write(f"Revoked {len(earlier)} earlier demo API key(s) for {venue.name}: {prefixes}")
        else:
            self.stdout.write(f"No earlier demo API key for {venue.name} to revoke.")

    def _bookings(self, venue):
        today = timezone.now().replace(hour=18, minute=0, second=0, microsecond=0)
        soon = today + timedelta(days=21)
        demo = [
            ("DEMO-0001", "Seniors' lunch club", False, [], ("Riverside Lunch Club", "organisation")),
            (
                "DEMO-0002",
                "Talk: history of the canal",
                True,
                [{"name": "Priya Natarajan", "kind": "person", "role": "speaker"}],
                ("Canal Heritage Society", "organisation"),
            ),
            (
                "DEMO-0003",
                "Community evening",
                True,
                [{"name": "Dorian Vexley Marsh", "kind": "person", "role": "speaker"}],
                ("Eastside Friends", "organisation"),
            ),
            ("DEMO-0004", "Birthday party", False, [], ("Sam Okafor", "person")),
        ]
        for n, (ref, title, public, parties, (hirer, kind)) in enumerate(demo):
            starts = soon + timedelta(days=n)
            booking_create(
                venue=venue,
                external_ref=ref,
                by=ManagementCommand("seed_demo"),
                event={
                    "title": title,
                    "description": "",
                    "starts_at": starts,
                    "ends_at": starts + timedelta(hours=3),
                    "is_public": public,
                },
                hirer={"name": hirer, "kind": kind},
                parties=parties,
            )


def _give_address(obj, field: str, address: str) -> None:
    """Demo addresses, so `make run` shows every e-mail; an address already set is kept."""
    if not getattr(obj, field):
        setattr(obj, field, address)
        obj.save(update_fields=[field])
