import pytest

from bookings.reports import prevent_monitoring as pm
from tests.reports.helpers import PERIOD

pytestmark = pytest.mark.django_db


def test_events_withdrawn_counts_withdrawn_bookings_received_in_the_period(coverage_fixture):
    assert pm.events_withdrawn(period=PERIOD) == 1


def test_rescreens_from_source_updates_count_runs_in_the_period(rescreens):
    assert pm.rescreens_from_source_updates(period=PERIOD) == 3


def test_rescreens_changing_result_count_only_runs_that_differ_from_the_one_before(rescreens):
    assert pm.rescreens_changing_result(period=PERIOD) == 1


@pytest.mark.parametrize(
    "function",
    [
        pm.events_approved,
        pm.events_approved_with_prevent_conditions,
        pm.events_approved_with_other_conditions,
        pm.appeals_lodged,
        pm.appeals_upheld,
        pm.suppressions_created,
        pm.suppressions_expired,
    ],
)
def test_review_figures_are_zero_without_review_records(coverage_fixture, function):
    assert function(period=PERIOD) == 0


def test_every_figure_is_listed_once_in_return_order():
    assert [key for key, _, _ in pm.FIGURES] == [
        "events_approved",
        "events_approved_with_prevent_conditions",
        "events_approved_with_other_conditions",
        "events_refused_by_grounds",
        "events_withdrawn",
        "conditions_by_type",
        "appeals_lodged",
        "appeals_upheld",
        "suppressions_created",
        "suppressions_expired",
        "rescreens_from_source_updates",
        "rescreens_changing_result",
        "false_positive_share",
    ]
