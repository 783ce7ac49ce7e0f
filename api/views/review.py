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

from bookings.models import AdviceCondition
from bookings.review import services as review
from screening.models import Suppression
from screening.services import suppression_revoke

from ..permissions import SeesMatchDetails
from ..schema import review_action_schema
from ..serializers.review import (
    AdviceConditionOutput,
    AdviseInput,
    AnswerInfoInput,
    DisposeMatchInput,
    OfficerWithdrawInput,
    ReasonInput,
    RecordDecisionInput,
    RequestInfoInput,
    SuppressionOutput,
)


class ReviewActionsMixin(viewsets.GenericViewSet):
    """Transition actions for BookingViewSet (which provides _validated and _output)."""

    if TYPE_CHECKING:  # defined by BookingViewSet

        def _validated(self, serializer_class, data, context=None) -> dict: ...

        def _output(self, booking) -> dict: ...

    @review_action_schema("take", request=None)
    @action(detail=True, methods=["post"])
    def take(self, request, id=None):
        booking = review.booking_take(booking=self.get_object(), by=request.user)
        return Response(self._output(booking))

    @review_action_schema("request_info", request=RequestInfoInput)
    @action(detail=True, methods=["post"])
    def request_info(self, request, id=None):
        data = self._validated(RequestInfoInput, request.data)
        booking = review.booking_request_info(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(booking))

    @review_action_schema("answer_info", request=AnswerInfoInput)
    @action(detail=True, methods=["post"])
    def answer_info(self, request, id=None):
        data = self._validated(AnswerInfoInput, request.data)
        booking = review.booking_answer_info(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(booking))

    @review_action_schema("dispose_match", request=DisposeMatchInput)
    @action(detail=True, methods=["post"])
    def dispose_match(self, request, id=None):
        data = self._validated(DisposeMatchInput, request.data)
        match = review.booking_dispose_match(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(match.run.booking))

    @review_action_schema("advise", request=AdviseInput)
    @action(detail=True, methods=["post"])
    def advise(self, request, id=None):
        data = self._validated(AdviseInput, request.data)
        booking = review.booking_advise(
            booking=self.get_object(),
            by=request.user,
            advice=data["advice"],
            rationale=data["rationale"],
            notes=data["notes"],
            condition_codes=data["conditions"],
            conditions_text=data["conditions_text"],
        )
        return Response(self._output(booking))

    @review_action_schema("approve", request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, id=None):
        booking = review.booking_approve(booking=self.get_object(), by=request.user)
        return Response(self._output(booking))

    @review_action_schema("reject_approval", request=ReasonInput)
    @action(detail=True, methods=["post"])
    def reject_approval(self, request, id=None):
        data = self._validated(ReasonInput, request.data)
        booking = review.booking_reject_approval(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(booking))

    @review_action_schema("record_decision", request=RecordDecisionInput)
    @action(detail=True, methods=["post"])
    def record_decision(self, request, id=None):
        data = self._validated(RecordDecisionInput, request.data)
        decision = review.booking_record_decision(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(decision.booking))

    @review_action_schema("request_review", request=ReasonInput)
    @action(detail=True, methods=["post"])
    def request_review(self, request, id=None):
        data = self._validated(ReasonInput, request.data)
        req = review.booking_request_review(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(req.booking))

    @review_action_schema("expedite", request=ReasonInput)
    @action(detail=True, methods=["post"])
    def expedite(self, request, id=None):
        data = self._validated(ReasonInput, request.data)
        booking = review.booking_expedite(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(booking))

    @review_action_schema("officer_withdraw", request=OfficerWithdrawInput)
    @action(detail=True, methods=["post"])
    def officer_withdraw(self, request, id=None):
        data = self._validated(OfficerWithdrawInput, request.data)
        booking = review.booking_officer_withdraw(booking=self.get_object(), by=request.user, **data)
        return Response(self._output(booking))


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
    queryset = Suppression.objects.select_related("created_by", "revoked_by")

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
