from datetime import UTC

import django_filters

from bookings.enums import BookingStatus
from bookings.models import Booking


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """Compare in UTC: PostgreSQL rejects odd offsets such as -20:53 that ISO 8601 allows."""

    def filter(self, qs, value):
        return super().filter(qs, value.astimezone(UTC) if value else value)


class BookingFilter(django_filters.FilterSet):
    external_ref = django_filters.CharFilter()
    status = django_filters.MultipleChoiceFilter(choices=BookingStatus.choices)
    venue = django_filters.CharFilter(field_name="venue__slug")
    district = django_filters.CharFilter(field_name="venue__district")
    starts_after = UtcDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UtcDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Booking
        fields = ["external_ref", "status", "venue", "district", "starts_after", "starts_before"]
