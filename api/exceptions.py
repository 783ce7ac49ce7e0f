"""Maps domain exceptions onto HTTP answers, so views stay thin."""

import logging

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django_fsm import ConcurrentTransition, TransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from bookings.intake.services import BookingConflict, BookingLocked
from bookings.review.services import MatchSuperseded, allowed_actions
from bookings.validators import BookingInvalid

from .parsers import too_large

logger = logging.getLogger(__name__)


class InvalidTransition(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This action is not allowed in the booking's current status."
    default_code = "invalid_transition"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The service is temporarily unavailable; nothing was stored. Retry later."
    default_code = "unavailable"


def exception_handler(exc, context):
    if isinstance(exc, TransitionNotAllowed):
        exc = _invalid_transition(exc, context)
    elif isinstance(exc, ConcurrentTransition):
        exc = Conflict("Someone else changed this booking at the same moment; reload and retry.")
    elif isinstance(exc, MatchSuperseded):
        exc = Conflict({"match_id": [str(exc)]})
    elif isinstance(exc, (BookingConflict, BookingLocked)):
        exc = Conflict(str(exc))
    elif isinstance(exc, BookingInvalid):
        exc = exceptions.ValidationError(exc.by_section)  # nested as the request body is
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, RequestDataTooBig):
        exc = too_large()
    elif isinstance(exc, OperationalError):
        logger.error("database unavailable, answering 503", exc_info=exc)
        exc = ServiceUnavailable()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = "5"
    return response


def _invalid_transition(exc: TransitionNotAllowed, context) -> InvalidTransition:
    """409 naming the current status and the actions this caller could take instead."""
    booking = exc.object
    request = context.get("request")
    allowed = getattr(exc, "allowed_actions", None)
    if allowed is None and request is not None:
        allowed = allowed_actions(booking, request.user)
    return InvalidTransition(
        {
            "detail": f"Not allowed from status '{booking.status}'.",
            "status": booking.status,
            "allowed_actions": allowed or [],
        }
    )
