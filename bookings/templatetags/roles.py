"""`{% load roles %}{% if user|has_role:"venue_staff" %}`: role checks in templates (navigation)."""

from django import template

from bookings.roles import has_role as _has_role

register = template.Library()


@register.filter
def has_role(user, role: str) -> bool:
    return _has_role(user, role)
