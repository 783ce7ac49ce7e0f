import django_filters

from bookings.enums import BookingStatus
from bookings.models import Booking


class BookingFilter(django_filters.FilterSet):
    external_ref = django_filters.CharFilter()
    status = django_filters.MultipleChoiceFilter(choices=BookingStatus.choices)
    venue = django_filters.CharFilter(field_name="venue__slug")
    district = django_filters.CharFilter(field_name="venue__district")
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Booking
        fields = ["external_ref", "status", "venue", "district", "starts_after", "starts_before"]
