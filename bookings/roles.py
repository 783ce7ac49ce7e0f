"""People's roles, held as Django groups so administrators manage them in the admin."""

from django.db import models


class Role(models.TextChoices):
    VENUE_STAFF = "venue_staff", "Venue staff"
    PREVENT_OFFICER = "prevent_officer", "Prevent Officer"
    CAVA_REPORTER = "cava_reporter", "CAVA reporter"
    ADMIN = "admin", "Administrator"


def has_role(user, role: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if role == Role.ADMIN and user.is_superuser:
        return True
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role in names


def is_officer(user) -> bool:
    return has_role(user, Role.PREVENT_OFFICER)
