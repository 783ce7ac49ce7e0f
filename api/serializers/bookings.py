"""Booking input and output. Input serializers only validate; services write."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bookings.enums import Advice, AttendanceMode, BookingStatus, PartyKind, PartyRole
from bookings.models import Booking, Party, Venue
from bookings.presentation import SHOWN_STATUS_CHOICES, venue_status
from bookings.validators import (
    MAX_PARTIES,
    parse_partial_date,
    tidy_name,
    validate_booking_date,
    validate_date_of_birth_for_kind,
    validate_event_times,
)

from .output import ModelOutput, many_data
from .strict import AwareDateTimeField, ChoiceInput, StrictInput

NAME_MAX = 300


class PartialDateField(serializers.CharField):
    """YYYY, YYYY-MM or YYYY-MM-DD: sources often know only a year of birth."""

    def __init__(self, **kwargs):
        super().__init__(max_length=10, **kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            parse_partial_date(value)
        except ValueError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return value


def kind_and_date_of_birth_agree(attrs: dict) -> dict:
    """An organisation sent with a date of birth is a 400 on `date_of_birth` (a PATCH of
    one of the two is checked against the stored other by the service)."""
    try:
        validate_date_of_birth_for_kind(attrs.get("kind"), attrs.get("date_of_birth"))
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.message_dict) from exc
    return attrs


def strip_name(value: str) -> str:
    tidy = tidy_name(value)
    if tidy is None:
        raise serializers.ValidationError("A name must contain letters or digits.")
    return tidy


class EventInput(StrictInput):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    starts_at = AwareDateTimeField()
    ends_at = AwareDateTimeField()
    expected_attendance = serializers.IntegerField(
        min_value=0, max_value=1_000_000, required=False, allow_null=True, default=None
    )
    is_public = serializers.BooleanField(default=False)
    attendance_mode = ChoiceInput(AttendanceMode.choices, default=AttendanceMode.IN_PERSON)
    promotion = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    # The rules are bookings.validators'; a PATCH sending one date is checked against
    # the stored other by booking_update.
    def validate_starts_at(self, value):
        validate_booking_date(value)
        return value

    def validate_ends_at(self, value):
        validate_booking_date(value)
        return value

    def validate(self, attrs):
        if "starts_at" in attrs and "ends_at" in attrs:
            validate_event_times(attrs["starts_at"], attrs["ends_at"])
        return attrs


class HirerInput(StrictInput):
    name = serializers.CharField(max_length=NAME_MAX, validators=[])
    kind = ChoiceInput(PartyKind.choices)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    organisation = serializers.CharField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    date_of_birth = PartialDateField(required=False, allow_blank=True, default="")

    def validate_name(self, value):
        return strip_name(value)

    def validate(self, attrs):
        return kind_and_date_of_birth_agree(attrs)


class PartyInput(StrictInput):
    name = serializers.CharField(max_length=NAME_MAX)
    kind = ChoiceInput(PartyKind.choices)
    role = ChoiceInput([c for c in PartyRole.choices if c[0] != PartyRole.HIRER])
    organisation = serializers.CharField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    date_of_birth = PartialDateField(required=False, allow_blank=True, default="")

    def validate_name(self, value):
        return strip_name(value)

    def validate(self, attrs):
        return kind_and_date_of_birth_agree(attrs)


class NewEventInput(EventInput):
    def validate_ends_at(self, value):
        value = super().validate_ends_at(value)
        if value <= timezone.now():
            raise serializers.ValidationError("The event has already ended.")
        return value


class BookingInput(StrictInput):
    external_ref = serializers.RegexField(
        r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$",
        max_length=100,
        error_messages={"invalid": "Use letters, digits and . _ : / - only."},
    )
    event = NewEventInput()
    hirer = HirerInput()
    # DRF passes max_length on to the ListSerializer that many=True makes; the stubs lack it.
    parties = PartyInput(many=True, required=False, default=list, max_length=MAX_PARTIES)  # type: ignore[call-arg]


def optional_fields(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The same serializer with every field optional and no defaults, for PATCH."""
    fields = {}
    for name, field in serializer_class._declared_fields.items():
        # Field.__new__ keeps each field's constructor arguments; the stubs do not declare them.
        kwargs = {k: v for k, v in field._kwargs.items() if k not in ("default", "required")}  # type: ignore[attr-defined]
        fields[name] = type(field)(*field._args, required=False, **kwargs)  # type: ignore[attr-defined]
    return type(f"{serializer_class.__name__}Patch", (serializer_class,), fields)


class BookingPatchInput(StrictInput):
    """A partial change: event and hirer fields individually; `parties` replaces the whole list."""

    event = optional_fields(EventInput)(required=False)
    hirer = optional_fields(HirerInput)(required=False)
    # DRF passes max_length on to the ListSerializer that many=True makes; the stubs lack it.
    parties = PartyInput(many=True, required=False, max_length=MAX_PARTIES)  # type: ignore[call-arg]

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send at least one of event, hirer or parties.")
        return attrs


class WithdrawInput(StrictInput):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PartyOutput(ModelOutput):
    class Meta:
        model = Party
        fields = ["name", "kind", "role", "organisation", "date_of_birth"]


class HirerOutput(serializers.Serializer):
    """Documents `hirer` in responses (the hirer is a party; its contact is on the booking)."""

    name = serializers.CharField()
    kind = serializers.ChoiceField(PartyKind.choices, allow_blank=True)
    contact_name = serializers.CharField(allow_blank=True)
    contact_email = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_blank=True)
    date_of_birth = serializers.CharField(allow_blank=True)


class EventOutput(ModelOutput):
    class Meta:
        model = Booking
        fields = [
            "title",
            "description",
            "starts_at",
            "ends_at",
            "expected_attendance",
            "is_public",
            "attendance_mode",
            "promotion",
        ]


class BookingOutput(ModelOutput):
    """What a venue sees. Never carries match details."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    venue: "serializers.SlugRelatedField[Venue]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    status = serializers.SerializerMethodField()
    advice = serializers.ChoiceField(Advice.choices, allow_null=True, read_only=True)
    guidance = serializers.SerializerMethodField()
    event = EventOutput(source="*", read_only=True)
    hirer = serializers.SerializerMethodField()
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "external_ref",
            "venue",
            "status",
            "advice",
            "guidance",
            "event",
            "hirer",
            "parties",
            "screened_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(SHOWN_STATUS_CHOICES))
    def get_status(self, booking) -> str:
        return venue_status(booking.status)

    def get_guidance(self, booking) -> str:
        return venue_guidance(booking)

    @extend_schema_field(HirerOutput)
    def get_hirer(self, booking) -> dict:
        hirer = booking.hirer
        return {
            "name": hirer.name if hirer else "",
            "kind": hirer.kind if hirer else "",
            "contact_name": booking.hirer_contact_name,
            "contact_email": booking.hirer_contact_email,
            # Sent in the request and screened: read back like a party's.
            "organisation": hirer.organisation if hirer else "",
            "date_of_birth": (hirer.date_of_birth or "") if hirer else "",
        }

    @extend_schema_field(PartyOutput(many=True))
    def get_parties(self, booking) -> list[dict]:
        return many_data(PartyOutput([p for p in booking.parties.all() if p.role != "hirer"], many=True))


def venue_guidance(booking) -> str:
    """What the venue is told about where its booking stands, in plain English.
    Says the same for a proposed decline awaiting approval as for any review."""
    if booking.status in BookingStatus.UNDER_REVIEW and booking.advice and _review_requested(booking):
        return REVIEW_REQUEST_GUIDANCE
    if booking.status == BookingStatus.WITHDRAWN and booking.officer_withdrawal:
        return OFFICER_WITHDRAWAL_GUIDANCE
    return GUIDANCE.get(BookingStatus(venue_status(booking.status)), "")


def _review_requested(booking) -> bool:
    # Prefetched by the views; a plain query otherwise.
    return any(r.resolved_at is None for r in booking.review_requests.all())


REVIEW_REQUEST_GUIDANCE = (
    "The venue asked for the advice to be reviewed; a different Prevent Officer is looking at "
    "the booking again. The advice given stands until the review is done. You will be told the outcome."
)
OFFICER_WITHDRAWAL_GUIDANCE = (
    "The Prevent Officer withdrew this booking as a duplicate or test entry. "
    "If that is wrong, submit the booking again."
)

# Plain-English status guidance for the venue. Advisory: the venue decides.
GUIDANCE = {
    BookingStatus.NOT_IN_SCOPE: (
        "Not screened: a private booking with no speakers, organisers or performers "
        "besides the hirer is outside the venue's screening scope."
    ),
    BookingStatus.CLEARED: "No match found in the sources checked. No action is needed.",
    BookingStatus.FLAGGED: (
        "A person must look: the booking has been sent to the Prevent Officer for review. "
        "This is not a finding against anyone. You will be told when advice is given."
    ),
    BookingStatus.IN_REVIEW: "The Prevent Officer is reviewing this booking.",
    BookingStatus.INFO_REQUESTED: "The Prevent Officer has asked the venue for more information.",
    BookingStatus.ADVISED: "The Prevent Officer has given advice. The decision is the venue's.",
    BookingStatus.WITHDRAWN: "The booking was withdrawn.",
    BookingStatus.LAPSED: "The event took place before review finished.",
    BookingStatus.CLOSED: "Closed after the event.",
}
