"""Screening a booking and applying the outcome a screening supports.

Intake, updates, the safety-net task and re-screening all come through here;
the caller holds the transaction, and the audit records are written inside it.
"""

from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from bookings.audit import AuditEntry, audit_records
from bookings.enums import BookingStatus, OfficerNoticeKind, PartyRole, ReopenReason
from bookings.intake.scope import booking_in_scope
from bookings.models import ADVERSE_ADVICE, Booking, Party
from bookings.notifications import services as notifications
from callers import actor_of
from screening.enums import Disposition
from screening.index import live_index_fresh
from screening.models import Match, ScreeningRun
from screening.services import BookingScreening, booking_screening, screening_run_create


def booking_screen(*, booking: Booking, trigger: str) -> Booking:
    """Screen a booking and move it to the outcome the screening supports.

    Only a person moves a booking out of review: a screening can flag or
    re-open a booking, or clear one nobody is reviewing, never clear a flag.
    """
    with transaction.atomic():
        return screen_locked(locked_for_screening(booking), trigger)


def index_ready() -> None:
    """In the worker and the periodic jobs: wait for the index of exactly the live
    versions before taking a booking's lock. A process's first build loads the name
    knowledge (13 s of CPU, docs/benchmarks.md), and on SQLite a lock held that long
    makes every other writer fail with "database is locked"; and a run screened with a
    previous index would still be owed a screening against the live versions."""
    live_index_fresh()


def locked_for_screening(booking: Booking) -> Booking:
    # Lock the booking row only: locking its venue too deadlocks with intake
    # at the same venue, whose foreign-key check needs a share lock on it.
    return Booking.objects.select_for_update(of=("self",)).select_related("venue").get(pk=booking.pk)


def screen_locked(booking: Booking, trigger: str) -> Booking:
    if booking.status in BookingStatus.FINAL:
        return booking
    screening = booking_screened(booking, list(booking.parties.all()))
    stored = screening_run_create(booking=booking, screening=screening, trigger=trigger)
    before = booking.status
    outcome_applied(booking, stored.run)
    booking.save(
        update_fields=[
            "status",
            "advice",
            "reopen_reason",
            "proposed_advice",
            "proposed_rationale",
            "decline_proposed_by",
            "screened_at",
            "flagged_at",
            "updated_at",
            *REVIEW_CLOCK_FIELDS,
        ]
    )
    audit_records([screened_entry(booking, stored.summary, before=before)])
    if before == BookingStatus.ADVISED and booking.status == BookingStatus.FLAGGED:
        # Re-opened: the advice the venue holds no longer stands, so tell it.
        notifications.booking_changed(booking=booking, event="booking.advice_changed")
    if booking.status == BookingStatus.FLAGGED and before != BookingStatus.FLAGGED:
        notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.NEW_FLAG)
    if before == BookingStatus.AWAITING_APPROVAL and booking.status == BookingStatus.IN_REVIEW:
        notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.PROPOSAL_REOPENED)
    return booking


def booking_screened(booking: Booking, parties: list[Party]) -> BookingScreening:
    """Screen a booking in memory. Scope decides how much of it is screened (a
    private party's guests are not), never whether a listed hirer gets through:
    the hirer's name, organisation and contact, and the event text, are screened
    whatever the scope."""
    scoped = in_scope(booking, parties)
    hirer = next((p for p in parties if p.role == PartyRole.HIRER), None)
    screened = parties if scoped else [p for p in parties if p is hirer]
    return booking_screening(booking=booking, parties=screened, hirer=hirer, in_scope=scoped)


def in_scope(booking: Booking, parties: list[Party]) -> bool:
    return booking_in_scope(
        scope_rule=booking.venue.scope_rule,
        is_public=booking.is_public,
        roles=[p.role for p in parties],
    )


def screened_entry(booking: Booking, summary: dict, *, before: str) -> AuditEntry:
    """The audit record of a screening: the stored run's summary and the status it moved."""
    return AuditEntry(
        actor=actor_of(None),
        action="booking.screened",
        target=booking,
        data={
            **summary,
            "from": before,
            "to": booking.status,
            **({"reopen_reason": booking.reopen_reason} if booking.reopen_reason else {}),
        },
    )


# Set by mark_flagged when a review (re)opens: when it began and when advice is due.
REVIEW_CLOCK_FIELDS = ("review_opened_at", "review_due_at", "escalated_at")


def outcome_applied(booking: Booking, run: ScreeningRun | BookingScreening) -> None:
    """Move the booking to the outcome a screening supports, in memory (the caller
    saves). At intake the run is not stored yet; only an advised booking, which
    intake never is, needs its stored matches."""
    booking.screened_at = timezone.now()
    if booking.status == BookingStatus.ADVISED:
        assert isinstance(run, ScreeningRun), "intake never screens an advised booking"
        reason = reopen_reason(booking, run)
        if reason:
            booking.mark_flagged(reopen_reason=reason)
        return
    if booking.status == BookingStatus.AWAITING_APPROVAL:
        assert isinstance(run, ScreeningRun), "intake never screens a booking under review"
        reason = proposal_reopen_reason(booking, run)
        if reason:
            booking.reopen_proposal(reopen_reason=reason)
        return
    if run.flagged:
        if booking.status in BookingStatus.UNDER_REVIEW:
            return  # already with a person; the new run is part of the evidence
        booking.mark_flagged()
    elif not run.in_scope and can_proceed(booking.mark_not_in_scope):
        booking.mark_not_in_scope()
    elif run.in_scope and can_proceed(booking.mark_cleared):
        booking.mark_cleared()


def reopen_reason(booking: Booking, run: ScreeningRun) -> str:
    """Why advice no longer stands after this run, or "" if it still does.

    Compared with the judged state the advice was given on (the booking's basis
    run), never merely with the previous run, so what ran in between does not
    matter. A match no officer has judged re-opens any advice, and so does a
    concern (a true or possible match) the advice did not know of. Advice also
    re-opens when a match it rested on is gone (the entry was removed or changed,
    the alias changed, the party changed to someone clear): for adverse advice a
    concern, for `no_concerns` any match an officer judged, false positives
    included, since that advice is the officer's word on exactly those matches.
    No advice is left standing on a basis that is no longer there (DESIGN, data flow 6).
    """
    basis = booking.basis_run or booking.screening_runs.exclude(pk=run.pk).first()
    return _basis_changed(run, basis, adverse=booking.advice in ADVERSE_ADVICE)


def proposal_reopen_reason(booking: Booking, run: ScreeningRun) -> str:
    """Why a proposed decline can no longer be approved as proposed after this run, or "".

    Its basis is the run before this one: the officer proposed on it, and any run
    since would have sent the proposal back already. A decline is adverse, so a
    concern gone re-opens it as a new match does.
    """
    return _basis_changed(run, booking.screening_runs.exclude(pk=run.pk).first(), adverse=True)


def _basis_changed(run: ScreeningRun, basis: ScreeningRun | None, *, adverse: bool) -> str:
    current = run_matches(run)
    if any(not m.suppression_id and not m.disposition for m in current):
        return ReopenReason.NEW_MATCH
    basis_matches = run_matches(basis) if basis is not None else []
    then = concerns(basis_matches)
    now = concerns(current)
    if now - then:
        return ReopenReason.NEW_MATCH
    if adverse and then - now:
        return ReopenReason.BASIS_GONE
    if not adverse and judged(basis_matches) - {m.fingerprint for m in current}:
        return ReopenReason.BASIS_GONE
    return ""


def run_matches(run: ScreeningRun) -> list[Match]:
    return list(run.matches.all())


def judged(matches: list[Match]) -> set[str]:
    """The fingerprints of matches an officer judged (whatever the judgement)."""
    return {m.fingerprint for m in matches if m.disposition}


def concerns(matches: list[Match]) -> set[str]:
    """The fingerprints of matches that are, or may be, a concern: unsuppressed and
    not judged a false positive."""
    return {
        m.fingerprint for m in matches if not m.suppression_id and m.disposition != Disposition.FALSE_POSITIVE
    }


def booking_screen_if_received(*, booking: Booking, trigger: str) -> Booking:
    """Screen a booking not yet screened (its screening failed at intake, so it waits
    flagged, or it was stored as received before that); a no-op if someone else got
    there first."""
    index_ready()
    with transaction.atomic():
        locked = locked_for_screening(booking)
        if locked.status in BookingStatus.FINAL or locked.screening_runs.exists():
            return locked
        return screen_locked(locked, trigger)
