"""Validators for booking input: partial dates, names, and the booking rules.

Each rule lives here once; the API, the staff form and the services call it.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from bookings.enums import PartyKind

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError on anything else."""
    found = PARTIAL_DATE.match(value)
    if not found:
        raise ValueError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    year_digits, month_digits, day_digits = found.groups()
    year = int(year_digits)
    month = int(month_digits) if month_digits else None
    day = int(day_digits) if day_digits else None
    try:
        earliest = date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"There is no such date as {value}. Use YYYY, YYYY-MM or YYYY-MM-DD.") from None
    if earliest > date.today():
        raise ValueError("A date of birth cannot be in the future.")
    if year < 1900:
        raise ValueError("Year must be between 1900 and this year.")
    return year, month, day


def validate_partial_date(value: str) -> None:
    if not value:
        return
    try:
        parse_partial_date(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid_date") from exc


ORGANISATION_HAS_NO_BIRTH_DATE = (
    'An organisation has no date of birth: leave it out, or send kind "person" if this is a person.'
)


def validate_date_of_birth_for_kind(kind: str | None, date_of_birth: str | None) -> None:
    """A date of birth belongs to a person. Kept on an organisation it would be stored,
    shown to the officer and compared with listed people's dates as if it were one (a
    false positive's evidence, a match discounted); dropped, the caller would never know.
    So it is refused, on `date_of_birth`."""
    if kind == PartyKind.ORGANISATION and date_of_birth:
        raise ValidationError(
            {"date_of_birth": ValidationError(ORGANISATION_HAS_NO_BIRTH_DATE, code="organisation_birth_date")}
        )


def tidy_name(value: str) -> str | None:
    """A name with its whitespace collapsed, or None if it holds no letter or digit
    (punctuation alone names nobody and cannot be screened)."""
    value = " ".join(value.split())
    return value if any(ch.isalnum() for ch in value) else None


# --- The booking rules: one home, used by the API serializers, the staff form and the
# intake services alike (bookings/intake/services.py booking_create and booking_update).
# The database keeps `booking_ends_after_start` as a last guard; everything else is here.

MAX_PARTIES = 50  # besides the hirer
EARLIEST_DATE = date(2000, 1, 1)
MAX_LEAD_TIME = timedelta(days=5 * 365)
MAX_EVENT_LENGTH = timedelta(days=366)

ENDS_BEFORE_START = "The event must end after it starts."
TOO_LONG = "An event can last at most a year."
OUTSIDE_HORIZON = f"Use a date between {EARLIEST_DATE.year} and {MAX_LEAD_TIME.days // 365} years from now."
TOO_MANY_PARTIES = f"Name at most {MAX_PARTIES} parties besides the hirer."


def validate_booking_date(moment: datetime) -> None:
    """Earliest date and furthest lead time: dates far in the past or future are typing
    mistakes, not bookings."""
    if not EARLIEST_DATE <= moment.date() <= timezone.now().date() + MAX_LEAD_TIME:
        raise ValidationError(OUTSIDE_HORIZON, code="outside_horizon")


def validate_event_times(starts_at: datetime, ends_at: datetime) -> None:
    """Event order, then the longest event; the error belongs to `ends_at`."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": ValidationError(ENDS_BEFORE_START, code="ends_before_start")})
    if ends_at - starts_at > MAX_EVENT_LENGTH:
        raise ValidationError({"ends_at": ValidationError(TOO_LONG, code="too_long")})


def validate_party_count(count: int) -> None:
    if count > MAX_PARTIES:
        raise ValidationError(TOO_MANY_PARTIES, code="too_many_parties")


class BookingInvalid(ValidationError):
    """A booking a service refuses because it breaks a rule above. `by_section` nests the
    messages as the API's request body does: {"event": {"ends_at": [...]}, "parties": [...]};
    a caller that knows the nesting (a party's own field) gives it as `by_section`."""

    def __init__(self, errors: dict[str, list[str]], *, by_section: dict | None = None):
        super().__init__(errors)
        self.by_section: dict = {}
        if by_section is not None:
            self.by_section = by_section
            return
        for field, messages in self.message_dict.items():
            if field == "parties":
                self.by_section["parties"] = messages
            else:
                self.by_section.setdefault("event", {})[field] = messages


def booking_rules_check(
    *, starts_at: datetime, ends_at: datetime, dates_given: Iterable[str], party_count: int | None
) -> None:
    """Every booking rule at once, for the services. `dates_given` names the dates the caller
    sent (a change leaves a stored date alone); `party_count` is None when parties are unchanged."""
    errors: dict[str, list[str]] = {}
    for field, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if field in dates_given:
            _collect(errors, field, validate_booking_date, moment)
    if not errors:
        try:
            validate_event_times(starts_at, ends_at)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if party_count is not None:
        _collect(errors, "parties", validate_party_count, party_count)
    if errors:
        raise BookingInvalid(errors)


def party_kinds_check(*, hirer: dict | None, parties: list[dict] | None) -> None:
    """No organisation among the hirer and parties given (None: not being changed) carries
    a date of birth. Raises BookingInvalid nested as the request body is:
    {"hirer": {"date_of_birth": [...]}, "parties": {"1": {"date_of_birth": [...]}}}."""
    by_section: dict = {}
    flat: dict[str, list[str]] = {}

    def problems(row: dict) -> dict[str, list[str]]:
        try:
            validate_date_of_birth_for_kind(row.get("kind"), row.get("date_of_birth"))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                flat.setdefault(field, []).extend(m for m in messages if m not in flat.get(field, []))
            return exc.message_dict
        return {}

    if hirer is not None and (found := problems(hirer)):
        by_section["hirer"] = found
    if parties is not None:
        # Keyed by position, only the parties at fault, as DRF nests a list's errors.
        rows = {str(i): found for i, row in enumerate(parties) if (found := problems(row))}
        if rows:
            by_section["parties"] = rows
    if by_section:
        raise BookingInvalid(flat, by_section=by_section)


def _collect(errors: dict[str, list[str]], field: str, check, value) -> None:
    try:
        check(value)
    except ValidationError as exc:
        errors.setdefault(field, []).extend(exc.messages)
