"""The review actions are read from the transitions (`custom=` on each `@fsm.transition`),
not kept by hand: every list, route and button follows from the method."""

import pytest
from rest_framework.test import APIClient

from bookings.models import Booking
from bookings.review import rules
from bookings.review import services as review
from bookings.review import views as officer_views
from bookings.staff import views as staff_views

pytestmark = pytest.mark.django_db


def _transitions():
    return {t.name: t for t in Booking._meta.get_field("status").get_all_transitions(Booking)}


def _marked(side=...):
    return {
        name
        for name, t in _transitions().items()
        if t.custom.get("api") and (side is ... or t.custom.get("side") == side)
    }


def test_every_transition_marked_for_the_api_is_an_api_action_and_no_other_is():
    assert set(rules.API_ACTIONS) == _marked()
    assert len(rules.API_ACTIONS) == len(set(rules.API_ACTIONS))
    # Screening outcomes and scheduled jobs are no caller's action.
    assert not {"mark_cleared", "mark_flagged", "mark_not_in_scope", "lapse", "close"} & set(
        rules.API_ACTIONS
    )


def test_api_actions_keep_the_order_the_methods_are_defined_in():
    defined = [name for name in vars(Booking) if name in _marked()]

    assert list(rules.API_ACTIONS) == defined
    assert review.API_ACTIONS == rules.API_ACTIONS


def test_the_officer_and_venue_sets_are_the_transitions_sides():
    assert rules.OFFICER_ACTIONS == _marked("officer")
    assert rules.VENUE_ACTIONS == _marked("venue")
    assert not rules.OFFICER_ACTIONS & rules.VENUE_ACTIONS


def test_the_derived_lists_are_the_ones_that_were_kept_by_hand():
    """The move changed where the lists come from, not what they say."""
    assert rules.API_ACTIONS == (
        "take",
        "request_info",
        "answer_info",
        "dispose_match",
        "advise",
        "approve",
        "reject_approval",
        "record_decision",
        "request_review",
        "expedite",
        "withdraw",
        "officer_withdraw",
    )
    assert rules.OFFICER_ACTIONS == {
        "take",
        "request_info",
        "dispose_match",
        "advise",
        "approve",
        "reject_approval",
        "officer_withdraw",
    }
    assert rules.VENUE_ACTIONS == {"answer_info", "record_decision", "request_review", "expedite", "withdraw"}


def test_every_api_action_is_a_post_route_in_the_openapi_schema():
    schema = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    for name in rules.API_ACTIONS:
        assert "post" in schema["paths"][f"/api/v1/bookings/{{id}}/{name}/"], name


def test_every_action_has_a_service_and_a_button_label():
    from bookings.intake import services as intake

    for action in rules.REVIEW_ACTIONS:
        module = intake if action.name == "withdraw" else review
        assert callable(getattr(module, f"booking_{action.name}")), action.name
        assert action.label.strip(), action.name


def test_the_pages_offer_exactly_the_derived_actions_of_their_side():
    # Answering and withdrawing have pages of their own; an officer withdraws through the API.
    assert set(staff_views.STAFF_ACTIONS) | {"answer_info", "withdraw"} == rules.VENUE_ACTIONS
    for name, (_, service, done) in staff_views.STAFF_ACTIONS.items():
        assert service is getattr(review, f"booking_{name}")
        assert done == rules.DONE[name] != ""
    assert set(officer_views.PAGE_FORMS) | {"dispose_match", "officer_withdraw"} == rules.OFFICER_ACTIONS
    # Every officer action a page offers says what it did, in the transition's own words.
    for name in set(officer_views.PAGE_FORMS) | {"dispose_match"}:
        assert rules.DONE[name].strip(), name


def test_every_api_action_but_withdrawal_is_made_from_its_transition_body_and_service():
    from api.serializers.review import ACTION_INPUTS
    from api.views.review import ReviewActionsMixin

    assert set(ACTION_INPUTS) | {"withdraw"} == set(rules.API_ACTIONS)
    for name in ACTION_INPUTS:
        made = getattr(ReviewActionsMixin, name)
        assert made.url_path == name and made.mapping == {"post": name}, name
