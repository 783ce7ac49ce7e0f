"""Writes for the Prevent Officer's review and the venue's part in it.

Each service is one transaction: it locks the booking, checks the transition
is possible from the current status (else `TransitionNotAllowed`, answered
409 with the actions that are allowed) and that the caller may trigger it
(else `PermissionDenied`, 403), applies it, and writes the audit record.
Notifications are queued only once the transaction has committed.

`by` is the caller: a user, a venue's API-key principal, or None for the system.
"""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import TransitionNotAllowed, can_proceed, has_transition_perm

from bookings.audit import audit_record
from bookings.enums import (
    Advice,
    BookingStatus,
    OfficerNoticeKind,
    OfficerWithdrawal,
    RefusalGrounds,
    ReviewRequestOutcome,
    VenueDecisionOutcome,
)
from bookings.models import AdviceCondition, Booking, InformationRequest, ReviewRequest, VenueDecision
from bookings.notifications import services as notifications
from bookings.review import rules
from callers import actor_of
from screening.enums import Disposition
from screening.models import Match
from screening.services import match_dispose

API_ACTIONS = rules.API_ACTIONS  # read from the transitions themselves


def allowed_actions(booking: Booking, by) -> list[str]:
    """The actions this caller could take on the booking as it stands."""
    names = {t.name for t in booking.get_available_user_status_transitions(by)}
    return [a for a in API_ACTIONS if a in names]


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().get(pk=booking.pk)


def _guard(booking: Booking, name: str, by) -> None:
    """Refuse before anything else: wrong caller a 403, wrong status a 409."""
    method = getattr(booking, name)
    if not rules.may_ever(name, booking, by):
        raise PermissionDenied(f"You may not {name.replace('_', ' ')} this booking.")
    if not can_proceed(method):
        exc = TransitionNotAllowed(
            f"'{name}' is not allowed from status '{booking.status}'.", object=booking, method=method
        )
        exc.allowed_actions = allowed_actions(booking, by)
        raise exc
    if not has_transition_perm(method, by):
        raise PermissionDenied(f"You may not {name.replace('_', ' ')} this booking.")


def _locked_for(booking: Booking, name: str, by) -> Booking:
    booking = _locked(booking)
    _guard(booking, name, by)
    return booking


def _apply(
    booking: Booking,
    name: str,
    caller,
    *,
    audit: dict | None = None,
    free_text: dict[str, str] | None = None,
    **kwargs,
) -> str:
    """Run transition `name` on a locked booking; save and audit it. Returns the old status."""
    _guard(booking, name, caller)
    method = getattr(booking, name)
    before = booking.status
    method(**kwargs)
    booking.save()
    audit_record(
        by=caller,
        action=f"booking.{name}",
        target=booking,
        data={"from": before, "to": booking.status, **(audit or {})},
        free_text=free_text,
    )
    return before


def _required(**fields: str) -> None:
    missing = {
        name: ["This field is required."] for name, value in fields.items() if not (value or "").strip()
    }
    if missing:
        raise ValidationError(missing)


@transaction.atomic
def booking_take(*, booking: Booking, by) -> Booking:
    booking = _locked(booking)
    _apply(booking, "take", by, by=by)
    review = booking.open_review_request
    if review is not None:
        review.handled_by = by
        review.save(update_fields=["handled_by"])
    return booking


@transaction.atomic
def booking_request_info(*, booking: Booking, by, question: str) -> Booking:
    """Ask the venue a question; the booking waits for the answer. Tells the venue."""
    booking = _locked_for(booking, "request_info", by)
    _required(question=question)
    _apply(booking, "request_info", by, free_text={"question": question})
    InformationRequest.objects.create(booking=booking, question=question, asked_by=by)
    notifications.booking_changed(booking=booking, event="booking.information_requested")
    return booking


@transaction.atomic
def booking_answer_info(*, booking: Booking, by, answer: str) -> Booking:
    booking = _locked_for(booking, "answer_info", by)
    _required(answer=answer)
    _apply(booking, "answer_info", by, free_text={"answer": answer})
    request = booking.information_requests.filter(answered_at__isnull=True).last()
    if request is not None:  # always present unless created outside the services
        request.answer, request.answered_by = answer, actor_of(by)
        request.answered_at = timezone.now()
        request.save(update_fields=["answer", "answered_by", "answered_at"])
    notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.ANSWER)
    return booking


class MatchSuperseded(Exception):
    """The match is the booking's, but from a screening run a re-screen has replaced.

    Judging it would record a judgement on evidence the booking no longer has (a
    stale page, a replayed request): answered 409, and nothing is written.
    """

    def __init__(self, match_id: int):
        self.match_id = match_id
        super().__init__(
            f"Match {match_id} is from an earlier screening of this booking, which has been re-screened "
            "since. Nothing was recorded: judge the matches of its current screening."
        )


@transaction.atomic
def booking_dispose_match(
    *,
    booking: Booking,
    by,
    match_id: int,
    disposition: str,
    reason: str,
    discriminators: list[str],
    discriminator_text: str = "",
) -> Match:
    """Judge one match of the booking; a false positive also creates a suppression."""
    booking = _locked_for(booking, "dispose_match", by)
    match = Match.objects.filter(run__booking=booking, pk=match_id).first()
    if match is None:
        raise ValidationError({"match_id": ["No such match on this booking."]})
    if match.run_id != booking.screening_runs.values_list("pk", flat=True).first():
        # Judgements on the same entry are carried to the new run by the re-screen itself;
        # the officer judges (or re-judges) the latest run's row, never the replaced one.
        raise MatchSuperseded(match_id)
    _apply(booking, "dispose_match", by, audit={"match": match_id, "disposition": disposition})
    return match_dispose(
        match=match,
        disposition=disposition,
        reason=reason,
        discriminators=discriminators,
        discriminator_text=discriminator_text,
        by=by,
    )


@transaction.atomic
def booking_advise(
    *,
    booking: Booking,
    by,
    advice: str,
    rationale: str,
    notes: str = "",
    conditions: Sequence[str] = (),
    conditions_text: str = "",
) -> Booking:
    """Give advice. `advise_decline` goes to a second officer (awaiting_approval);
    other advice reaches the venue at once (webhook and e-mail). `conditions` are codes
    of the managed list (`AdviceCondition`)."""
    booking = _locked_for(booking, "advise", by)
    chosen = _check_advice(booking, advice, rationale, list(conditions), conditions_text)
    _apply(
        booking,
        "advise",
        by,
        by=by,
        advice=advice,
        rationale=rationale,
        notes=notes,
        conditions_text=conditions_text,
        audit={"advice": advice, "conditions": [c.code for c in chosen]},
    )
    if booking.status == BookingStatus.ADVISED:
        # A proposed decline leaves the standing advice's conditions as they are.
        booking.advice_conditions.set(chosen)
        _advice_given(booking, by)
    return booking


def _check_advice(booking, advice, rationale, codes, conditions_text) -> list[AdviceCondition]:
    errors = {}
    if advice not in Advice.values:
        errors["advice"] = [f"Choose one of: {', '.join(Advice.values)}."]
    if advice != Advice.NO_CONCERNS and not rationale.strip():
        errors["rationale"] = ["Explain the advice to the venue."]
    conditions = list(AdviceCondition.objects.filter(code__in=codes, active=True))
    unknown = set(codes) - {c.code for c in conditions}
    if unknown:
        errors["conditions"] = [f"Unknown or retired conditions: {', '.join(sorted(unknown))}."]
    elif advice == Advice.PROCEED_WITH_CONDITIONS and not (conditions or conditions_text.strip()):
        errors["conditions"] = ["Choose at least one condition or describe one."]
    elif advice != Advice.PROCEED_WITH_CONDITIONS and (conditions or conditions_text.strip()):
        errors["conditions"] = ["Conditions go only with proceed_with_conditions."]
    undecided = _undisposed_matches(booking)
    if undecided:
        errors["matches"] = [f"Record a disposition for every match first (match {undecided})."]
    elif not booking.screened_at:
        # Screening failed at intake and the worker has not screened it yet: advice
        # would rest on nothing (and "no concerns" on a booking nobody screened).
        errors["matches"] = ["The booking has not been screened yet; advise once its screening has run."]
    if errors:
        raise ValidationError(errors)
    return conditions


def _undisposed_matches(booking) -> list[int]:
    run = booking.screening_runs.first()
    if run is None:
        return []
    pending = run.matches.filter(suppression__isnull=True, disposition="")
    return list(pending.values_list("pk", flat=True))


@transaction.atomic
def booking_approve(*, booking: Booking, by) -> Booking:
    """The second officer approves a proposed decline: the advice reaches the venue.
    Refused while a match no officer has judged is on the booking (a re-screen
    found it after the decline was proposed): send it back to review instead."""
    booking = _locked_for(booking, "approve", by)
    undecided = _undisposed_matches(booking)
    if undecided:
        raise ValidationError(
            {"matches": [f"A match no officer has judged is on the booking ({undecided}); send it back."]}
        )
    _apply(
        booking,
        "approve",
        by,
        by=by,
        audit={"advice": booking.proposed_advice, "proposed_by": booking.decline_proposed_by_id},
    )
    booking.advice_conditions.clear()
    _advice_given(booking, booking.advised_by)
    return booking


@transaction.atomic
def booking_reject_approval(*, booking: Booking, by, reason: str) -> Booking:
    booking = _locked_for(booking, "reject_approval", by)
    _required(reason=reason)
    _apply(booking, "reject_approval", by, reason=reason, free_text={"reason": reason})
    return booking


def _advice_given(booking: Booking, officer) -> None:
    """Close an open review request with its outcome, and tell the venue."""
    review = booking.open_review_request
    if review is not None:
        changed = booking.advice != review.original_advice
        review.outcome = ReviewRequestOutcome.CHANGED if changed else ReviewRequestOutcome.UPHELD
        assert booking.advice is not None, "called once advice is given"
        review.new_advice = booking.advice
        review.handled_by = review.handled_by or officer
        review.resolved_at = timezone.now()
        review.save()
        audit_record(
            by=officer,
            action="review_request.resolved",
            target=review,
            data={"outcome": review.outcome, "advice": booking.advice},
        )
    notifications.booking_changed(booking=booking, event="booking.advice_changed")


@transaction.atomic
def booking_record_decision(
    *,
    booking: Booking,
    by,
    outcome: str,
    decided_by_name: str,
    grounds: str = "",
    reason: str = "",
    second_person_name: str = "",
) -> VenueDecision:
    """The venue's own decision on the advice. Refusing on Prevent grounds needs a
    second named person at the venue."""
    booking = _locked_for(booking, "record_decision", by)
    _check_decision(outcome, grounds, reason, decided_by_name, second_person_name)
    _apply(booking, "record_decision", by, audit={"outcome": outcome, "grounds": grounds})
    decision = VenueDecision(
        booking=booking,
        outcome=outcome,
        grounds=grounds,
        reason=reason,
        decided_by_name=decided_by_name,
        second_person_name=second_person_name,
        recorded_by=actor_of(by),
    )
    decision.full_clean()
    decision.save()
    return decision


def _check_decision(outcome, grounds, reason, decided_by_name, second_person_name) -> None:
    errors = {}
    if outcome not in VenueDecisionOutcome.values:
        errors["outcome"] = [f"Choose one of: {', '.join(VenueDecisionOutcome.values)}."]
    if not decided_by_name.strip():
        errors["decided_by_name"] = ["Name the person at the venue who decided."]
    if outcome == VenueDecisionOutcome.REFUSED and grounds not in RefusalGrounds.values:
        errors["grounds"] = [f"A refusal needs grounds: {', '.join(RefusalGrounds.values)}."]
    if outcome != VenueDecisionOutcome.REFUSED and grounds:
        errors["grounds"] = ["Grounds go only with a refusal."]
    if grounds == RefusalGrounds.PREVENT and not second_person_name.strip():
        errors["second_person_name"] = ["A refusal on Prevent grounds needs a second named person."]
    needs_reason = outcome == VenueDecisionOutcome.WITHDRAWN or grounds == RefusalGrounds.OTHER
    if needs_reason and not reason.strip():
        errors["reason"] = ["Give the reason."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def booking_request_review(*, booking: Booking, by, reason: str) -> ReviewRequest:
    """The hirer, through the venue, asks for adverse advice to be reviewed by a
    different officer. The booking goes back to the queue; the advice stands meanwhile."""
    booking = _locked_for(booking, "request_review", by)
    _required(reason=reason)
    original_advice, original_officer = booking.advice, booking.advised_by
    assert original_advice is not None, "request_review's condition: the advice is adverse"
    _apply(booking, "request_review", by, free_text={"reason": reason})
    review_request = ReviewRequest.objects.create(
        booking=booking,
        reason=reason,
        requested_by=actor_of(by),
        original_advice=original_advice,
        original_officer=original_officer,
    )
    notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.REVIEW_REQUEST)
    return review_request


@transaction.atomic
def booking_expedite(*, booking: Booking, by, reason: str) -> Booking:
    """A late booking: the venue asks for advice sooner (the due date moves up)."""
    booking = _locked_for(booking, "expedite", by)
    _required(reason=reason)
    _apply(booking, "expedite", by, reason=reason, free_text={"reason": reason})
    notifications.officers_notify(booking=booking, kind=OfficerNoticeKind.EXPEDITE)
    return booking


@transaction.atomic
def booking_officer_withdraw(*, booking: Booking, by, category: str, reason: str) -> Booking:
    """An officer withdraws a booking that is a duplicate or a test, never otherwise:
    withdrawing is the venue's decision. Recorded as the officer's and told to the venue."""
    booking = _locked_for(booking, "officer_withdraw", by)
    errors = {}
    if category not in OfficerWithdrawal.values:
        errors["category"] = [f"Choose one of: {', '.join(OfficerWithdrawal.values)}."]
    if not reason.strip():
        errors["reason"] = ["Say which booking this duplicates, or why it is a test."]
    if errors:
        raise ValidationError(errors)
    _apply(
        booking,
        "officer_withdraw",
        by,
        category=category,
        reason=reason,
        audit={"category": category},
        free_text={"reason": reason},
    )
    notifications.booking_changed(booking=booking, event="booking.withdrawn_by_officer")
    return booking


def booking_match_details_viewed(*, booking: Booking, by) -> None:
    """Every look at match details by a person is on the record."""
    with transaction.atomic():
        audit_record(
            by=by,
            action="booking.match_details_viewed",
            target=booking,
            data={"status": booking.status},
        )


__all__ = ["Disposition", "API_ACTIONS", "allowed_actions"]
