"""Who may see coverage reports: CAVA reporters, Prevent Officers and administrators."""

from bookings.roles import Role, has_role

REPORT_ROLES = (Role.CAVA_REPORTER, Role.PREVENT_OFFICER, Role.ADMIN)


def can_see_reports(user) -> bool:
    """People only: a venue system's API key is never a reporting principal."""
    if not hasattr(user, "groups"):
        return False
    return any(has_role(user, role) for role in REPORT_ROLES)
