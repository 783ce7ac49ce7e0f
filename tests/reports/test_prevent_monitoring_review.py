"""The OfS figures read from the review records, against a hand-counted fixture."""

from datetime import timedelta

import pytest

from bookings.enums import Advice, BookingStatus, ReviewRequestOutcome, VenueDecisionOutcome
from bookings.models import AdviceCondition, ReviewRequest, VenueDecision
from bookings.reports import prevent_monitoring as pm
from screening.models import Match
from tests.factories.bookings import VenueFactory
from tests.factories.screening import MatchFactory, ScreeningRunFactory, SuppressionFactory
from tests.reports.helpers import PERIOD, booking_at, local

pytestmark = pytest.mark.django_db

RECEIVED = local(2026, 2, 1, 10)  # inside PERIOD
OUTSIDE = local(2026, 5, 1, 10)  # after PERIOD


def decide(booking, outcome, grounds="", at=RECEIVED):
    VenueDecision.objects.create(
        booking=booking,
        outcome=outcome,
        grounds=grounds,
        decided_by_name="V. Manager",
        recorded_by="test",
        recorded_at=at + timedelta(days=1),
        second_person_name="A. Deputy" if grounds == "prevent" else "",
    )


def advised(venue, advice, received=RECEIVED):
    return booking_at(venue, received, 30, BookingStatus.ADVISED, advice=advice, flagged=True)


@pytest.fixture
def reviewed(db, watchlist):
    venue = VenueFactory()
    chair, stewards = (AdviceCondition.objects.get(code=c) for c in ("independent-chair", "stewarding"))
    plain = advised(venue, Advice.NO_CONCERNS)
    decide(plain, VenueDecisionOutcome.APPROVED)
    with_conditions = advised(venue, Advice.PROCEED_WITH_CONDITIONS)
    with_conditions.advice_conditions.set([chair, stewards])
    decide(with_conditions, VenueDecisionOutcome.APPROVED_WITH_CONDITIONS)
    free_text = advised(venue, Advice.PROCEED_WITH_CONDITIONS)
    free_text.advice_conditions.set([stewards])
    free_text.advice_conditions_text = "Finish by 9pm"
    free_text.save()
    decide(free_text, VenueDecisionOutcome.APPROVED_WITH_CONDITIONS)
    venue_own = advised(venue, Advice.NO_CONCERNS)
    decide(venue_own, VenueDecisionOutcome.APPROVED_WITH_CONDITIONS)
    refused = advised(venue, Advice.ADVISE_DECLINE)
    decide(refused, VenueDecisionOutcome.REFUSED, grounds="prevent")
    changed_mind = advised(venue, Advice.NO_CONCERNS)
    decide(changed_mind, VenueDecisionOutcome.REFUSED, grounds="procedural")
    decide(changed_mind, VenueDecisionOutcome.APPROVED, at=RECEIVED + timedelta(days=2))  # latest counts
    later = advised(venue, Advice.NO_CONCERNS, received=OUTSIDE)
    decide(later, VenueDecisionOutcome.APPROVED, at=OUTSIDE)
    for booking, outcome in [
        (refused, ReviewRequestOutcome.CHANGED),
        (with_conditions, ReviewRequestOutcome.UPHELD),
    ]:
        ReviewRequest.objects.create(
            booking=booking, reason="r", requested_by="v", original_advice=booking.advice, outcome=outcome
        )
    run = ScreeningRunFactory(booking=refused)
    entry = watchlist.entries.first()
    for disposition in ["false_positive"] * 4 + ["true_match", "possible_match", ""]:
        MatchFactory(run=run, entry=entry, disposition=disposition)
    SuppressionFactory(party_name="a", created_at=local(2026, 1, 5), expires_at=local(2026, 3, 1))
    SuppressionFactory(
        party_name="b",
        created_at=local(2026, 2, 5),
        expires_at=local(2027, 2, 5),
        revoked_at=local(2026, 3, 10),
    )
    SuppressionFactory(party_name="c", created_at=local(2025, 6, 1), expires_at=local(2026, 6, 1))


def test_approved_counts_the_latest_decision(reviewed):
    assert pm.events_approved(period=PERIOD) == 2


def test_conditions_from_the_officer_are_prevent_related(reviewed):
    assert pm.events_approved_with_prevent_conditions(period=PERIOD) == 2
    assert pm.events_approved_with_other_conditions(period=PERIOD) == 1


def test_refused_by_grounds(reviewed):
    assert pm.events_refused_by_grounds(period=PERIOD) == {
        "Prevent": 1,
        "Health and safety": 0,
        "Procedural": 0,
        "Other": 0,
    }


def test_conditions_by_type(reviewed):
    figures = pm.conditions_by_type(period=PERIOD)

    assert figures["An independent chair for the event"] == 1
    assert figures["Adequate stewarding"] == 2
    assert figures["The event is recorded"] == 0
    assert figures["Other (written by the officer)"] == 1


def test_appeals(reviewed):
    assert pm.appeals_lodged(period=PERIOD) == 2
    assert pm.appeals_upheld(period=PERIOD) == 1  # the advice was changed once


def test_suppressions(reviewed):
    assert pm.suppressions_created(period=PERIOD) == 2
    assert pm.suppressions_expired(period=PERIOD) == 2  # one expired, one revoked


def test_false_positive_share_of_judged_matches(reviewed):
    assert pm.false_positive_share(period=PERIOD) == 66.7


def test_a_share_from_fewer_than_5_judged_matches_is_withheld_not_unrecorded(reviewed):
    Match.objects.filter(
        pk__in=list(Match.objects.filter(disposition="false_positive").values_list("pk", flat=True)[:2])
    ).update(disposition="")

    assert pm.false_positive_share(period=PERIOD) == "withheld"


def test_no_judged_match_says_so(reviewed):
    Match.objects.update(disposition="")

    assert pm.false_positive_share(period=PERIOD) == "no matches judged"
