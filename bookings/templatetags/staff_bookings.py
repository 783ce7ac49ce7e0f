"""Filters for the venue staff pages: plain-English status and advice."""

from django import template

from bookings import presentation

register = template.Library()


@register.filter
def staff_status(status: str) -> str:
    return presentation.staff_status_label(status)


@register.filter
def staff_status_colour(status: str) -> str:
    return presentation.staff_status_colour(status)


@register.filter
def staff_advice(advice: str | None) -> str:
    return presentation.staff_advice_label(advice)
