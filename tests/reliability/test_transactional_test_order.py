"""The rule in tests/conftest.py: every transactional test puts back the migrations' rows
before it runs, so no test depends on the transactional tests that ran before it.

The three tests run in this order (pytest keeps a file's order among transactional
tests). The first empties the database as every transactional test does on ending, and
asked for nothing; the second asked for nothing either, yet finds the seeded rows; the
third asked for them by name, which failed to load after a plain test's flush before the
rule (the content types came back under other ids).
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from bookings.models import AdviceCondition, Venue


def seeded_rows() -> tuple[bool, bool, bool]:
    return (
        Permission.objects.filter(codename="change_venue").exists(),
        AdviceCondition.objects.exists(),
        ContentType.objects.filter(app_label="bookings", model="venue").exists(),
    )


@pytest.mark.django_db(transaction=True)
def test_1_a_transactional_test_that_asked_for_nothing_is_given_the_rows_back(request):
    assert request.node.get_closest_marker("django_db").kwargs["serialized_rollback"] is True
    assert seeded_rows() == (True, True, True)
    Venue.objects.create(name="Left Behind Hall", slug="left-behind")  # emptied on ending


def test_2_the_next_finds_the_seeded_rows_and_not_the_last_ones(transactional_db):
    assert seeded_rows() == (True, True, True)
    assert not Venue.objects.filter(slug="left-behind").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_3_one_that_asked_for_the_rows_loads_them_after_the_others():
    assert seeded_rows() == (True, True, True)
