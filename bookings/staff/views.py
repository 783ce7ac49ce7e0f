"""The venue staff booking pages: list, new, detail, answer, decision, withdrawal.

Views stay thin: forms validate, `bookings.intake.services` / `bookings.review.services`
write (the same functions the API calls), selectors read. Staff reach only their own venues'
bookings: anything else is a 404. Staff pages never show anything about matched
entries or the officer's restricted notes.
"""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed

from bookings.enums import BookingStatus, Channel
from bookings.intake import services
from bookings.models import Venue
from bookings.presentation import WITH_OFFICER
from bookings.review import rules as review_rules
from bookings.review import services as services_review
from bookings.roles import Role, has_role
from bookings.selectors import SEARCH_MAX, bookings_matching
from bookings.staff.forms import (
    AnswerForm,
    BookingEntry,
    DecisionForm,
    ExpediteForm,
    ReviewRequestForm,
    WithdrawForm,
    booking_form_data,
    parties_data_with_row_added,
    parties_data_with_row_removed,
)
from bookings.staff.selectors import (
    latest_screening_run,
    sources_checked,
    staff_bookings,
    staff_bookings_past,
    staff_bookings_upcoming,
    staff_venues,
)
from bookings.timeliness import is_late_booking

PAGE_SIZE = 25


def venue_staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_role(request.user, Role.VENUE_STAFF):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@venue_staff_required
def booking_list(request):
    past = request.GET.get("show") == "past"
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    selector = staff_bookings_past if past else staff_bookings_upcoming
    bookings = bookings_matching(selector(user=request.user), query)
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    venues = list(staff_venues(user=request.user))
    context = {"page": page, "past": past, "venues": venues, "q": query}
    return render(request, "bookings/staff/booking_list.html", context)


@venue_staff_required
def booking_new(request):
    venues = staff_venues(user=request.user)
    if not venues.exists():
        return render(request, "bookings/staff/no_venue.html", status=403)
    if request.method != "POST":
        return _booking_form(request, BookingEntry(venues=venues))
    if "add_party" in request.POST or "remove_party" in request.POST:
        return _booking_form(request, _entry_with_rows_changed(request, venues))
    entry = BookingEntry(venues=venues, data=request.POST)
    if not entry.is_valid():
        return _booking_form(request, entry, status=400)
    try:
        booking = _booking_create(request, entry)
    except services.BookingConflict:
        return _booking_form(request, _entry_after_conflict(request, venues, entry), status=409)
    return redirect("bookings:detail", public_id=booking.public_id)


@venue_staff_required
def booking_edit(request, public_id):
    """Change a booking on the same page as a new one; saved through the service the API's
    PATCH uses, which screens the booking again when a name or the event text changed."""
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    venues = Venue.objects.filter(pk=booking.venue_id)  # the venue stays: the field is left out
    if booking.status in BookingStatus.FINAL:
        messages.error(request, "This booking can no longer be changed.")
        return redirect("bookings:detail", public_id=booking.public_id)
    if request.method != "POST":
        entry = BookingEntry(venues=venues, data=booking_form_data(booking), validate=False, editing=True)
        return _booking_form(request, entry, booking=booking)
    if "add_party" in request.POST or "remove_party" in request.POST:
        return _booking_form(
            request, _entry_with_rows_changed(request, venues, editing=True), booking=booking
        )
    entry = BookingEntry(venues=venues, data=request.POST, editing=True)
    if not entry.is_valid():
        return _booking_form(request, entry, status=400, booking=booking)
    try:
        services.booking_update(
            booking=booking,
            event=entry.event.event_payload(),
            hirer=entry.hirer.hirer_payload(),
            parties=entry.parties.parties_payload(),
            by=request.user,
        )
    except services.BookingLocked:
        messages.error(request, "This booking can no longer be changed.")
        return redirect("bookings:detail", public_id=booking.public_id)
    except ValidationError as exc:  # a booking rule the form could not check on its own
        entry.event.add_error(None, exc.messages)
        return _booking_form(request, entry, status=400, booking=booking)
    messages.success(request, "Your changes have been saved. The names were checked again if any changed.")
    return redirect("bookings:detail", public_id=booking.public_id)


def _entry_with_rows_changed(request, venues, *, editing: bool = False) -> BookingEntry:
    """The page again, with a person's row added or removed and nothing judged yet."""
    if "add_party" in request.POST:
        entry = BookingEntry(
            venues=venues, data=parties_data_with_row_added(request.POST), validate=False, editing=editing
        )
        entry.parties.forms[-1].fields["name"].widget.attrs["autofocus"] = True
        return entry
    data = parties_data_with_row_removed(request.POST, _int(request.POST["remove_party"]))
    return BookingEntry(venues=venues, data=data, validate=False, editing=editing)


def _booking_create(request, entry: BookingEntry):
    booking, _ = services.booking_create(
        venue=entry.event.chosen_venue(),
        external_ref=entry.event.external_ref(),
        event=entry.event.event_payload(),
        hirer=entry.hirer.hirer_payload(),
        parties=entry.parties.parties_payload(),
        by=request.user,
        idempotency_key=f"form:{entry.event.cleaned_data['token']}",
        channel=Channel.FORM,
    )
    return booking


def _entry_after_conflict(request, venues, entry: BookingEntry) -> BookingEntry:
    """The same details on a fresh form token, with the clash explained."""
    reference = entry.event.cleaned_data["reference"]
    data = request.POST.copy()
    data["token"] = uuid.uuid4().hex
    fresh = BookingEntry(venues=venues, data=data)
    fresh.is_valid()
    if reference:
        fresh.event.add_error(
            "reference",
            f"A booking with the reference {reference} already exists "
            "at this venue. Enter a different reference.",
        )
    else:
        fresh.event.add_error(
            None,
            "This form was already sent, with different details. Check My bookings "
            "first. To save these details as a new booking, send the form again.",
        )
    return fresh


def _booking_form(request, entry: BookingEntry, status: int = 200, booking=None):
    return render(
        request,
        "bookings/staff/booking_form.html",
        {"entry": entry, "errors": entry.error_summary() if entry.event.validate else [], "booking": booking},
        status=status,
    )


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return -1


# The form each of the venue's review actions takes on the booking page; which actions
# there are, their services, buttons and messages come from the transitions
# (bookings/review/rules.py). Answering a question has its own form and route.
STAFF_FORMS = {"record_decision": DecisionForm, "request_review": ReviewRequestForm, "expedite": ExpediteForm}
STAFF_ACTIONS = {
    action.name: (STAFF_FORMS[action.name], getattr(services_review, f"booking_{action.name}"), action.done)
    for action in review_rules.REVIEW_ACTIONS
    if action.side == review_rules.VENUE and action.name in STAFF_FORMS
}


@venue_staff_required
def booking_detail(request, public_id, answer_form=None, bound=None, status=200):
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    run = latest_screening_run(booking=booking)
    allowed = services_review.allowed_actions(booking, request.user)
    action_forms = {
        name: (bound or {}).get(name) or form_class(prefix=name)
        for name, (form_class, _, _) in STAFF_ACTIONS.items()
        if name in allowed
    }
    if booking.expedited:
        action_forms.pop("expedite", None)  # asked once already: the due date has moved
    return render(
        request,
        "bookings/staff/booking_detail.html",
        {
            "booking": booking,
            "answer_form": answer_form or AnswerForm(),
            "action_forms": action_forms,
            "labels": review_rules.LABELS,
            "errors": _error_summary(*(bound or {}).values()),
            "run": run,
            # Only a clear result lists the sources: on a flag, which one matched stays with the officer.
            "sources": sources_checked(run=run) if booking.status == BookingStatus.CLEARED else [],
            "with_officer": booking.status in WITH_OFFICER,
            "answer_by": _answer_by(booking),
            "is_late": is_late_booking(submitted_at=booking.created_at, event_starts_at=booking.starts_at),
            "can_withdraw": can_proceed(booking.withdraw),
            "can_edit": booking.status not in BookingStatus.FINAL,
            "decision": booking.venue_decisions.last(),
        },
        status=status,
    )


@venue_staff_required
def advice_letter(request, public_id):
    """The officer's advice as a letter to print or keep: date, reference, the officer's role,
    the advice, its conditions and the reasons. Only once advice has been given."""
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    if not booking.advice:
        raise Http404("No advice has been given on this booking yet.")
    return render(request, "bookings/staff/advice_letter.html", {"booking": booking})


def _not_possible_now(request, public_id):
    messages.error(request, "That is not possible for this booking now. The page shows where it stands.")
    return booking_detail(request, public_id, status=409)


def _error_summary(*forms) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary; each links to its field."""
    summary = []
    for form in forms:
        summary += [("main-content", error) for error in form.non_field_errors()]
        for field in form:  # in the order of the fields on the page
            summary += [(field.auto_id, error) for error in field.errors]
    return summary


@venue_staff_required
@require_POST
def booking_act(request, public_id, action):
    """Record the venue's decision, ask for a review of adverse advice, or ask to expedite."""
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    form_class, service, done = STAFF_ACTIONS[action]
    if not can_proceed(getattr(booking, action)):  # the booking's state first, as the service does
        return _not_possible_now(request, public_id)
    form = form_class(request.POST, prefix=action)
    if not form.is_valid():
        return booking_detail(request, public_id, bound={action: form}, status=400)
    try:
        service(booking=booking, by=request.user, **form.cleaned_data)
    except ValidationError as exc:  # the service's own checks, should the form have missed one
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return booking_detail(request, public_id, bound={action: form}, status=400)
    except (TransitionNotAllowed, ConcurrentTransition):  # changed by someone else meanwhile
        return _not_possible_now(request, public_id)
    messages.success(request, done)
    return redirect("bookings:detail", public_id=booking.public_id)


def _answer_by(booking):
    """The officer's due date for advice (it allows for expediting and bank holidays)."""
    return timezone.localdate(booking.review_due_at) if booking.review_due_at else None


@venue_staff_required
@require_POST
def booking_answer(request, public_id):
    """Answer the Prevent Officer's question, through the same service as the API."""
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return booking_detail(request, public_id, answer_form=form, status=400)
    try:
        services_review.booking_answer_info(
            booking=booking, by=request.user, answer=form.cleaned_data["answer"]
        )
    except TransitionNotAllowed:
        messages.error(request, "The officer is no longer waiting for an answer on this booking.")
        return booking_detail(request, public_id, status=409)
    messages.success(request, review_rules.DONE["answer_info"])
    return redirect("bookings:detail", public_id=booking.public_id)


@venue_staff_required
def booking_withdraw(request, public_id):
    booking = get_object_or_404(staff_bookings(user=request.user), public_id=public_id)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if not can_proceed(booking.withdraw):
        return _withdraw_page(request, booking, form, status=409 if request.method == "POST" else 200)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_withdraw(booking=booking, reason=form.cleaned_data["reason"], by=request.user)
        except TransitionNotAllowed:  # withdrawn or closed by someone else meanwhile
            booking.refresh_from_db()
            return _withdraw_page(request, booking, form, status=409)
        messages.success(request, f"Booking {booking.external_ref} has been withdrawn.")
        return redirect("bookings:detail", public_id=booking.public_id)
    return _withdraw_page(request, booking, form, status=400 if form.errors else 200)


def _withdraw_page(request, booking, form, status: int):
    return render(
        request,
        "bookings/staff/booking_withdraw.html",
        {"booking": booking, "form": form, "can_withdraw": can_proceed(booking.withdraw)},
        status=status,
    )
