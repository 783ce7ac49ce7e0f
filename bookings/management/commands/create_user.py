from django.core.management.base import BaseCommand, CommandError

from bookings.roles import Role
from bookings.venues.services import RoleSet, user_role_set, venue_get_or_create
from callers import ManagementCommand


class Command(BaseCommand):
    help = (
        "Create a person's login with a role (and their venue, for venue staff). "
        "Run for an existing person, it replaces their role with ROLE."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--venue", help="Venue name (created if missing).")
        parser.add_argument("--password")

    def handle(self, *args, username, role, venue, password, **options):
        if role == Role.VENUE_STAFF and not venue:
            raise CommandError("venue staff need --venue")
        venue_obj = venue_get_or_create(name=venue)[0] if venue else None
        done = user_role_set(
            username=username,
            role=role,
            password=password,
            venue=venue_obj,
            by=ManagementCommand("create_user"),
        )
        self.stdout.write(outcome(done, role, venue_obj, password_set=bool(password)))


def outcome(done: RoleSet, role: str, venue, *, password_set: bool) -> str:
    """One line saying exactly what changed."""
    at = f" at {venue}" if venue else ""
    if done.created:
        return f"Created {done.user.username} as {role}{at}"
    replaced = [r for r in done.previous_roles if r != role]
    if replaced:
        said = f"Updated {done.user.username}: role is now {role}{at} (replaces {', '.join(replaced)})"
    elif role in done.previous_roles:
        said = f"Updated {done.user.username}: role {role} unchanged{at}"
    else:
        said = f"Updated {done.user.username}: role is now {role}{at} (had no role)"
    if done.venues_left:
        said += f"; no longer staff of {', '.join(done.venues_left)}"
    if password_set:
        said += "; password changed"
    return said
