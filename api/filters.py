from datetime import UTC

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from rest_framework.exceptions import ValidationError

from bookings.enums import BookingStatus
from bookings.models import Booking
from bookings.permissions import is_officer
from bookings.presentation import SHOWN_STATUS_CHOICES

# Filters that would tell a venue what only officers may know: which source
# matched, and who is reviewing. Refused for everyone else, whatever the value,
# so the answer is the same whether the source matched or the officer exists.
OFFICER_ONLY_FILTERS = ("source", "assigned_to")
# Query parameters that are not filters: the page, and DRF's format override.
NOT_FILTERS = ("page", "format")


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time as UTC; one that has no UTC equivalent (year 1 at -23:59) is a 400."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except OverflowError as error:
            raise forms.ValidationError("This date and time is out of range.", code="overflow") from error


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """Compare in UTC: PostgreSQL rejects odd offsets such as -20:53 that ISO 8601 allows."""

    field_class = UtcIsoDateTimeField


class BookingFilter(django_filters.FilterSet):
    external_ref = django_filters.CharFilter()
    status = django_filters.MultipleChoiceFilter(choices=SHOWN_STATUS_CHOICES, method="filter_status")
    venue = django_filters.CharFilter(field_name="venue__slug")
    district = django_filters.CharFilter(field_name="venue__district")
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    # The review queue: matches from this source, and who has the booking.
    source = django_filters.CharFilter(method="filter_source", help_text="Prevent Officers only.")
    assigned_to = django_filters.CharFilter(
        method="filter_assigned_to",
        help_text="A username, or 'none' for unassigned. Prevent Officers only.",
    )

    def filter_status(self, queryset, name, value):
        statuses = set(value)
        if BookingStatus.FLAGGED in statuses:
            statuses.add(BookingStatus.RECEIVED)  # read as flagged (bookings.presentation.shown_status)
        if not is_officer(getattr(self.request, "user", None)):
            # A venue is told "in review" for a proposed decline too; filtering must not tell them apart.
            if statuses & {BookingStatus.IN_REVIEW, BookingStatus.AWAITING_APPROVAL}:
                statuses |= {BookingStatus.IN_REVIEW, BookingStatus.AWAITING_APPROVAL}
        return queryset.filter(status__in=statuses) if statuses else queryset

    def is_valid(self) -> bool:
        self._check_every_parameter_known()
        valid = super().is_valid()
        if self.request is None or is_officer(self.request.user):
            return valid
        refused = [name for name in OFFICER_ONLY_FILTERS if name in (self.data or {})]
        for name in refused:
            self.form.add_error(name, "Only Prevent Officers can filter by this.")
        return valid and not refused

    def _check_every_parameter_known(self) -> None:
        """A misspelt filter (`external_Ref`) is refused, as a misspelt field is: ignored,
        it answered with every booking, and a caller could take another for its own."""
        unknown = sorted(set(self.data or {}) - set(self.filters) - set(NOT_FILTERS))
        if unknown:
            message = f"Unknown filter. This list takes: {', '.join([*self.filters, 'page'])}."
            raise ValidationError({name: [message] for name in unknown})

    def filter_source(self, queryset, name, value):
        return queryset.filter(screening_runs__matches__entry__version__source__slug=value).distinct()

    def filter_assigned_to(self, queryset, name, value):
        if value == "none":
            return queryset.filter(assigned_to__isnull=True)
        return queryset.filter(assigned_to__username=value)

    class Meta:
        model = Booking
        fields = [
            "external_ref",
            "status",
            "venue",
            "district",
            "starts_after",
            "starts_before",
            "source",
            "assigned_to",
        ]
