import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import django_fsm as fsm
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from . import permissions
from .enums import (
    Advice,
    AttendanceMode,
    BookingStatus,
    Channel,
    DeliveryStatus,
    OfficerNoticeKind,
    OfficerWithdrawal,
    PartyKind,
    PartyRole,
    RefusalGrounds,
    ReopenReason,
    ReviewRequestOutcome,
    ScopeRule,
    VenueDecisionOutcome,
    VenueType,
    WebhookAlertKind,
)
from .timeliness import is_late_booking, review_due_at
from .validators import validate_partial_date
from .webhook_addresses import validate_webhook_url
from .webhook_secrets import MIN_SECRET_LENGTH

ADVERSE_ADVICE = (Advice.PROCEED_WITH_CONDITIONS, Advice.ADVISE_DECLINE)
WITHDRAWABLE = [
    BookingStatus.RECEIVED,
    BookingStatus.NOT_IN_SCOPE,
    BookingStatus.CLEARED,
    *BookingStatus.UNDER_REVIEW,
    BookingStatus.ADVISED,
]


def may_be_expedited(booking) -> bool:
    """Only a late booking (less notice than the policy asks), and only once (an `expedite` condition)."""
    late = is_late_booking(submitted_at=booking.created_at, event_starts_at=booking.starts_at)
    return late and not booking.expedited


def has_adverse_advice(booking) -> bool:
    """Only adverse advice can be asked to be reviewed (a `request_review` condition)."""
    return booking.advice in ADVERSE_ADVICE


class Venue(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    district = models.CharField(max_length=100, blank=True)
    venue_type = models.CharField(max_length=32, choices=VenueType.choices, default=VenueType.OTHER)
    owning_organisation = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    scope_rule = models.CharField(max_length=32, choices=ScopeRule.choices, default=ScopeRule.PROPORTIONATE)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="venues")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Told when advice changes: POSTed JSON signed with HMAC-SHA256 under the secret.
    webhook_url = models.URLField(max_length=500, blank=True, validators=[validate_webhook_url])
    # Made by the service (bookings/webhook_secrets.py), shown once, never a form field. Stored
    # raw because signing needs the key itself; nothing renders it back.
    webhook_secret = models.CharField(max_length=128, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(webhook_url="")
                | Q(GreaterThanOrEqual(Length("webhook_secret"), MIN_SECRET_LENGTH)),
                name="venue_webhook_url_needs_strong_secret",
                violation_error_message="A venue with a webhook URL needs a secret made by the service.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A venue system's credential. Only an HMAC digest of the key is stored;
    the prefix (first characters of the key) lets an admin tell keys apart."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.venue})"


class Booking(fsm.ConcurrentTransitionMixin, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="bookings")
    external_ref = models.CharField(max_length=100)
    # NULL, not "", so the partial unique constraint ignores bookings sent without a key.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    # SHA-256 of the create request, to tell a harmless retry from a clash.
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.API)

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=10_000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    expected_attendance = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=False)
    attendance_mode = models.CharField(
        max_length=16, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    promotion = models.CharField(
        max_length=500, blank=True, help_text="How the event is promoted (posters, social media…)."
    )
    hirer_contact_name = models.CharField(max_length=200, blank=True)
    hirer_contact_email = models.EmailField(blank=True)

    status = fsm.FSMField(
        max_length=32,
        choices=BookingStatus.choices,
        default=BookingStatus.RECEIVED,
        protected=True,
    )
    if TYPE_CHECKING:
        # Added to the class by the FSMField above, for the `status` field.
        def get_available_user_status_transitions(self, user) -> Iterator[fsm.Transition]: ...

    # NULL means "no advice given"; the API contract shows it as null.
    advice = models.CharField(max_length=32, choices=Advice.choices, null=True, blank=True)  # noqa: DJ001

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    flagged_at = models.DateTimeField(null=True, blank=True)
    # Set when screening failed at intake and the booking was stored flagged for that alone
    # (`mark_screening_failed`): reports count such a booking as a screening failure, and as
    # flagged only once a screening of it finds something.
    screening_failed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=500, blank=True)
    # Set when an officer withdrew the booking (a duplicate, a test); the venue is told.
    officer_withdrawal = models.CharField(max_length=16, choices=OfficerWithdrawal.choices, blank=True)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    # --- Review: who is on it, how timely, what was advised ---
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_bookings",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    # When the current review began (first flag, re-opening or review request).
    review_opened_at = models.DateTimeField(null=True, blank=True)
    review_due_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    expedited = models.BooleanField(default=False)
    expedite_reason = models.CharField(max_length=500, blank=True)
    # Shared with the venue: specific, plain English, nothing restricted.
    advice_rationale = models.TextField(blank=True, max_length=5000)
    # Restricted: officers only, never in any venue-facing page, API or webhook.
    officer_notes = models.TextField(blank=True, max_length=10_000)
    advice_conditions: "models.ManyToManyField[AdviceCondition, Any]" = models.ManyToManyField(
        "AdviceCondition", blank=True, related_name="+"
    )
    advice_conditions_text = models.TextField(blank=True, max_length=2000)
    # The screening run the standing advice was given on: a re-screen compares with it.
    basis_run = models.ForeignKey(
        "screening.ScreeningRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why a re-screen sent the booking back to the queue (empty unless re-opened).
    reopen_reason = models.CharField(max_length=32, choices=ReopenReason.choices, blank=True)
    # An advise_decline waiting for the second officer; `advice` changes only on approval.
    # Null like `advice`: "no advice" is not the empty string.
    proposed_advice = models.CharField(  # noqa: DJ001
        max_length=32, choices=Advice.choices, null=True, blank=True
    )
    # The proposed decline's rationale; it reaches `advice_rationale` only on approval,
    # so standing advice under review keeps its own words meanwhile.
    proposed_rationale = models.TextField(blank=True, max_length=5000)
    decline_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    advised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    advised_at = models.DateTimeField(null=True, blank=True)
    # Why the second officer sent a proposed decline back (officers only).
    approval_rejection_reason = models.TextField(blank=True, max_length=2000)
    lapsed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "external_ref"], name="booking_external_ref_unique_per_venue"
            ),
            models.UniqueConstraint(
                fields=["venue", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="booking_idempotency_key_unique_per_venue",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"),
            models.CheckConstraint(condition=Q(status__in=BookingStatus.values), name="booking_status_valid"),
            models.CheckConstraint(
                condition=Q(advice__isnull=True) | Q(advice__in=Advice.values),
                name="booking_advice_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.venue} {self.external_ref}"

    @property
    def hirer(self) -> "Party | None":
        return next((p for p in self.parties.all() if p.role == PartyRole.HIRER), None)

    # --- Relations known without a query (a booking just written in this request) ---

    def parties_known(self, parties: list["Party"]) -> None:
        _remember_related(self, "parties", parties)

    def review_records_known_empty(self) -> None:
        """A booking created in this request has no review records yet."""
        for name in REVIEW_RECORD_RELATIONS:
            _remember_related(self, name, [])

    # --- Screening outcomes: short, DB-only transitions driven by services ---

    @fsm.transition(field=status, source=BookingStatus.SCREENABLE, target=BookingStatus.NOT_IN_SCOPE)
    def mark_not_in_scope(self) -> None:
        self.screened_at = timezone.now()

    @fsm.transition(field=status, source=BookingStatus.SCREENABLE, target=BookingStatus.CLEARED)
    def mark_cleared(self) -> None:
        self.screened_at = timezone.now()

    @fsm.transition(
        field=status,
        source=[*BookingStatus.SCREENABLE, BookingStatus.FLAGGED, BookingStatus.ADVISED],
        target=BookingStatus.FLAGGED,
    )
    def mark_flagged(self, *, reopen_reason: str = "") -> None:
        # Re-flagging advised booking re-opens review: earlier advice no longer stands.
        self.advice = None
        self.reopen_reason = reopen_reason
        self.screened_at = timezone.now()
        self.flagged_at = self.flagged_at or self.screened_at
        self._open_review(self.screened_at)

    @fsm.transition(field=status, source=BookingStatus.RECEIVED, target=BookingStatus.FLAGGED)
    def mark_screening_failed(self) -> None:
        # Screening could not run at intake: the service cannot say "no match found",
        # so it says "a person must look" (DESIGN, principles) and the worker screens
        # the booking later (its run joins the evidence). `screened_at` stays empty.
        self.flagged_at = self.screening_failed_at = timezone.now()
        self._open_review(self.flagged_at)

    # --- Review: the Prevent Officer's and the venue's transitions ---
    # `custom` makes a transition a caller's action: `api` (one POST action each, the
    # method name is its name), `side` (whose action it is: "officer", "venue", or
    # absent for anyone who may see the booking), `label` (its button) and `done` (what
    # the page says once it is done). bookings/review/rules.py reads the action lists
    # from here, in the order the methods are defined; each action's service is
    # `bookings.review.services.booking_<name>` (withdrawal: `bookings.intake.services`).

    @fsm.transition(
        field=status,
        source=BookingStatus.FLAGGED,
        target=BookingStatus.IN_REVIEW,
        permission=permissions.may_take,
        custom={
            "api": True,
            "side": "officer",
            "label": "Take this booking",
            "done": "You have taken this booking. It is assigned to you.",
        },
    )
    def take(self, *, by) -> None:
        self.assigned_to = by
        self.assigned_at = timezone.now()

    @fsm.transition(
        field=status,
        source=BookingStatus.IN_REVIEW,
        target=BookingStatus.INFO_REQUESTED,
        permission=permissions.is_handling_officer,
        custom={
            "api": True,
            "side": "officer",
            "label": "Send the question",
            "done": "Your question has been sent to the venue.",
        },
    )
    def request_info(self) -> None:
        pass  # the question itself is an InformationRequest row, written by the service

    @fsm.transition(
        field=status,
        source=BookingStatus.INFO_REQUESTED,
        target=BookingStatus.IN_REVIEW,
        permission=permissions.speaks_for_venue,
        custom={
            "api": True,
            "side": "venue",
            "label": "Send your answer",
            "done": "Your answer has been sent to the Prevent Officer.",
        },
    )
    def answer_info(self) -> None:
        pass

    @fsm.transition(
        field=status,
        source=BookingStatus.IN_REVIEW,
        target=None,
        permission=permissions.is_handling_officer,
        custom={
            "api": True,
            "side": "officer",
            "label": "Record your judgement",
            "done": "Your judgement of the match has been recorded.",
        },
    )
    def dispose_match(self) -> None:
        pass  # the disposition is stored on the match; the status stays

    @fsm.transition(
        field=status,
        source=BookingStatus.IN_REVIEW,
        target=fsm.RETURN_VALUE(BookingStatus.ADVISED, BookingStatus.AWAITING_APPROVAL),
        permission=permissions.is_handling_officer,
        custom={
            "api": True,
            "side": "officer",
            "label": "Give advice",
            "done": "Your advice has been recorded.",
        },
    )
    def advise(self, *, by, advice: str, rationale: str, notes: str, conditions_text: str) -> str:
        self.officer_notes = notes
        if advice == Advice.ADVISE_DECLINE:
            # Adverse advice needs a second officer: nothing reaches the venue yet, and
            # advice standing under a review request keeps its own words meanwhile.
            self.proposed_advice = advice
            self.proposed_rationale = rationale
            self.decline_proposed_by = by
            return BookingStatus.AWAITING_APPROVAL
        self.advice_rationale = rationale
        self.advice_conditions_text = conditions_text
        self._give_advice(advice, by=by, approved_by=None)
        return BookingStatus.ADVISED

    @fsm.transition(
        field=status,
        source=BookingStatus.AWAITING_APPROVAL,
        target=BookingStatus.ADVISED,
        permission=permissions.is_second_officer,
        custom={
            "api": True,
            "side": "officer",
            "label": "Approve the decline advice",
            "done": "You approved the decline advice. The venue can now see it.",
        },
    )
    def approve(self, *, by) -> None:
        self.advice_rationale = self.proposed_rationale
        self.advice_conditions_text = ""
        self._give_advice(self.proposed_advice, by=self.decline_proposed_by, approved_by=by)

    @fsm.transition(
        field=status,
        source=BookingStatus.AWAITING_APPROVAL,
        target=BookingStatus.IN_REVIEW,
        permission=permissions.is_second_officer,
        custom={
            "api": True,
            "side": "officer",
            "label": "Send it back for review",
            "done": "The decline advice has been sent back for review.",
        },
    )
    def reject_approval(self, *, reason: str) -> None:
        self.approval_rejection_reason = reason
        self.proposed_advice = None
        self.proposed_rationale = ""
        self.decline_proposed_by = None

    @fsm.transition(field=status, source=BookingStatus.AWAITING_APPROVAL, target=BookingStatus.IN_REVIEW)
    def reopen_proposal(self, *, reopen_reason: str) -> None:
        # A re-screen changed what a proposed decline rested on (a new match, or a concern
        # gone): no second officer may approve it as proposed, so it goes back to the
        # officer on the booking, who judges the new evidence and advises again.
        self.reopen_reason = reopen_reason
        self.proposed_advice = None
        self.proposed_rationale = ""
        self.decline_proposed_by = None

    @fsm.transition(
        field=status,
        source=BookingStatus.ADVISED,
        target=None,
        permission=permissions.speaks_for_venue,
        custom={
            "api": True,
            "side": "venue",
            "label": "Record the decision",
            "done": "Your venue's decision has been recorded.",
        },
    )
    def record_decision(self) -> None:
        pass  # the decision is a VenueDecision row; the advice stands as given

    @fsm.transition(
        field=status,
        source=BookingStatus.ADVISED,
        target=BookingStatus.FLAGGED,
        conditions=[has_adverse_advice],
        permission=permissions.speaks_for_venue,
        custom={
            "api": True,
            "side": "venue",
            "label": "Ask for a review",
            "done": "Your request has been sent. A different officer will review the advice.",
        },
    )
    def request_review(self) -> None:
        # Back to the queue, unassigned: `take` keeps the advising officer off it.
        self.assigned_to = None
        self.assigned_at = None
        self._open_review(timezone.now())

    @fsm.transition(
        field=status,
        source=[*BookingStatus.UNDER_REVIEW],
        target=None,
        conditions=[may_be_expedited],
        permission=permissions.speaks_for_venue,
        custom={
            "api": True,
            "side": "venue",
            "label": "Ask for an answer sooner",
            "done": "Your request has been sent. The officer will aim to answer sooner.",
        },
    )
    def expedite(self, *, reason: str) -> None:
        self.expedited = True
        self.expedite_reason = reason
        self.review_due_at = review_due_at(
            opened_at=timezone.now(),
            event_starts_at=self.starts_at,
            expedite=True,
            current=self.review_due_at,
        )

    @fsm.transition(
        field=status,
        source=WITHDRAWABLE,
        target=BookingStatus.WITHDRAWN,
        permission=permissions.speaks_for_venue,
        custom={"api": True, "side": "venue", "label": "Withdraw this booking"},
    )
    def withdraw(self, *, reason: str = "") -> None:
        # The venue's own action: officers advise, venues decide.
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason

    @fsm.transition(
        field=status,
        source=WITHDRAWABLE,
        target=BookingStatus.WITHDRAWN,
        permission=permissions.is_any_officer,
        custom={"api": True, "side": "officer", "label": "Withdraw as a duplicate or test booking"},
    )
    def officer_withdraw(self, *, category: str, reason: str) -> None:
        # Only for a duplicate or a test booking, recorded as the officer's and told to the venue.
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason
        self.officer_withdrawal = category

    @fsm.transition(
        field=status,
        source=[*BookingStatus.UNDER_REVIEW],
        target=BookingStatus.LAPSED,
        permission=permissions.is_system,
    )
    def lapse(self) -> None:
        # The event passed before review finished: a service failure, never adverse advice.
        self.lapsed_at = timezone.now()

    @fsm.transition(
        field=status,
        source=[BookingStatus.NOT_IN_SCOPE, BookingStatus.CLEARED, BookingStatus.ADVISED],
        target=BookingStatus.CLOSED,
        permission=permissions.is_system,
    )
    def close(self) -> None:
        self.closed_at = timezone.now()

    def _give_advice(self, advice: str | None, *, by, approved_by) -> None:
        self.advice = advice
        # What a later re-screen compares with: the evidence this advice was given on.
        self.basis_run = self.screening_runs.first()
        self.reopen_reason = ""
        self.proposed_advice = None
        self.proposed_rationale = ""
        self.advised_by = by
        self.approved_by = approved_by
        self.advised_at = timezone.now()

    def _open_review(self, when) -> None:
        self.review_opened_at = when
        self.escalated_at = None
        self.review_due_at = review_due_at(
            opened_at=when, event_starts_at=self.starts_at, expedite=self.expedited
        )

    @property
    def open_review_request(self) -> "ReviewRequest | None":
        return self.review_requests.filter(resolved_at__isnull=True).first()


class AdviceCondition(models.Model):
    """The managed list of conditions an officer may attach to advice (admin-edited)."""

    code = models.SlugField(max_length=50, unique=True)
    label = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class InformationRequest(models.Model):
    """An officer's question to the venue and the venue's answer."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="information_requests")
    question = models.TextField(max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True, max_length=5000)
    answered_by = models.CharField(max_length=200, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"Question on {self.booking}"


class VenueDecision(models.Model):
    """The venue's own decision on the advice. The latest one stands."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="venue_decisions")
    outcome = models.CharField(max_length=32, choices=VenueDecisionOutcome.choices)
    grounds = models.CharField(max_length=32, choices=RefusalGrounds.choices, blank=True)
    reason = models.TextField(blank=True, max_length=2000)
    decided_by_name = models.CharField(max_length=200)
    # A refusal on Prevent grounds needs a second named person at the venue.
    second_person_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.CharField(max_length=200)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=VenueDecisionOutcome.values), name="decision_outcome_valid"
            ),
            models.CheckConstraint(
                condition=~Q(outcome=VenueDecisionOutcome.REFUSED) | ~Q(grounds=""),
                name="decision_refusal_has_grounds",
            ),
            models.CheckConstraint(
                condition=~Q(grounds=RefusalGrounds.PREVENT) | ~Q(second_person_name=""),
                name="decision_prevent_refusal_has_second_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.booking})"


class ReviewRequest(models.Model):
    """The hirer's request, through the venue, for a review of adverse advice."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="review_requests")
    reason = models.TextField(max_length=2000)
    requested_by = models.CharField(max_length=200)
    requested_at = models.DateTimeField(default=timezone.now)
    original_advice = models.CharField(max_length=32, choices=Advice.choices)
    # The officer who gave the advice; a different officer must handle the review.
    original_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=ReviewRequestOutcome.choices, blank=True)
    new_advice = models.CharField(max_length=32, choices=Advice.choices, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Review request on {self.booking}"


class WebhookDelivery(models.Model):
    """One notification to a venue's webhook and its delivery attempts (the delivery log)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="webhook_deliveries")
    booking = models.ForeignKey(
        Booking, null=True, on_delete=models.SET_NULL, related_name="webhook_deliveries"
    )
    event = models.CharField(max_length=64)
    url = models.URLField(max_length=500)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # An administrator sent it again after it gave up (attempts start again from 0).
    resends = models.PositiveSmallIntegerField(default=0)
    resent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.venue} ({self.status})"


class WebhookAlert(models.Model):
    """Something an administrator must act on for a venue's webhook: deliveries that gave up
    (one alert per venue per outage, however many fail in it), or a secret made that nobody
    has seen yet. Carries no personal data: ids, counts and the last error only."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="webhook_alerts")
    kind = models.CharField(max_length=24, choices=WebhookAlertKind.choices)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    failed_deliveries = models.PositiveIntegerField(default=0)
    first_delivery = models.ForeignKey(
        WebhookDelivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_delivery = models.ForeignKey(
        WebhookDelivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=WebhookAlertKind.values), name="webhook_alert_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["venue", "kind"],
                condition=Q(closed_at__isnull=True),
                name="one_open_webhook_alert_per_venue_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.venue}"


class OfficerEmailPreference(models.Model):
    """How an officer wants to hear: an e-mail for each notice, or one digest a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="officer_email_preference"
    )
    daily_digest = models.BooleanField(default=False)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({'daily digest' if self.daily_digest else 'each notice'})"


class OfficerNotice(models.Model):
    """Something an officer should hear about, stored with the change that caused it so it
    is never lost; sent at once, or in the officer's daily digest (`sent_at` marks it done)."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=OfficerNoticeKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["officer", "sent_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OfficerNoticeKind.values), name="officer_notice_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.booking} to {self.officer}"


class VenueEmail(models.Model):
    """An e-mail owed to the venue's contact about its booking, stored with the change
    that caused it; `sent_at` is recorded in the transaction that sends it, under the
    row's lock, so a task delivered twice sends it once (docs/operations.md)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.event} to {self.booking.venue} ({'sent' if self.sent_at else 'not sent'})"


class TaskHeartbeat(models.Model):
    """A running task's worker is alive: renewed while the task runs (`bookings/worker.py`),
    so a task longer than TASK_LEASE_SECONDS is not taken for a dead worker's. One row per
    claim of a django-tasks-db task (its id and the claim's `started_at`)."""

    task_id = models.UUIDField()
    claimed_at = models.DateTimeField()
    worker_id = models.CharField(max_length=64)
    beat_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task_id", "claimed_at"], name="task_heartbeat_per_claim")
        ]

    def __str__(self) -> str:
        return f"task {self.task_id} alive at {self.beat_at:%H:%M:%S} (worker {self.worker_id})"


REVIEW_RECORD_RELATIONS = ("advice_conditions", "information_requests", "venue_decisions", "review_requests")


def _remember_related(instance: models.Model, name: str, rows: list) -> None:
    # What prefetch_related() leaves on an instance (see Django's prefetch_one_level),
    # filled from rows already in memory instead of from a query.
    queryset = getattr(instance, name).all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


class Party(models.Model):
    """Someone named on a booking: the hirer, an organiser, a speaker or a performer."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=PartyKind.choices)
    organisation = models.CharField(max_length=300, blank=True)
    date_of_birth = models.CharField(
        max_length=10, blank=True, validators=[validate_partial_date], help_text="YYYY[-MM[-DD]]"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["booking", "position", "id"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(condition=Q(role__in=PartyRole.values), name="party_role_valid"),
            models.CheckConstraint(condition=Q(kind__in=PartyKind.values), name="party_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class AuditRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit records are append-only")

    def delete(self):
        raise PermissionError("audit records are append-only")


class AuditRecord(models.Model):
    """One link of the append-only audit chain (see bookings/audit.py)."""

    created_at = models.DateTimeField()
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        db_table = "bookings_audit_record"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit records are append-only")


class AuditHead(models.Model):
    """The chain's length and last record, signed (one row, written with every append).

    Deleting the newest records leaves a shorter chain that still links; this
    row, which only the audit secret can re-sign, says how long it was.
    """

    count = models.PositiveBigIntegerField()
    last_id = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        db_table = "bookings_audit_head"

    def __str__(self) -> str:
        return f"audit head: {self.count} records up to #{self.last_id}"
