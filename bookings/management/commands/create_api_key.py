from django.core.management.base import BaseCommand

from bookings.venues.services import api_key_create, venue_get_or_create
from callers import ManagementCommand


class Command(BaseCommand):
    help = "Create a venue's API key (and the venue if missing). The key is printed once, last."

    def add_arguments(self, parser):
        parser.add_argument("venue_name")
        parser.add_argument("--name", default="", help="A label for the key, e.g. the system using it.")

    def handle(self, *args, venue_name, name, **options):
        venue, created = venue_get_or_create(name=venue_name)
        if created:
            self.stdout.write(f"Created venue {venue.name} ({venue.slug}).")
        api_key, key = api_key_create(venue=venue, name=name, by=ManagementCommand("create_api_key"))
        self.stdout.write(f"API key {api_key.prefix}… for {venue.name}. It is shown only once:")
        self.stdout.write(key)
