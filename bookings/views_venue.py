"""The venue staff's page for one booking: status, advice, and their part in the review.

Staff see what their venue's API sees (never matches or restricted notes) and
answer questions, record the venue's decision, ask for a review of adverse
advice, or ask for a late booking to be expedited. Same services as the API.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from . import services_review as review
from .forms import AnswerForm, DecisionForm, ReasonForm
from .roles import Role, has_role
from .selectors import booking_list_for_user
from .timeliness import is_late_booking

FORMS = {
    "answer_info": (AnswerForm, lambda b, u, d: review.booking_answer_info(booking=b, by=u, **d)),
    "record_decision": (DecisionForm,
                        lambda b, u, d: review.booking_record_decision(booking=b, by=u, **d)),
    "request_review": (ReasonForm,
                       lambda b, u, d: review.booking_request_review(booking=b, by=u, **d)),
    "expedite": (ReasonForm, lambda b, u, d: review.booking_expedite(booking=b, by=u, **d)),
}


def _own_booking(request, public_id):
    if not has_role(request.user, Role.VENUE_STAFF):
        raise PermissionDenied("This page is for venue staff.")
    booking = booking_list_for_user(user=request.user).filter(public_id=public_id).first()
    if booking is None:
        raise Http404("No such booking at your venues.")
    return booking


@login_required
def booking_page(request, public_id, bound=None, status=200):
    booking = _own_booking(request, public_id)
    allowed = review.allowed_actions(booking, request.user)
    forms = {name: (bound or {}).get(name) or form_class(prefix=name)
             for name, (form_class, _) in FORMS.items() if name in allowed}
    context = {"booking": booking, "forms": forms,
               "is_late": is_late_booking(submitted_at=booking.created_at,
                                          event_starts_at=booking.starts_at)}
    return render(request, "bookings/venue_booking.html", context, status=status)


@require_POST
@login_required
def venue_act(request, public_id, action):
    booking = _own_booking(request, public_id)
    if action not in FORMS:
        raise Http404("Unknown action.")
    form_class, call = FORMS[action]
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        return booking_page(request, public_id, bound={action: form}, status=400)
    try:
        call(booking, request.user, form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return booking_page(request, public_id, bound={action: form}, status=400)
    except (TransitionNotAllowed, ConcurrentTransition):
        messages.error(request, "That is not possible for this booking now.")
        return booking_page(request, public_id, status=409)
    messages.success(request, "Saved.")
    return redirect("bookings:venue_booking", public_id=booking.public_id)
