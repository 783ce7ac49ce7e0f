"""The review loop as a state machine: random sequences of what happens in a Prevent
Officer's year, driven through the real services, with the invariants of issue 14
checked after every step.

CI runs a modest number of sequences; `make test-stateful` (HYPOTHESIS_PROFILE=nightly)
runs many more and longer ones.
"""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django_fsm import TransitionNotAllowed
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

import screening.index
from api.serializers.bookings import REVIEW_REQUEST_GUIDANCE, venue_guidance
from api.serializers.review import BookingVenueOutput
from bookings.audit import GENESIS_HASH, first_broken_record, record_digest
from bookings.enums import Advice, BookingStatus
from bookings.intake.rescreen import (
    bookings_rescreen_after_source_update,
    bookings_rescreen_silenced_by_ended_suppressions,
)
from bookings.intake.services import BookingLocked, booking_update, booking_withdraw
from bookings.models import REVIEW_RECORD_RELATIONS, AuditRecord, Booking
from bookings.presentation import venue_status
from bookings.review import services as review
from bookings.review.jobs import reviews_escalate_overdue
from bookings.roles import Role
from screening.enums import Discriminator, Disposition
from screening.models import ScreeningRun, Suppression
from screening.services import suppression_revoke
from tests.factories.bookings import VenueFactory, make_user
from tests.factories.review import make_officer
from tests.factories.sources import committed, person, publish
from watch_sources.models import SourceVersion

from .helpers import booking_of

pytestmark = pytest.mark.django_db

PROFILES = {
    "ci": {"max_examples": 20, "stateful_step_count": 25},
    "nightly": {"max_examples": 300, "stateful_step_count": 60},
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "ci")]

# The listed people the source may hold, and the aliases it may give them.
LISTED = {
    "sm-1": ("Orsolya Brankwether", "Orsi Brankwether"),
    "sm-2": ("Quillon Marchetti-Vask", "Quill Marchetti"),
    "sm-3": ("Fenwick Adebayo-Strand", "Fen Adebayo-Strand"),
}
ENTRY_BIRTH_DATES = ("1971-05-02", "1971", "")
SPEAKERS = [name for pair in LISTED.values() for name in pair] + [
    "Tamsin Oakridge-Pell",
    "Bartholomew Quince",
]
PARTY_BIRTH_DATES = ("", "1971-11-20", "1971-05-02")
ENDED = (*BookingStatus.FINAL,)
ADVICE = (Advice.NO_CONCERNS, Advice.PROCEED_WITH_CONDITIONS, Advice.ADVISE_DECLINE)


def tolerated(call):
    """Run a service the way a caller does: a refusal (wrong status, wrong caller,
    invalid input) is an answer, not a failure, and must change nothing."""
    try:
        with transaction.atomic():
            return call()
    except (TransitionNotAllowed, PermissionDenied, ValidationError, BookingLocked):
        return None


class ReviewLoop(RuleBasedStateMachine):
    bookings = Bundle("bookings")

    def __init__(self):
        super().__init__()
        # Each sequence runs in a savepoint of the test's transaction and is rolled back after.
        self.savepoint = transaction.savepoint()
        screening.index.process_indexes_replace(screening.index.LiveIndexes())
        cache.clear()
        self.venue = VenueFactory()
        self.staff = make_user("sm-staff", Role.VENUE_STAFF, self.venue)
        self.officers = [make_officer("sm-officer1"), make_officer("sm-officer2")]
        # The source, as entry id -> (alias shown?, birth date index); sm-1 is always listed.
        self.entries = {"sm-1": (True, 0), "sm-2": (False, 1)}
        self.publish()
        # What the officers last judged: booking pk -> {fingerprint: (disposition, match pk)}.
        self.judged: dict[int, dict[str, tuple[str, int]]] = {}
        self.suppressions_may_have_ended = False
        self.refs = 0
        self.texts = 0
        last = AuditRecord.objects.order_by("-id").first()
        assert first_broken_record() is None
        self.audit_checked = (last.pk, last.hash) if last else (0, GENESIS_HASH)

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)
        screening.index.process_indexes_replace(screening.index.LiveIndexes())

    @initialize(
        target=bookings, advice=st.sampled_from(ADVICE), disposition=st.sampled_from(Disposition.values)
    )
    def an_advised_booking(self, advice, disposition):
        """Most sequences start from a booking an officer has already advised on."""
        pk = self.booking_received(LISTED["sm-1"][0], "", late=False)
        self.officer_reviews(pk, disposition, advice, approve=True)
        return pk

    # --- the source ----------------------------------------------------------

    def publish(self):
        entries = []
        for entry_id, (with_alias, born) in sorted(self.entries.items()):
            name, alias = LISTED[entry_id]
            entries.append(
                person(entry_id, name, *([alias] if with_alias else []), born=ENTRY_BIRTH_DATES[born])
            )
        publish(entries, slug="sm-local")

    @rule(
        entry_id=st.sampled_from(sorted(LISTED)), change=st.sampled_from(["add", "remove", "alias", "born"])
    )
    def source_version(self, entry_id, change):
        if change == "remove":
            if len(self.entries) > 1:
                self.entries.pop(entry_id, None)
        elif entry_id not in self.entries:
            self.entries[entry_id] = (False, 0)
        elif change == "alias":
            with_alias, born = self.entries[entry_id]
            self.entries[entry_id] = (not with_alias, born)
        elif change == "born":
            with_alias, born = self.entries[entry_id]
            self.entries[entry_id] = (with_alias, (born + 1) % len(ENTRY_BIRTH_DATES))
        self.publish()

    # --- the venue -------------------------------------------------------------

    @rule(
        target=bookings,
        speaker=st.sampled_from(SPEAKERS),
        born=st.sampled_from(PARTY_BIRTH_DATES),
        late=st.booleans(),
    )
    def booking_received(self, speaker, born, late):
        self.refs += 1
        with committed():
            booking = booking_of(
                self.venue, speaker, ref=f"SM-{self.refs}", days=3 if late else 30, date_of_birth=born
            )
        return booking.pk

    @rule(pk=bookings, speaker=st.sampled_from(SPEAKERS), born=st.sampled_from(PARTY_BIRTH_DATES))
    def booking_changed(self, pk, speaker, born):
        with committed():
            tolerated(
                lambda: booking_update(
                    booking=Booking.objects.get(pk=pk),
                    parties=[{"name": speaker, "kind": "person", "role": "speaker", "date_of_birth": born}],
                    by=self.staff,
                )
            )

    @rule(pk=bookings)
    def review_requested(self, pk):
        with committed():
            tolerated(
                lambda: review.booking_request_review(booking=self.get(pk), by=self.staff, reason="Disagree.")
            )

    @rule(pk=bookings)
    def expedite_asked(self, pk):
        tolerated(lambda: review.booking_expedite(booking=self.get(pk), by=self.staff, reason="Soon."))

    @rule(pk=bookings)
    def question_answered(self, pk):
        tolerated(
            lambda: review.booking_answer_info(booking=self.get(pk), by=self.staff, answer="Our chair.")
        )

    @rule(pk=bookings, by_officer=st.booleans())
    def withdrawn(self, pk, by_officer):
        with committed():
            if by_officer:
                tolerated(
                    lambda: review.booking_officer_withdraw(
                        booking=self.get(pk), by=self.officers[0], category="duplicate", reason="Twice."
                    )
                )
            else:
                tolerated(lambda: booking_withdraw(booking=self.get(pk), reason="Cancelled.", by=self.staff))

    # --- the officers ----------------------------------------------------------

    @rule(
        pk=bookings,
        disposition=st.sampled_from(Disposition.values),
        advice=st.sampled_from(ADVICE),
        approve=st.booleans(),
    )
    def officer_reviews(self, pk, disposition, advice, approve):
        """A whole review in one step: take, judge every open match, advise (and a
        second officer's decision on a decline)."""
        for officer in self.officers:
            tolerated(lambda officer=officer: review.booking_take(booking=self.get(pk), by=officer))
        booking = self.get(pk)
        run = booking.screening_runs.first()
        for match in run.matches.filter(suppression__isnull=True, disposition="") if run else []:
            self.match_judged(pk, disposition, pick=0, match=match)
        self.advised(pk, advice)
        if advice == Advice.ADVISE_DECLINE:
            self.second_officer(pk, approve)

    @rule(pk=bookings, officer=st.integers(0, 1))
    def taken(self, pk, officer):
        tolerated(lambda: review.booking_take(booking=self.get(pk), by=self.officers[officer]))

    @rule(pk=bookings, disposition=st.sampled_from(Disposition.values), pick=st.integers(0, 5))
    def match_judged(self, pk, disposition, pick, match=None):
        booking = self.get(pk)
        run = booking.screening_runs.first()
        matches = list(run.matches.order_by("id")) if run else []
        if not matches or booking.assigned_to is None:
            return
        match = match or matches[pick % len(matches)]
        judged = tolerated(
            lambda: review.booking_dispose_match(
                booking=booking,
                by=booking.assigned_to,
                match_id=match.pk,
                disposition=disposition,
                reason="Checked.",
                discriminators=[Discriminator.DIFFERENT_DOB]
                if disposition == Disposition.FALSE_POSITIVE
                else [],
            )
        )
        if judged is not None:
            self.judged.setdefault(pk, {})[match.fingerprint] = (disposition, match.pk)

    @rule(pk=bookings, advice=st.sampled_from(ADVICE))
    def advised(self, pk, advice):
        booking = self.get(pk)
        if booking.assigned_to is None:
            return
        self.texts += 1
        with committed():
            tolerated(
                lambda: review.booking_advise(
                    booking=booking,
                    by=booking.assigned_to,
                    advice=advice,
                    rationale=f"Rationale number {self.texts}.",
                    conditions=["stewarding"] if advice == Advice.PROCEED_WITH_CONDITIONS else [],
                )
            )

    @rule(pk=bookings, approve=st.booleans())
    def second_officer(self, pk, approve):
        booking = self.get(pk)
        other = next((o for o in self.officers if o.pk != booking.decline_proposed_by_id), None)
        with committed():
            if approve:
                tolerated(lambda: review.booking_approve(booking=booking, by=other))
            else:
                tolerated(lambda: review.booking_reject_approval(booking=booking, by=other, reason="Thin."))

    @rule(pk=bookings)
    def question_asked(self, pk):
        booking = self.get(pk)
        with committed():
            tolerated(
                lambda: review.booking_request_info(booking=booking, by=booking.assigned_to, question="Who?")
            )

    # --- suppressions ----------------------------------------------------------

    @rule(pick=st.integers(0, 5))
    def suppression_revoked(self, pick):
        active = list(Suppression.objects.active().order_by("id"))
        if not active:
            return
        suppression = active[pick % len(active)]
        with committed():
            suppression_revoke(suppression=suppression, reason="Wrong.", by=self.officers[1])
        for judgements in self.judged.values():
            for fingerprint, (_, match_pk) in list(judgements.items()):
                if match_pk == suppression.origin_match_id:
                    del judgements[fingerprint]

    @rule(pick=st.integers(0, 5))
    def suppression_expired(self, pick):
        active = list(Suppression.objects.active().order_by("id"))
        if active:
            now = timezone.now()
            Suppression.objects.filter(pk=active[pick % len(active)].pk).update(
                created_at=now - timedelta(days=2), expires_at=now - timedelta(seconds=1)
            )
            self.suppressions_may_have_ended = True

    # --- the worker and the clock ----------------------------------------------

    @rule()
    def worker_reruns_the_last_rescreen(self):
        """A re-screen task delivered again (a worker died before acknowledging it)."""
        version = SourceVersion.objects.filter(source__slug="sm-local", status="live").get()
        with committed():
            bookings_rescreen_after_source_update(version_id=version.pk, removed=[])

    @rule()
    def periodic_jobs(self):
        with committed():
            bookings_rescreen_silenced_by_ended_suppressions()
            reviews_escalate_overdue()
        self.suppressions_may_have_ended = False

    # --- invariants --------------------------------------------------------------

    def get(self, pk) -> Booking:
        return Booking.objects.get(pk=pk)

    @invariant()
    def review_loop_holds(self):
        """(i)-(v) of issue 14, read from one snapshot of the database per step."""
        bookings = list(
            Booking.objects.filter(venue=self.venue)
            .annotate(latest_run=Subquery(LATEST_RUN))
            .prefetch_related(*REVIEW_RECORD_RELATIONS, "parties")
        )
        runs = ScreeningRun.objects.filter(pk__in=[b.latest_run for b in bookings])
        latest = {run.pk: run for run in runs.prefetch_related("matches", "source_versions")}
        upcoming = [(b, latest[b.latest_run]) for b in bookings if b.status not in ENDED]
        self.i_latest_run_used_the_live_versions(upcoming)
        self.ii_unjudged_match_is_in_the_queue(upcoming)
        self.iii_judgement_on_unchanged_match_survives(upcoming)
        self.iv_the_venue_is_told_the_current_state(bookings)
        self.v_audit_chain_verifies()

    def i_latest_run_used_the_live_versions(self, upcoming):
        live = set(SourceVersion.objects.filter(status="live").values_list("pk", flat=True))
        for booking, run in upcoming:
            assert {v.pk for v in run.source_versions.all()} == live, ("(i)", booking)

    def ii_unjudged_match_is_in_the_queue(self, upcoming):
        active = set(Suppression.objects.active().values_list("pk", flat=True))
        for booking, run in upcoming:
            for match in run.matches.all():
                silenced = match.suppression_id is not None and (
                    self.suppressions_may_have_ended or match.suppression_id in active
                )
                if not silenced and not match.disposition:
                    assert booking.status in BookingStatus.UNDER_REVIEW, (
                        "(ii)",
                        booking,
                        booking.status,
                        match,
                    )

    def iii_judgement_on_unchanged_match_survives(self, upcoming):
        for booking, run in upcoming:
            judged = self.judged.get(booking.pk, {})
            for match in run.matches.all():
                expected = judged.get(match.fingerprint, ("", None))[0]
                assert match.disposition == expected, ("(iii)", booking, match, match.disposition, expected)

    def iv_the_venue_is_told_the_current_state(self, bookings):
        for booking, told in zip(bookings, BookingVenueOutput(bookings, many=True).data, strict=True):
            assert told["status"] == venue_status(booking.status) != BookingStatus.AWAITING_APPROVAL, "(iv)"
            assert told["advice"] == booking.advice, ("(iv)", booking)
            assert told["guidance"] == venue_guidance(booking), ("(iv)", booking)
            if booking.status == BookingStatus.ADVISED:
                assert booking.advice is not None, ("(iv)", booking)
            if booking.advice is None:
                assert (told["advice_rationale"], told["advice_conditions"]) == ("", []), ("(iv)", booking)
            if booking.proposed_rationale and booking.proposed_rationale != booking.advice_rationale:
                assert booking.proposed_rationale not in str(told), ("(iv)", booking)
            if booking.status in BookingStatus.UNDER_REVIEW and booking.advice:
                assert told["guidance"] == REVIEW_REQUEST_GUIDANCE, ("(iv)", booking)
                assert any(r.resolved_at is None for r in booking.review_requests.all()), ("(iv)", booking)

    def v_audit_chain_verifies(self):
        """As verify_audit does, over the records written since the last step."""
        for record in AuditRecord.objects.filter(pk__gt=self.audit_checked[0]).order_by("id"):
            assert record.prev_hash == self.audit_checked[1], ("(v)", record)
            assert record.hash == record_digest(record), ("(v)", record)
            self.audit_checked = (record.pk, record.hash)


LATEST_RUN = (
    ScreeningRun.objects.filter(booking=OuterRef("pk")).order_by("-created_at", "-id").values("pk")[:1]
)


def test_review_loop_holds_through_random_sequences(db):
    run_state_machine_as_test(
        ReviewLoop,
        settings=settings(
            **PROFILE,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            derandomize=os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci",
        ),
    )
