"""The review's HTTP side: one POST action per transition, each calling one service.

Mixed into BookingViewSet, so every action is `/api/v1/bookings/{id}/<action>/`
and sees only the bookings the caller may see (another venue's booking is a
404). Who may trigger each transition is decided in the domain
(bookings/permissions.py): a refusal there is a 403, a wrong status a 409.
"""

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bookings.models import AdviceCondition, Booking
from bookings.review import services as review
from bookings.review.rules import REVIEW_ACTIONS
from screening.models import Match, Suppression
from screening.services import suppression_revoke

from ..permissions import SeesMatchDetails
from ..schema import review_action_schema
from ..serializers.review import ACTION_INPUTS, AdviceConditionOutput, ReasonInput, SuppressionOutput


class ReviewActionsMixin(viewsets.GenericViewSet):
    """Transition actions for BookingViewSet (which provides _validated and _output).

    One POST action per review action of the state machine (bookings/review/rules.py),
    made below: its body is `ACTION_INPUTS[name]`, its service `booking_<name>`.
    Withdrawal is the venue's change to its own booking: BookingViewSet.withdraw.
    """

    if TYPE_CHECKING:  # defined by BookingViewSet

        def _validated(self, serializer_class, data, context=None) -> dict: ...

        def _output(self, booking) -> dict: ...


def _booking_of(result) -> Booking:
    """A service returns what it made: the booking, or a match, decision or request of it."""
    if isinstance(result, Booking):
        return result
    if isinstance(result, Match):
        return result.run.booking
    return result.booking


def _review_action(name: str):
    input_class = ACTION_INPUTS[name]
    service = getattr(review, f"booking_{name}")

    def review_action(self, request, id=None):
        data = self._validated(input_class, request.data) if input_class else {}
        result = service(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(_booking_of(result)))

    review_action.__name__ = review_action.__qualname__ = name
    return review_action_schema(name, request=input_class)(
        action(detail=True, methods=["post"])(review_action)
    )


for _action in REVIEW_ACTIONS:
    if _action.name != "withdraw":
        setattr(ReviewActionsMixin, _action.name, _review_action(_action.name))


@extend_schema_view(
    list=extend_schema(
        summary="List suppressions",
        description="Officers only. Every suppression, newest first, active or not.",
    ),
    retrieve=extend_schema(summary="One suppression", description="Officers only."),
)
class SuppressionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers list, inspect and revoke suppressions. Nobody else sees them."""

    permission_classes = [SeesMatchDetails]
    serializer_class = SuppressionOutput
    queryset = Suppression.objects.select_related("created_by", "revoked_by", "booking")

    @extend_schema(
        summary="Revoke a suppression",
        description="Officers only. The pair alerts again from the next screening; `reason` is required.",
        request=ReasonInput,
        responses=SuppressionOutput,
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        suppression = suppression_revoke(
            suppression=self.get_object(),
            by=request.user,
            **data.validated_data,
        )
        return Response(SuppressionOutput(suppression).data)


@extend_schema_view(
    list=extend_schema(
        summary="List the conditions advice may carry",
        description="The codes to send in `advise.conditions`, with the label the venue sees.",
    )
)
class AdviceConditionListView(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The managed list of conditions advice may carry (codes for `advise`)."""

    serializer_class = AdviceConditionOutput
    queryset = AdviceCondition.objects.filter(active=True)
    pagination_class = None
