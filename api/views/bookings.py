from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from bookings.enums import Channel
from bookings.intake.services import booking_create, booking_update, booking_withdraw
from bookings.models import REVIEW_RECORD_RELATIONS, Venue
from bookings.permissions import is_officer, speaks_for_venue
from bookings.review.services import booking_match_details_viewed

from ..filters import BookingFilter
from ..permissions import CanUseBookings
from ..principals import is_venue_client, visible_bookings
from ..schema import booking_list_response, booking_response
from ..serializers.bookings import BookingInput, BookingOutput, BookingPatchInput, WithdrawInput
from ..serializers.review import BookingOfficerOutput, BookingVenueOutput
from .review import ReviewActionsMixin

IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Retries with the same key return the booking created by the first request.",
)
VENUE_PARAMETER = OpenApiParameter(
    "venue",
    str,
    OpenApiParameter.QUERY,
    required=False,
    description="Venue slug; required for staff linked to more than one venue.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List bookings",
        description=(
            "A venue's key or staff see the venue's bookings; officers see every venue's. "
            "Paginated, soonest event first. Filter with `external_ref`, `status` and the other "
            "parameters; filters that would tell a venue what only officers know are refused, and so "
            "is any parameter that is not a filter (a misspelt `external_ref` is a 400, not every booking)."
        ),
        responses={200: booking_list_response()},
    )
)
class BookingViewSet(
    ReviewActionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [CanUseBookings]
    serializer_class = BookingOutput
    filterset_class = BookingFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_converter = "uuid"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return self._with_review(visible_bookings(self.request.user)).order_by("starts_at", "id")

    def get_serializer_class(self):
        # Officers see the review fields; venues never see match details or notes.
        if is_officer(self.request.user):
            return BookingOfficerOutput
        return BookingVenueOutput

    @extend_schema(
        summary="Read one booking",
        description=(
            "Its status, advice and the review so far. Officers also get the match details "
            "(which entry, which alias, which words, the score) and their allowed actions; "
            "each such read is audited. Venues never see match details."
        ),
        responses={200: booking_response("The booking.")},
    )
    def retrieve(self, request, id=None):
        # get_queryset() already brings the review records: no second read.
        return Response(self._serialized(self.get_object()))

    @extend_schema(
        summary="Submit a booking for screening",
        description=(
            "Stores the booking and screens every name it carries in the same request: the answer "
            "says `cleared`, `flagged` (a person must look), or `not_in_scope`. A retry with the same "
            "`Idempotency-Key` (or the same `external_ref` and body) returns the first booking with 200."
        ),
        request=BookingInput,
        responses={
            201: booking_response("Stored and screened."),
            200: booking_response("Already received: the booking from the first request."),
        },
        parameters=[IDEMPOTENCY_HEADER, VENUE_PARAMETER],
    )
    def create(self, request):
        data = self._validated(BookingInput, request.data)
        booking, created = booking_create(
            venue=self._submitting_venue(request),
            external_ref=data["external_ref"],
            event=data["event"],
            hirer=data["hirer"],
            parties=data["parties"],
            by=request.user,
            idempotency_key=request.headers.get("Idempotency-Key") or None,
            channel=Channel.API if is_venue_client(request.user) else Channel.FORM,
        )
        if not created:
            return Response(self._output(booking), status=200)
        # Written in this request: everything the response shows is already in memory.
        booking.review_records_known_empty()
        return Response(self._serialized(booking), status=201)

    @extend_schema(
        summary="Change a booking",
        description=(
            "Venues only. Send only what changed. A change to any name, the event text or the "
            "scope screens the booking again; new matches re-open review."
        ),
        request=BookingPatchInput,
        responses={200: booking_response("The booking as changed.")},
    )
    def partial_update(self, request, id=None):
        booking = self._venues_own(self.get_object())
        data = self._validated(BookingPatchInput, request.data)
        booking = booking_update(booking=booking, by=request.user, **data)
        return Response(self._output(booking))

    @extend_schema(
        summary="Withdraw a booking",
        description="Venues only. The booking is no longer screened or reviewed; `reason` is optional.",
        request=WithdrawInput,
        responses={200: booking_response("The withdrawn booking.")},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, id=None):
        data = self._validated(WithdrawInput, request.data)
        booking = booking_withdraw(
            booking=self._venues_own(self.get_object()), reason=data["reason"], by=request.user
        )
        return Response(self._output(booking))

    def _venues_own(self, booking):
        """Changing or withdrawing a booking is the venue's decision: officers advise
        (an officer removes a duplicate or test booking with `officer_withdraw`)."""
        if not speaks_for_venue(booking, self.request.user):
            raise PermissionDenied(
                "Only the booking's venue can change or withdraw it. An officer can withdraw a "
                "duplicate or test booking with officer_withdraw."
            )
        return booking

    def _validated(self, serializer_class, data, context=None) -> dict:
        serializer = serializer_class(data=data, context=context or {})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _output(self, booking) -> dict:
        """The detail response, read afresh with the review records."""
        return self._serialized(self._with_review(visible_bookings(self.request.user)).get(pk=booking.pk))

    def _serialized(self, booking) -> dict:
        """An officer's response includes match details, and that look is audited."""
        context = dict(self.get_serializer_context())
        if is_officer(self.request.user):
            booking_match_details_viewed(booking=booking, by=self.request.user)
            context["with_matches"] = True
        return self.get_serializer_class()(booking, context=context).data

    def _with_review(self, bookings):
        """With what the output shows: the review records, and for officers the
        people who handled the review (venues are not shown who did)."""
        bookings = bookings.prefetch_related(*REVIEW_RECORD_RELATIONS)
        if is_officer(self.request.user):
            bookings = bookings.select_related(
                "assigned_to", "decline_proposed_by", "advised_by", "approved_by"
            )
        return bookings

    def _submitting_venue(self, request) -> Venue:
        user = request.user
        if is_venue_client(user):
            return user.venue
        slug = request.query_params.get("venue")
        venues = user.venues.all()
        if slug:
            venue = get_object_or_404(venues, slug=slug)
        elif venues.count() == 1:
            venue = venues.get()
        else:
            raise ValidationError({"venue": ["Say which of your venues this booking is for."]})
        # One of the person's own venues; CanUseBookings has checked they are venue staff.
        return venue
