import re
from datetime import date

from django.core.exceptions import ValidationError

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> tuple[int, int | None, int | None]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError on anything else."""
    found = PARTIAL_DATE.match(value)
    if not found:
        raise ValueError("Use YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = (int(g) if g else None for g in found.groups())
    date(year, month or 1, day or 1)  # raises ValueError for impossible dates
    if year < 1900 or date(year, 1, 1) > date.today():
        raise ValueError("Year must be between 1900 and this year.")
    return year, month, day


def validate_partial_date(value: str) -> None:
    if not value:
        return
    try:
        parse_partial_date(value)
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid_date") from exc


def tidy_name(value: str) -> str | None:
    """A name with its whitespace collapsed, or None if it holds no letter or digit
    (punctuation alone names nobody and cannot be screened)."""
    value = " ".join(value.split())
    return value if any(ch.isalnum() for ch in value) else None
