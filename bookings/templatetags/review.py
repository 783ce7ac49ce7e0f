"""Filters for the officer's pages: statuses, history and match details in plain words."""

from django import template

from bookings.review import presentation

register = template.Library()


@register.filter
def officer_status(status: str) -> str:
    return presentation.status_label(status)


@register.filter
def officer_status_colour(status: str) -> str:
    return presentation.status_colour(status)


@register.filter
def advice_label(advice: str | None) -> str:
    return presentation.advice_label(advice)


@register.filter
def actor(label: str) -> str:
    return presentation.actor_label(label)


@register.filter
def history_action(action: str) -> str:
    return presentation.history_label(action)


@register.filter
def how(value: str) -> str:
    return presentation.how_label(value)


@register.filter
def percent(value) -> str:
    return presentation.score_percent(value)
