"""Review input and output. Two outputs: what a venue sees, and what an officer sees.

The venue output never carries match details or the officer's restricted
notes; the rationale appears only once advice has been given (a proposed
decline's rationale stays with the officers until a second one approves).
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bookings.enums import Advice, BookingStatus, OfficerWithdrawal, RefusalGrounds, VenueDecisionOutcome
from bookings.models import (
    AdviceCondition,
    Booking,
    InformationRequest,
    ReviewRequest,
    VenueDecision,
)
from bookings.presentation import SHOWN_STATUS_CHOICES, shown_status
from bookings.review import selectors as review_selectors
from bookings.review.services import allowed_actions
from bookings.timeliness import is_late_booking
from screening.enums import Discriminator, Disposition
from screening.models import Match, Suppression

from .bookings import BookingOutput
from .output import ModelOutput, many_data, username_output
from .strict import ChoiceInput, StrictInput

# --- Inputs: validate only; the services write and enforce the rules ---------


class RequestInfoInput(StrictInput):
    question = serializers.CharField(max_length=2000)


class AnswerInfoInput(StrictInput):
    answer = serializers.CharField(max_length=5000)


class DisposeMatchInput(StrictInput):
    match_id = serializers.IntegerField()
    disposition = ChoiceInput(Disposition.choices)
    reason = serializers.CharField(max_length=2000)
    discriminators = serializers.ListField(
        child=ChoiceInput(Discriminator.choices),
        required=False,
        default=list,
        max_length=len(Discriminator.values),
    )
    discriminator_text = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AdviseInput(StrictInput):
    advice = ChoiceInput(Advice.choices)
    rationale = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Shared with the venue: plain English, nothing restricted.",
    )
    notes = serializers.CharField(
        max_length=10_000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Restricted: officers only.",
    )
    conditions = serializers.ListField(
        child=serializers.SlugField(), required=False, default=list, max_length=20
    )
    conditions_text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ReasonInput(StrictInput):
    reason = serializers.CharField(max_length=2000)


class OfficerWithdrawInput(StrictInput):
    category = ChoiceInput(OfficerWithdrawal.choices)
    reason = serializers.CharField(max_length=500)


class RecordDecisionInput(StrictInput):
    outcome = ChoiceInput(VenueDecisionOutcome.choices)
    grounds = ChoiceInput(RefusalGrounds.choices, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    decided_by_name = serializers.CharField(max_length=200)
    second_person_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# The body each review action takes (None: no body). Its validated fields are the keyword
# arguments of its service, `booking_<action>` (api/views/review.py).
ACTION_INPUTS: dict[str, type[StrictInput] | None] = {
    "take": None,
    "request_info": RequestInfoInput,
    "answer_info": AnswerInfoInput,
    "dispose_match": DisposeMatchInput,
    "advise": AdviseInput,
    "approve": None,
    "reject_approval": ReasonInput,
    "record_decision": RecordDecisionInput,
    "request_review": ReasonInput,
    "expedite": ReasonInput,
    "officer_withdraw": OfficerWithdrawInput,
}


# --- Outputs ------------------------------------------------------------------


class InformationRequestOutput(ModelOutput):
    class Meta:
        model = InformationRequest
        fields = ["question", "asked_at", "answer", "answered_at"]


class VenueDecisionOutput(ModelOutput):
    class Meta:
        model = VenueDecision
        fields = ["outcome", "grounds", "reason", "decided_by_name", "second_person_name", "recorded_at"]


class ReviewRequestOutput(ModelOutput):
    class Meta:
        model = ReviewRequest
        fields = ["reason", "requested_at", "original_advice", "outcome", "new_advice", "resolved_at"]


class ConditionOutput(serializers.Serializer):
    code = serializers.SlugField()
    # A response field that shares its name with Field.label: DRF collects it as a field.
    label = serializers.CharField()  # type: ignore[assignment]


class MatchPartyOutput(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    kind = serializers.CharField()
    organisation = serializers.CharField(allow_blank=True)
    date_of_birth = serializers.CharField(allow_blank=True)


class MatchEntryOutput(serializers.Serializer):
    entry_id = serializers.CharField(help_text="The entry's identifier in its source.")
    caption = serializers.CharField()
    kind = serializers.CharField()
    source = serializers.SlugField()  # type: ignore[assignment]  # a response field, not Field.source
    source_version = serializers.IntegerField()
    names = serializers.ListField(child=serializers.CharField())
    birth_dates = serializers.ListField(child=serializers.CharField())
    nationalities = serializers.ListField(child=serializers.CharField())
    topics = serializers.ListField(child=serializers.CharField())
    programmes = serializers.ListField(child=serializers.CharField())


class BookingVenueOutput(BookingOutput):
    """What a venue (system or staff) sees: status, advice, conditions, rationale."""

    advice_conditions = serializers.SerializerMethodField()
    advice_conditions_text = serializers.SerializerMethodField()
    advice_rationale = serializers.SerializerMethodField()
    advised_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_late = serializers.SerializerMethodField()
    expedited = serializers.BooleanField(read_only=True)
    information_requests = InformationRequestOutput(many=True, read_only=True)
    venue_decisions = VenueDecisionOutput(many=True, read_only=True)
    review_requests = ReviewRequestOutput(many=True, read_only=True)

    class Meta(BookingOutput.Meta):
        fields = [
            *BookingOutput.Meta.fields,
            "advice_conditions",
            "advice_conditions_text",
            "advice_rationale",
            "advised_at",
            "is_late",
            "expedited",
            "information_requests",
            "venue_decisions",
            "review_requests",
        ]

    @extend_schema_field(ConditionOutput(many=True))
    def get_advice_conditions(self, booking) -> list[dict]:
        if not booking.advice:
            return []
        return [{"code": c.code, "label": c.label} for c in booking.advice_conditions.all()]

    def get_advice_conditions_text(self, booking) -> str:
        return booking.advice_conditions_text if booking.advice else ""

    def get_advice_rationale(self, booking) -> str:
        return booking.advice_rationale if booking.advice else ""

    def get_is_late(self, booking) -> bool:
        return is_late_booking(submitted_at=booking.created_at, event_starts_at=booking.starts_at)


class MatchOutput(ModelOutput):
    """A match as the officer sees it: what matched, why, and against which entry."""

    party = serializers.SerializerMethodField()
    entry = serializers.SerializerMethodField()
    suppressed = serializers.SerializerMethodField()
    suppression_id = serializers.IntegerField(read_only=True, allow_null=True)
    judged_match_id = serializers.IntegerField(read_only=True, allow_null=True)
    disposed_by = username_output()

    class Meta:
        model = Match
        fields = [
            "id",
            "subject",
            "party",
            "query_name",
            "matched_name",
            "score",
            "explanation",
            "entry",
            "judged_match_id",
            "suppressed",
            "suppression_id",
            "disposition",
            "disposition_reason",
            "discriminators",
            "discriminator_text",
            "disposed_by",
            "disposed_at",
        ]

    @extend_schema_field(MatchPartyOutput(allow_null=True))
    def get_party(self, match) -> dict | None:
        p = match.party
        if p is None:
            return None
        return {
            "name": p.name,
            "role": p.role,
            "kind": p.kind,
            "organisation": p.organisation,
            "date_of_birth": p.date_of_birth,
        }

    @extend_schema_field(MatchEntryOutput)
    def get_entry(self, match) -> dict:
        e = match.entry
        return {
            "entry_id": e.entry_id,
            "caption": e.caption,
            "kind": e.kind,
            "source": e.version.source.slug,
            "source_version": e.version.number,
            "names": [n["name"] for n in e.names],
            "birth_dates": e.birth_dates,
            "nationalities": e.nationalities,
            "topics": e.topics,
            "programmes": e.programmes,
        }

    def get_suppressed(self, match) -> bool:
        return match.suppression_id is not None


class NameSignalOutput(serializers.Serializer):
    """A name a person must look at whatever it matches (screening/services.py)."""

    subject = serializers.CharField(help_text="hirer, contact, party or organisation")
    party = serializers.IntegerField(allow_null=True, help_text="the party's position, if a party's")
    name = serializers.CharField(help_text="the name as sent")
    signals = serializers.ListField(
        child=serializers.CharField(), help_text="reads_as_nothing, mixed_scripts"
    )
    explanation = serializers.ListField(child=serializers.CharField(), help_text="each signal in words")


class DiscountedMatchOutput(serializers.Serializer):
    """A strong name match left out because the dates of birth differ: the officer can
    see what was considered, and why it did not flag."""

    subject = serializers.CharField()
    party = serializers.IntegerField(allow_null=True)
    query_name = serializers.CharField()
    # The row's key; a declared field replaces the attribute DRF's Field.source types.
    source = serializers.CharField()  # type: ignore[assignment]
    entry_id = serializers.CharField()
    matched_name = serializers.CharField()
    name_score = serializers.FloatField()
    query_date_of_birth = serializers.CharField(allow_null=True)
    entry_dates_of_birth = serializers.ListField(child=serializers.CharField())
    outcome = serializers.CharField()


class BookingOfficerOutput(BookingVenueOutput):
    """The officer's view. Match details only in the detail response (`with_matches`)."""

    assigned_to = username_output()
    waiting_seconds = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    proposed_advice = serializers.CharField(read_only=True, allow_null=True)
    decline_proposed_by = username_output()
    advised_by = username_output()
    approved_by = username_output()
    officer_notes = serializers.CharField(read_only=True)
    matches = serializers.SerializerMethodField()
    name_signals = serializers.SerializerMethodField()
    discounted_matches = serializers.SerializerMethodField()
    evidence_changes = serializers.SerializerMethodField()
    reopen_reason = serializers.CharField(read_only=True)
    review_requested = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(BookingVenueOutput.Meta):
        fields = [
            *BookingVenueOutput.Meta.fields,
            "assigned_to",
            "review_opened_at",
            "review_due_at",
            "overdue",
            "waiting_seconds",
            "escalated_at",
            "proposed_advice",
            "decline_proposed_by",
            "advised_by",
            "approved_by",
            "officer_notes",
            "matches",
            "name_signals",
            "discounted_matches",
            "evidence_changes",
            "reopen_reason",
            "review_requested",
            "allowed_actions",
        ]

    @extend_schema_field(serializers.ChoiceField(SHOWN_STATUS_CHOICES))
    def get_status(self, booking) -> str:
        return shown_status(booking.status)  # officers see the real status, a proposed decline included

    def get_guidance(self, booking) -> str:
        if booking.status == BookingStatus.AWAITING_APPROVAL:
            return "A proposed decline is waiting for a second officer's approval."
        return super().get_guidance(booking)

    def get_advice_rationale(self, booking) -> str:
        return booking.advice_rationale

    def get_waiting_seconds(self, booking) -> int | None:
        if booking.status not in BookingStatus.UNDER_REVIEW or not booking.review_opened_at:
            return None
        return int((timezone.now() - booking.review_opened_at).total_seconds())

    def get_overdue(self, booking) -> bool:
        return bool(
            self.get_waiting_seconds(booking) is not None
            and booking.review_due_at
            and booking.review_due_at < timezone.now()
        )

    @extend_schema_field(MatchOutput(many=True, allow_null=True))
    def get_matches(self, booking) -> list[dict] | None:
        if not self.context.get("with_matches"):
            return None
        run = booking.screening_runs.first()
        if run is None:
            return []
        matches = run.matches.select_related("party", "entry__version__source", "disposed_by")
        return many_data(MatchOutput(matches, many=True))

    @extend_schema_field(NameSignalOutput(many=True, allow_null=True))
    def get_name_signals(self, booking) -> list[dict] | None:
        """Detail only, like the matches: from the latest screening."""
        return self._latest_run_rows(booking, "signals", NameSignalOutput)

    @extend_schema_field(DiscountedMatchOutput(many=True, allow_null=True))
    def get_discounted_matches(self, booking) -> list[dict] | None:
        return self._latest_run_rows(booking, "discounted", DiscountedMatchOutput)

    def _latest_run_rows(self, booking, field: str, output) -> list[dict] | None:
        if not self.context.get("with_matches"):
            return None
        run = booking.screening_runs.first()
        return many_data(output(getattr(run, field), many=True)) if run is not None else []

    @extend_schema_field(serializers.ListField(child=serializers.DictField(), allow_null=True))
    def get_evidence_changes(self, booking) -> list[dict] | None:
        if not self.context.get("with_matches"):
            return None
        return review_selectors.evidence_changes(booking=booking)

    def get_review_requested(self, booking) -> bool:
        return any(r.resolved_at is None for r in booking.review_requests.all())

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_allowed_actions(self, booking) -> list[str] | None:
        if not self.context.get("with_matches"):
            return None
        return allowed_actions(booking, self.context["request"].user)


class AdviceConditionOutput(ModelOutput):
    class Meta:
        model = AdviceCondition
        fields = ["code", "label", "description"]


class SuppressionOutput(ModelOutput):
    created_by = username_output()
    revoked_by = username_output()
    is_active = serializers.BooleanField(read_only=True)
    booking = serializers.UUIDField(
        source="booking.public_id",
        allow_null=True,
        read_only=True,
        help_text="The booking it covers alone (recorded without evidence), or null: it covers any "
        "booking whose party has this name, kind, date of birth and (if set) organisation.",
    )

    class Meta:
        model = Suppression
        fields = [
            "id",
            "party_name",
            "party_kind",
            "party_date_of_birth",
            "party_organisation",
            "booking",
            "source_slug",
            "entry_id",
            "entry_caption",
            "discriminators",
            "discriminator_text",
            "reason",
            "created_by",
            "created_at",
            "expires_at",
            "is_active",
            "revoked_at",
            "revoked_by",
            "revoke_reason",
            "stale_at",
        ]


__all__ = ["Booking", "BookingVenueOutput", "BookingOfficerOutput", "SuppressionOutput"]
