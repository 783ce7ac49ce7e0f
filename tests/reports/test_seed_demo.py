import pytest
from django.core.management import call_command

from bookings.enums import BookingStatus
from bookings.models import Booking, Venue
from screening.models import ScreeningRun

pytestmark = pytest.mark.django_db


def test_seed_demo_with_bookings_adds_a_spread_once(capsys):
    call_command("seed_demo", "--bookings", "300")
    call_command("seed_demo", "--bookings", "300")

    seeded = Booking.objects.filter(external_ref__startswith="SEED-")
    assert seeded.count() == 300
    assert Booking.objects.filter(external_ref__startswith="DEMO-").count() == 4
    assert Venue.objects.filter(slug__startswith="seed-").count() == 12
    assert Venue.objects.filter(slug__startswith="seed-").values("district").distinct().count() > 3
    assert seeded.filter(status=BookingStatus.NOT_IN_SCOPE).exists()
    assert seeded.filter(flagged_at__isnull=False).exists()
    assert ScreeningRun.objects.filter(booking__in=seeded).count() >= 300
    output = capsys.readouterr().out
    assert "Seeded 300 more demo bookings (target 300)." in output
    assert "Seeded 0 more demo bookings (target 300)." in output


def test_seed_demo_without_bookings_keeps_the_small_default(capsys):
    call_command("seed_demo")

    assert Booking.objects.count() == 4
    assert Venue.objects.count() == 3
