from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from bookings.models import Venue
from bookings.venues.services import venue_webhook_secret_rotate
from callers import ManagementCommand


class Command(BaseCommand):
    help = "Make a new webhook secret for a venue (by slug or name). It is printed once, last."

    def add_arguments(self, parser):
        parser.add_argument("venue", help="The venue's slug or name")

    def handle(self, *args, venue, **options):
        found = Venue.objects.filter(Q(slug=venue) | Q(name__iexact=venue)).first()
        if found is None:
            raise CommandError(f"no venue with slug or name {venue!r}")
        secret = venue_webhook_secret_rotate(venue=found, by=ManagementCommand("rotate_webhook_secret"))
        if not found.webhook_url:
            self.stdout.write(f"{found.name} has no webhook URL yet; the secret is kept for when it has.")
        self.stdout.write(
            f"New webhook secret for {found.name}; deliveries are signed with it from now on. "
            "It is shown only once; give it to the venue:"
        )
        self.stdout.write(secret)
