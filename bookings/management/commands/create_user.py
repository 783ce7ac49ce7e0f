from django.core.management.base import BaseCommand, CommandError

from bookings.roles import Role
from bookings.venues.services import user_create, venue_get_or_create
from callers import ManagementCommand


class Command(BaseCommand):
    help = "Create a person's login with a role (and their venue, for venue staff)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--venue", help="Venue name (created if missing).")
        parser.add_argument("--password")

    def handle(self, *args, username, role, venue, password, **options):
        if role == Role.VENUE_STAFF and not venue:
            raise CommandError("venue staff need --venue")
        venue_obj = venue_get_or_create(name=venue)[0] if venue else None
        user, created = user_create(
            username=username,
            role=role,
            password=password,
            venue=venue_obj,
            by=ManagementCommand("create_user"),
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {user.username} as {role}" + (f" at {venue_obj}" if venue_obj else ""))
