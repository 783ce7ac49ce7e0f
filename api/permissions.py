from rest_framework.permissions import BasePermission

from bookings.reports.access import can_see_reports
from bookings.roles import Role, has_role

from .principals import is_venue_client


class CanUseBookings(BasePermission):
    """Venue systems, venue staff and officers use the bookings endpoints; CAVA does not."""

    message = "Your role cannot use bookings."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if is_venue_client(user):
            return True
        if view.action == "create":
            return has_role(user, Role.VENUE_STAFF)
        return any(has_role(user, r) for r in (Role.VENUE_STAFF, Role.PREVENT_OFFICER, Role.ADMIN))


class CanScreenNames(BasePermission):
    """Venue systems, venue staff and officers; what each is told differs (`sees_match_details`)."""

    message = "Only venue systems, venue staff and Prevent Officers can screen names."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return (
            is_venue_client(user) or has_role(user, Role.PREVENT_OFFICER) or has_role(user, Role.VENUE_STAFF)
        )


def sees_match_details(user) -> bool:
    """Only a Prevent Officer on their own login sees which entry matched."""
    return not is_venue_client(user) and has_role(user, Role.PREVENT_OFFICER)


class SeesMatchDetails(BasePermission):
    """Only Prevent Officers, on their own login, see matches and suppressions."""

    message = "Only Prevent Officers see match details."

    def has_permission(self, request, view) -> bool:
        return sees_match_details(request.user)


class CanSeeReports(BasePermission):
    """CAVA reporters, officers and administrators; never a venue system's API key."""

    message = "Only CAVA reporters, Prevent Officers and administrators can see reports."

    def has_permission(self, request, view) -> bool:
        user = request.user
        return not is_venue_client(user) and can_see_reports(user)
