"""The Prevent Officer's review pages: the queue and one booking's detail.

Server-rendered, no JavaScript. Each form posts to one action view, which
calls the same service as the API and redirects back (post/redirect/get).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from bookings.models import Booking
from bookings.review import rules
from bookings.review import services as review
from bookings.review.forms import AdviceForm, DispositionForm, QuestionForm, QueueFilterForm, ReasonForm
from bookings.review.selectors import (
    booking_history,
    evidence_changes,
    previous_bookings_of_parties,
    review_queue,
)
from bookings.roles import is_officer
from screening.enums import Discriminator
from screening.services import suppression_scope, suppression_scope_text


def officer_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_officer(request.user):
            raise PermissionDenied("Only Prevent Officers see the review queue.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@officer_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    bookings, counts = review_queue(filters={k: v for k, v in filters.items() if v})
    return render(
        request,
        "bookings/review_queue.html",
        {"form": form, "bookings": bookings, "counts": counts, "now": timezone.now()},
    )


@officer_required
def detail(request, public_id, forms=None, status=200):
    booking = get_object_or_404(Booking.objects.select_related("venue", "assigned_to"), public_id=public_id)
    review.booking_match_details_viewed(booking=booking, by=request.user)
    run = booking.screening_runs.first()
    matches = (
        list(run.matches.select_related("party", "entry__version__source", "disposed_by")) if run else []
    )
    for m in matches:
        m.silences = what_a_false_positive_silences(m)
    forms = forms or {}
    context = {
        "booking": booking,
        "run": run,
        "matches": [
            (
                m,
                highlighted_tokens(m),
                forms.get(f"dispose_{m.pk}")
                or DispositionForm(initial={"match_id": m.pk}, prefix=f"m{m.pk}"),
            )
            for m in matches
        ],
        "allowed": review.allowed_actions(booking, request.user),
        "labels": rules.LABELS,
        "question_form": forms.get("request_info") or QuestionForm(),
        "advice_form": forms.get("advise") or AdviceForm(),
        "reason_form": forms.get("reject_approval") or ReasonForm(),
        "changes": evidence_changes(booking=booking),
        "history": booking_history(booking=booking),
        "previous": previous_bookings_of_parties(booking=booking),
    }
    return render(request, "bookings/review_detail.html", context, status=status)


def highlighted_tokens(match) -> list[tuple[str, bool]]:
    """The query's words, each marked if it matched a word of the listed name."""
    explanation = match.explanation or {}
    matched = set(explanation.get("matched_tokens", []))
    words = (explanation.get("query_normalised") or match.query_name).split()
    return [(w, w in matched) for w in words]


ACTIONS = {
    # action: (form class or None, service call from the cleaned data)
    "take": (None, lambda b, u, d: review.booking_take(booking=b, by=u)),
    "request_info": (
        QuestionForm,
        lambda b, u, d: review.booking_request_info(booking=b, by=u, question=d["question"]),
    ),
    "advise": (
        AdviceForm,
        lambda b, u, d: review.booking_advise(
            booking=b,
            by=u,
            advice=d["advice"],
            rationale=d["rationale"],
            notes=d["notes"],
            condition_codes=[c.code for c in d["conditions"]],
            conditions_text=d["conditions_text"],
        ),
    ),
    "approve": (None, lambda b, u, d: review.booking_approve(booking=b, by=u)),
    "reject_approval": (
        ReasonForm,
        lambda b, u, d: review.booking_reject_approval(booking=b, by=u, reason=d["reason"]),
    ),
}


@require_POST
@officer_required
def act(request, public_id, action):
    if action == "dispose_match":
        return _dispose(request, public_id)
    if action not in ACTIONS:
        raise PermissionDenied("Unknown action.")
    booking = get_object_or_404(Booking, public_id=public_id)
    form_class, call = ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return detail(request, public_id, forms={action: form}, status=400)
    return _run(
        request, booking, action, lambda: call(booking, request.user, form.cleaned_data if form else {}), form
    )


def _dispose(request, public_id):
    booking = get_object_or_404(Booking, public_id=public_id)
    prefix = f"m{request.POST.get('match', '')}"
    form = DispositionForm(request.POST, prefix=prefix)
    key = f"dispose_{request.POST.get('match', '')}"
    if not form.is_valid():
        return detail(request, public_id, forms={key: form}, status=400)
    return _run(
        request,
        booking,
        key,
        lambda: review.booking_dispose_match(booking=booking, by=request.user, **form.cleaned_data),
        form,
    )


def _run(request, booking, form_key, call, form):
    try:
        call()
    except ValidationError as exc:
        if form is not None:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, " ".join(exc.messages))
        return detail(request, booking.public_id, forms={form_key: form}, status=400)
    except (TransitionNotAllowed, ConcurrentTransition):
        booking.refresh_from_db()
        messages.error(
            request, f"That is not possible now: the booking is {booking.get_status_display().lower()}."
        )
        return detail(request, booking.public_id, status=409)
    messages.success(request, "Done.")
    return redirect("bookings:review_detail", public_id=booking.public_id)


def what_a_false_positive_silences(match) -> list[str]:
    """What recording this match as a false positive would silence, for each kind of
    evidence the officer may give: read before confirming."""
    if match.party_id is None:
        return []
    days = settings.SUPPRESSION_EXPIRY_DAYS
    caption = f"entry {match.entry.entry_id} “{match.entry.caption}”"
    choices: tuple[list[str], ...] = (
        [Discriminator.DIFFERENT_DOB],
        [Discriminator.DIFFERENT_ORGANISATION],
        [],
    )
    texts = [
        suppression_scope_text(
            suppression_scope(match=match, discriminators=c), entry_caption=caption, days=days
        )
        for c in choices
    ]
    return list(dict.fromkeys(texts))
