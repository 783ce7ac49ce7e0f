"""`{% load roles %}{% if user|has_role:"venue_staff" %}`: role checks in templates (navigation)."""

from django import template

from bookings.reports.access import can_see_reports as _can_see_reports
from bookings.roles import has_role as _has_role

register = template.Library()


@register.filter
def has_role(user, role: str) -> bool:
    return _has_role(user, role)


@register.filter
def can_see_reports(user) -> bool:
    """CAVA reporters, officers and administrators: the same rule as the report pages."""
    return _can_see_reports(user)
