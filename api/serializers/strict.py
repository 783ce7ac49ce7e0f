"""Input that says no rather than guess: unknown fields and local times without a zone are refused.

An ignored field is a silent misunderstanding (a misspelt `date_of_brith`
never screened); a time without a zone is ambiguous, and some local times
never happen (the hour the clocks go forward) or happen twice.
"""

from collections.abc import Mapping
from datetime import UTC

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import serializers


class ChoiceInput(serializers.ChoiceField):
    """A choice whose refusal lists the choices: '"Person" is not a valid choice' alone
    leaves a caller guessing that the values are lower case."""

    def __init__(self, choices, **kwargs):
        super().__init__(choices, **kwargs)
        values = ", ".join(str(value) for value in self.choices)
        self.error_messages["invalid_choice"] = f'"{{input}}" is not a valid choice. Choose one of: {values}.'


class StrictInput(serializers.Serializer):
    """A request object whose keys must all be fields of the serializer."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                known = ", ".join(self.fields)
                message = f"Unknown field. This object takes: {known}."
                raise serializers.ValidationError({name: [message] for name in unknown})
        return super().to_internal_value(data)


def _local_time_problem(naive) -> str:
    """Why a local time in the service's zone is not a usable instant, if it is not."""
    zone = timezone.get_default_timezone()
    earlier, later = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if earlier.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return f" {naive:%Y-%m-%d %H:%M} does not exist in {zone} (the clocks go forward)."
    if earlier.utcoffset() != later.utcoffset():
        return f" {naive:%Y-%m-%d %H:%M} happens twice in {zone} (the clocks go back)."
    return ""


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date-time that must carry its UTC offset (`Z` or `+01:00`)."""

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = parse_datetime(value.strip())
            except ValueError:
                parsed = None  # not a real date: the parent says so
            if parsed is not None and parsed.tzinfo is None:
                raise serializers.ValidationError(
                    "Give the time zone: end with Z or an offset such as +01:00, "
                    "as in 2026-12-05T18:00:00Z. A time without one is ambiguous."
                    + _local_time_problem(parsed)
                )
        return super().to_internal_value(value)
