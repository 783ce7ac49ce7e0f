"""Issue 14: the review loop driven through sequences of events, one test (or a few)
per finding. Each failed on the code before the fix."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_fsm import TransitionNotAllowed
from rest_framework.test import APIClient

from bookings.enums import Advice, BookingStatus, OfficerNoticeKind, ReopenReason
from bookings.models import AuditRecord, Booking, OfficerNotice, WebhookDelivery
from bookings.review.jobs import reviews_escalate_overdue
from bookings.review.services import (
    booking_advise,
    booking_approve,
    booking_expedite,
    booking_request_info,
    booking_request_review,
    booking_take,
)
from bookings.roles import Role
from screening.enums import Disposition
from screening.models import Suppression
from screening.services import suppression_revoke
from tests.factories.bookings import give_webhook, make_user
from tests.factories.review import make_officer
from tests.factories.sources import committed, organisation, publish
from tests.helpers import key_client, session_client
from watch_sources.models import SourceVersion
from watch_sources.services import VersionNotNewest, version_confirm

from .helpers import (
    CLEAR,
    LISTED,
    LISTED_BORN,
    NEAR_BORN,
    advise,
    booking_of,
    change_speaker,
    current,
    judge_all,
    latest_matches,
    listed_entry,
    other_entry,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(db):
    return make_officer("officer2")


@pytest.fixture
def source(db):
    return publish([listed_entry("Orsi Brankwether"), other_entry()])


def expire_suppressions() -> None:
    """Time passes: every suppression's expiry date is behind us."""
    now = timezone.now()
    Suppression.objects.update(created_at=now - timedelta(days=2), expires_at=now - timedelta(seconds=1))


# --- 1. A re-screen keeps the officer's judgements --------------------------------


def test_judgement_survives_a_new_source_version_and_advice_can_be_given(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judged = judge_all(booking, officer, Disposition.TRUE_MATCH)
    original = latest_matches(judged)[0]

    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-10")])

    match = latest_matches(booking)[0]
    assert match.pk != original.pk
    assert (match.disposition, match.disposed_by, match.judged_match_id) == (
        "true_match",
        officer,
        original.pk,
    )
    advised = booking_advise(
        booking=current(booking),
        by=officer,
        advice=Advice.PROCEED_WITH_CONDITIONS,
        rationale="Stewarding needed.",
        conditions=["stewarding"],
    )
    assert advised.status == BookingStatus.ADVISED


def test_judgement_does_not_carry_to_a_match_whose_entry_changed(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judge_all(booking, officer, Disposition.POSSIBLE_MATCH)

    publish([listed_entry("Orsi Brankwether", born="1971"), other_entry()])

    match = latest_matches(booking)[0]
    assert (match.disposition, match.judged_match_id) == ("", None)
    change = current(booking).screening_runs.first().changes
    assert [c["change"] for c in change] == ["entry_changed"]


# --- 2. An old held version cannot roll a source back ------------------------------


def test_out_of_date_held_version_cannot_be_confirmed(db):
    entries = [other_entry(f"loc-{n}") for n in range(10)]
    publish(entries)
    held = publish(entries[:2], held=True)
    newer = publish(entries + [other_entry("loc-99")])

    with pytest.raises(VersionNotNewest):
        version_confirm(version=held, by=make_user("root", Role.ADMIN))

    assert SourceVersion.objects.get(pk=held.pk).status == "held"
    assert SourceVersion.objects.get(source=newer.source, status="live") == newer


def test_confirming_the_newest_held_version_names_the_admin(db):
    entries = [other_entry(f"loc-{n}") for n in range(10)]
    publish(entries)
    held = publish(entries[:2], held=True)

    with committed():
        version_confirm(version=held, by=make_user("root", Role.ADMIN))

    record = AuditRecord.objects.filter(action="source.version_published").last()
    assert (record.object_id, record.actor, record.data["confirmed_held"]) == (
        str(held.pk),
        "user:root",
        True,
    )


# --- 3. Advice does not outlive its basis ----------------------------------------


def test_adverse_advice_reopens_when_its_entry_is_removed(source, venue, officer):
    give_webhook(venue, "https://venue.example.org/hook")
    booking = advise(booking_of(venue), officer)

    publish([other_entry()])

    booking = current(booking)
    assert (booking.status, booking.advice, booking.reopen_reason) == (
        BookingStatus.FLAGGED,
        None,
        ReopenReason.BASIS_GONE,
    )
    assert WebhookDelivery.objects.filter(booking=booking, event="booking.advice_changed").exists()
    page = session_client(officer).get(f"/review/{booking.public_id}/").content.decode()
    assert "Entry removed from its source" in page and LISTED in page
    queue = session_client(officer).get("/review/").content.decode()
    assert booking.external_ref in queue and "Re-opened: " in queue


def test_adverse_advice_reopens_when_the_venue_changes_the_party_to_someone_clear(source, venue, officer):
    booking = advise(booking_of(venue), officer)

    change_speaker(booking, CLEAR)

    booking = current(booking)
    assert (booking.status, booking.reopen_reason) == (BookingStatus.FLAGGED, ReopenReason.BASIS_GONE)
    body = session_client(officer).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert [c["change"] for c in body["evidence_changes"]] == ["party_changed"]
    assert body["reopen_reason"] == "basis_gone"


def test_no_concerns_advice_reopens_when_its_match_goes(source, venue, officer):
    """DESIGN: advice whose basis has gone goes back to the officer, never left standing
    silently; `no_concerns` too (it stood, with no notice, before)."""
    give_webhook(venue, "https://venue.example.org/hook")
    booking = advise(booking_of(venue), officer, Advice.NO_CONCERNS)

    publish([other_entry()])

    booking = current(booking)
    assert (booking.status, booking.advice, booking.reopen_reason) == (
        BookingStatus.FLAGGED,
        None,
        ReopenReason.BASIS_GONE,
    )
    assert WebhookDelivery.objects.filter(booking=booking, event="booking.advice_changed").exists()
    queue = session_client(officer).get("/review/").content.decode()
    assert booking.external_ref in queue and "Re-opened: " in queue


def test_no_concerns_on_a_false_positive_reopens_when_the_party_changes_to_someone_clear(
    source, venue, officer
):
    booking = booking_take(booking=booking_of(venue, date_of_birth=NEAR_BORN), by=officer)
    judge_all(booking, officer, Disposition.FALSE_POSITIVE)
    booking = booking_advise(booking=current(booking), by=officer, advice=Advice.NO_CONCERNS, rationale="")
    assert booking.status == BookingStatus.ADVISED

    change_speaker(booking, CLEAR)

    booking = current(booking)
    assert (booking.status, booking.advice, booking.reopen_reason) == (
        BookingStatus.FLAGGED,
        None,
        ReopenReason.BASIS_GONE,
    )
    body = session_client(officer).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert [c["change"] for c in body["evidence_changes"]] == ["party_changed"]
    venue_view = key_client(venue).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert (venue_view["status"], venue_view["advice"]) == ("flagged", None)


def test_no_concerns_advice_stands_when_a_rescreen_changes_nothing_it_rests_on(source, venue, officer):
    booking = advise(booking_of(venue), officer, Advice.NO_CONCERNS)

    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-11")])

    booking = current(booking)
    assert (booking.status, booking.advice) == (BookingStatus.ADVISED, Advice.NO_CONCERNS)


def test_a_proposed_decline_goes_back_to_its_officer_when_its_entry_is_removed(source, venue, officer):
    """A second officer must not approve a decline whose only concern has left the list."""
    second = make_officer("sasha")
    officer.email = "olivia@council.example"
    officer.save()
    booking = advise(booking_of(venue), officer, Advice.ADVISE_DECLINE)
    assert booking.status == BookingStatus.AWAITING_APPROVAL

    publish([other_entry()])

    booking = current(booking)
    assert (booking.status, booking.reopen_reason, booking.proposed_advice) == (
        BookingStatus.IN_REVIEW,
        ReopenReason.BASIS_GONE,
        None,
    )
    assert (booking.assigned_to, booking.decline_proposed_by, booking.advice) == (officer, None, None)
    with pytest.raises(TransitionNotAllowed):
        booking_approve(booking=booking, by=second)
    [notice] = OfficerNotice.objects.filter(booking=booking, kind=OfficerNoticeKind.PROPOSAL_REOPENED)
    assert notice.officer == officer  # the officer on the booking, no one else
    record = AuditRecord.objects.filter(action="booking.screened", object_id=str(booking.pk)).last()
    assert (record.data["from"], record.data["to"], record.data["reopen_reason"]) == (
        "awaiting_approval",
        "in_review",
        "basis_gone",
    )
    assert not WebhookDelivery.objects.filter(booking=booking, event="booking.advice_changed").exists()


def test_a_proposed_decline_goes_back_when_a_new_match_appears(source, venue, officer):
    booking = advise(booking_of(venue), officer, Advice.ADVISE_DECLINE)

    # A second list entry of the same name: a match nobody has judged.
    publish([listed_entry("Orsi Brankwether"), other_entry(), listed_entry(entry_id="loc-2")])

    booking = current(booking)
    assert (booking.status, booking.reopen_reason) == (BookingStatus.IN_REVIEW, ReopenReason.NEW_MATCH)
    assert any(not m.disposition and not m.suppression_id for m in latest_matches(booking))
    with pytest.raises(ValidationError):  # every match judged before advice, again
        booking_advise(booking=booking, by=officer, advice=Advice.ADVISE_DECLINE, rationale="Still.")


def test_a_proposed_decline_waits_for_approval_when_a_rescreen_changes_nothing(source, venue, officer):
    second = make_officer("sasha")
    booking = advise(booking_of(venue), officer, Advice.ADVISE_DECLINE)

    # An unrelated entry added; the one the decline rests on unchanged.
    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-11")])

    booking = current(booking)
    assert (booking.status, booking.proposed_advice) == (
        BookingStatus.AWAITING_APPROVAL,
        Advice.ADVISE_DECLINE,
    )
    assert booking_approve(booking=booking, by=second).advice == Advice.ADVISE_DECLINE


# --- 4. Re-opening does not depend on timing --------------------------------------


def test_two_bookings_in_the_same_situation_end_the_same_whatever_ran_between(source, venue, officer):
    """B1 is screened while a suppression (from another booking) covers its match, B2 is
    not; once the suppression has expired, the next source version treats them alike."""
    first = advise(booking_of(venue, ref="B1", date_of_birth=NEAR_BORN), officer, Advice.NO_CONCERNS)
    second = advise(booking_of(venue, ref="B2", date_of_birth=NEAR_BORN), officer, Advice.NO_CONCERNS)
    other = booking_take(booking=booking_of(venue, ref="B0", date_of_birth=NEAR_BORN), by=officer)
    judge_all(other, officer, Disposition.FALSE_POSITIVE)
    # An extra screening for B1 only, while the suppression covers its match.
    change_speaker(first, LISTED, organisation="Riverside Choir", date_of_birth=NEAR_BORN)
    change_speaker(first, LISTED, date_of_birth=NEAR_BORN)
    expire_suppressions()

    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-11")])

    assert current(first).status == current(second).status == BookingStatus.ADVISED


def test_expired_suppression_does_not_reopen_the_match_it_was_judged_on(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judge_all(booking, officer, Disposition.FALSE_POSITIVE)
    booking_advise(booking=current(booking), by=officer, advice=Advice.NO_CONCERNS, rationale="")
    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-11")])  # suppressed now
    expire_suppressions()

    publish([listed_entry("Orsi Brankwether"), other_entry(), other_entry("loc-12")])

    assert current(booking).status == BookingStatus.ADVISED
    assert latest_matches(booking)[0].disposition == Disposition.FALSE_POSITIVE


# --- 5. Revoking re-screens; stale suppressions end -------------------------------


def test_revoking_a_suppression_rescreens_what_it_silenced(source, venue, officer):
    origin = booking_take(booking=booking_of(venue, ref="B0", date_of_birth=NEAR_BORN), by=officer)
    judge_all(origin, officer, Disposition.FALSE_POSITIVE)
    booking_advise(booking=current(origin), by=officer, advice=Advice.NO_CONCERNS, rationale="")
    silenced = booking_of(venue, ref="B1", date_of_birth=NEAR_BORN)
    assert silenced.status == BookingStatus.CLEARED

    with committed():
        suppression_revoke(
            suppression=Suppression.objects.get(), reason="It was the listed person.", by=officer
        )

    assert current(silenced).status == BookingStatus.FLAGGED
    origin = current(origin)
    assert (origin.status, origin.reopen_reason) == (BookingStatus.FLAGGED, ReopenReason.NEW_MATCH)
    assert latest_matches(origin)[0].disposition == ""


def test_periodic_job_rescreens_bookings_silenced_by_an_expired_suppression(source, venue, officer):
    origin = booking_take(booking=booking_of(venue, ref="B0", date_of_birth=NEAR_BORN), by=officer)
    judge_all(origin, officer, Disposition.FALSE_POSITIVE)
    silenced = booking_of(venue, ref="B1", date_of_birth=NEAR_BORN)
    expire_suppressions()

    from django.core.management import call_command

    call_command("rescreen_silenced_bookings", stdout=open("/dev/null", "w"))

    assert current(silenced).status == BookingStatus.FLAGGED


def test_suppression_made_stale_by_an_entry_change_is_not_active_and_drops_the_person(source, venue, officer):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judge_all(booking, officer, Disposition.FALSE_POSITIVE)

    publish([listed_entry("Orsi Brankwether", born="1971"), other_entry()])

    suppression = Suppression.objects.get()
    assert suppression.stale_at is not None and suppression.is_active is False
    assert (suppression.party_name, suppression.party_date_of_birth, suppression.reason) == (
        "[purged]",
        "",
        "[purged]",
    )
    listed = session_client(officer).get("/api/v1/suppressions/").json()["results"]
    assert [(s["is_active"], s["party_name"]) for s in listed] == [(False, "[purged]")]
    assert not Suppression.objects.active().exists()


# --- 6. Officers advise, venues decide --------------------------------------------


def test_officer_cannot_patch_or_withdraw_a_venues_booking(source, venue, officer):
    booking = booking_of(venue)
    client = session_client(officer)

    patched = client.patch(f"/api/v1/bookings/{booking.public_id}/", {"event": {"title": "X"}}, format="json")
    withdrawn = client.post(f"/api/v1/bookings/{booking.public_id}/withdraw/", {"reason": "x"}, format="json")

    assert (patched.status_code, withdrawn.status_code) == (403, 403)
    assert (current(booking).status, current(booking).title) == (BookingStatus.FLAGGED, "Neighbourhood talk")


def test_officer_withdraws_a_duplicate_as_a_recorded_action_that_tells_the_venue(source, venue, officer):
    give_webhook(venue, "https://venue.example.org/hook")
    booking = booking_of(venue)

    response = session_client(officer).post(
        f"/api/v1/bookings/{booking.public_id}/officer_withdraw/",
        {"category": "duplicate", "reason": "Same event as SEQ-0."},
        format="json",
    )

    assert response.status_code == 200, response.json()
    booking = current(booking)
    assert (booking.status, booking.officer_withdrawal) == ("withdrawn", "duplicate")
    record = AuditRecord.objects.get(action="booking.officer_withdraw")
    assert (record.actor, record.data["category"]) == ("user:officer1", "duplicate")
    assert WebhookDelivery.objects.filter(booking=booking, event="booking.withdrawn_by_officer").exists()
    venue_view = key_client(venue).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert "withdrew this booking as a duplicate or test" in venue_view["guidance"]


def test_officer_withdraw_needs_a_duplicate_or_test_category(source, venue, officer):
    booking = booking_of(venue)

    response = session_client(officer).post(
        f"/api/v1/bookings/{booking.public_id}/officer_withdraw/",
        {"category": "advise_decline", "reason": "I do not like it."},
        format="json",
    )

    assert response.status_code == 400
    assert "category" in response.json()
    assert current(booking).status == BookingStatus.FLAGGED


# --- 7. Mention evidence names the field and the words ----------------------------


def test_mention_in_the_description_names_the_field_and_the_words(venue):
    publish([organisation("loc-org", "Vantrel Liberation Front")])
    booking = booking_of(venue, CLEAR)
    booking = change_title_and_description(
        booking, "Community open evening", "Stalls, tea, and a talk by the Vantrel Liberation Front."
    )

    match = latest_matches(booking)[0]
    assert match.query_name == "Vantrel Liberation Front"
    assert match.explanation["field"] == "description"
    assert "Community open evening" not in match.query_name


def change_title_and_description(booking, title, description):
    from bookings.intake.services import booking_update

    return booking_update(
        booking=current(booking), event={"title": title, "description": description}, by=None
    )


# --- 8. A review request keeps the standing advice visible -------------------------


def test_review_request_keeps_the_standing_advice_visible_and_consistent(source, venue, officer, staff):
    booking = advise(booking_of(venue), officer)
    booking_request_review(booking=current(booking), by=staff, reason="The hirer disagrees.")

    body = key_client(venue).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert (body["status"], body["advice"]) == ("flagged", "proceed_with_conditions")
    assert "advice given stands until the review is done" in body["guidance"]
    assert "A person must look" not in body["guidance"]
    assert body["advice_conditions"] == [{"code": "stewarding", "label": "Adequate stewarding"}]
    staff_page = session_client(staff).get(f"/bookings/{booking.public_id}/").content.decode()
    assert 'id="standing-advice"' in staff_page and "Go ahead with conditions" in staff_page
    queue = session_client(officer).get("/review/").content.decode()
    assert "Review requested" in queue


def test_a_decline_proposed_on_review_does_not_replace_the_standing_advice_meanwhile(
    source, venue, officer, second, staff
):
    booking = advise(booking_of(venue), officer)
    booking_request_review(booking=current(booking), by=staff, reason="The hirer disagrees.")
    booking = booking_take(booking=current(booking), by=second)
    booking_advise(booking=booking, by=second, advice=Advice.ADVISE_DECLINE, rationale="Decline words.")

    body = key_client(venue).get(f"/api/v1/bookings/{booking.public_id}/").json()
    assert body["advice_rationale"] == "Rationale for the venue."
    assert body["advice_conditions"] == [{"code": "stewarding", "label": "Adequate stewarding"}]
    assert "Decline words" not in str(body)


# --- 9. The venue cannot see a decline coming -------------------------------------


def test_a_decline_awaiting_approval_reads_to_the_venue_as_any_review(source, venue, officer, staff):
    in_review = booking_take(booking=booking_of(venue, ref="PLAIN"), by=officer)
    declining = booking_take(booking=booking_of(venue, ref="DECLINE"), by=officer)
    judge_all(declining, officer)
    booking_advise(booking=current(declining), by=officer, advice=Advice.ADVISE_DECLINE, rationale="r")
    client = key_client(venue)

    plain = client.get(f"/api/v1/bookings/{in_review.public_id}/").json()
    waiting = client.get(f"/api/v1/bookings/{declining.public_id}/").json()

    assert (
        (waiting["status"], waiting["guidance"])
        == (plain["status"], plain["guidance"])
        == (
            "in_review",
            plain["guidance"],
        )
    )
    listed = client.get("/api/v1/bookings/?status=awaiting_approval").json()["results"]
    in_review_listed = client.get("/api/v1/bookings/?status=in_review").json()["results"]
    assert sorted(b["external_ref"] for b in listed) == sorted(b["external_ref"] for b in in_review_listed)
    page = session_client(staff).get(f"/bookings/{declining.public_id}/").content.decode()
    assert "second officer" not in page


# --- 10. Escalation and expediting ------------------------------------------------


def test_escalation_skips_bookings_waiting_for_the_venue(source, venue, officer, second):
    booking = booking_take(booking=booking_of(venue), by=officer)
    booking_request_info(booking=booking, by=officer, question="Who chairs?")
    Booking.objects.filter(pk=booking.pk).update(review_due_at=timezone.now() - timedelta(days=1))

    assert reviews_escalate_overdue() == []
    assert current(booking).assigned_to == officer


def test_expedite_only_on_a_late_booking_and_only_once(source, venue, staff):
    early = booking_of(venue, ref="EARLY")
    late = booking_of(venue, ref="LATE", days=3)

    with pytest.raises(TransitionNotAllowed):
        booking_expedite(booking=early, by=staff, reason="Sooner please.")
    booking_expedite(booking=late, by=staff, reason="Short notice.")
    due = current(late).review_due_at
    with pytest.raises(TransitionNotAllowed):
        booking_expedite(booking=current(late), by=staff, reason="Again.")

    assert current(early).expedited is False
    assert current(late).review_due_at == due


# --- 11. The admin cannot bypass the audit ----------------------------------------


@pytest.fixture
def admin_client(db):
    client = APIClient()
    client.force_login(make_user("root", Role.ADMIN))
    return client


def test_admin_cannot_edit_advice_or_delete_runs_and_matches(source, venue, officer, admin_client):
    booking = advise(booking_of(venue), officer)
    run = current(booking).screening_runs.first()

    edit = admin_client.post(
        f"/admin/bookings/booking/{booking.pk}/change/", {"advice": "no_concerns", "status": "advised"}
    )
    delete = admin_client.post(f"/admin/screening/screeningrun/{run.pk}/delete/", {"post": "yes"})

    assert edit.status_code == 403 and delete.status_code == 403
    assert current(booking).advice == "proceed_with_conditions"
    assert current(booking).screening_runs.filter(pk=run.pk).exists()


@pytest.mark.parametrize("model", ["informationrequest", "venuedecision", "reviewrequest"])
def test_admin_lists_review_records_read_only(source, venue, officer, staff, admin_client, model):
    booking = advise(booking_of(venue), officer)
    booking_request_review(booking=current(booking), by=staff, reason="The hirer disagrees.")

    listing = admin_client.get(f"/admin/bookings/{model}/")
    add = admin_client.get(f"/admin/bookings/{model}/add/")

    assert listing.status_code == 200
    assert add.status_code == 403


def test_approve_is_refused_while_a_new_match_is_unjudged(source, venue, officer, second):
    booking = booking_take(booking=booking_of(venue), by=officer)
    judge_all(booking, officer)
    booking_advise(booking=current(booking), by=officer, advice=Advice.ADVISE_DECLINE, rationale="r")
    change_speaker(booking, LISTED, date_of_birth=LISTED_BORN)  # new evidence, not judged

    # The change re-screens: the proposal goes back to its officer, so there is nothing
    # left to approve (before, it waited, and only the approval itself was refused).
    with pytest.raises(TransitionNotAllowed):
        booking_approve(booking=current(booking), by=second)
    assert (current(booking).status, current(booking).reopen_reason) == (
        BookingStatus.IN_REVIEW,
        ReopenReason.NEW_MATCH,
    )
