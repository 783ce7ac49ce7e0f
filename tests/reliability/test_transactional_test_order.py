"""The rule in tests/conftest.py: transactional tests that put back the migrations' rows
(`serialized_rollback`) run before those that do not, wherever each is written.

Here the plain one is written first. Run in that order, it empties the database and its
flush re-creates the content types under new ids, and the next one fails before it
starts, loading the rows back (a unique constraint on the content types). The rule runs
the asking ones first; each notes that it ran, so the plain one can check the order.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from bookings.models import AdviceCondition, Venue

RAN: list[str] = []


def seeded_rows() -> tuple[bool, bool, bool]:
    return (
        AdviceCondition.objects.exists(),
        ContentType.objects.filter(app_label="bookings", model="venue").exists(),
        Permission.objects.filter(codename="change_venue").exists(),
    )


@pytest.mark.django_db(transaction=True)
def test_a_plain_transactional_test_written_first_runs_after_those_that_restore_rows():
    RAN.append("plain")
    assert sorted(RAN[:-1]) == ["restores", "restores by fixture"] and RAN[-1] == "plain"
    Venue.objects.create(name="Left Behind Hall", slug="left-behind")  # emptied on ending


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_that_restores_the_rows_finds_them():
    RAN.append("restores")
    assert seeded_rows() == (True, True, True)


def test_one_that_restores_them_through_the_fixture_finds_them(django_db_serialized_rollback):
    RAN.append("restores by fixture")
    assert seeded_rows() == (True, True, True)
    assert not Venue.objects.filter(slug="left-behind").exists()
