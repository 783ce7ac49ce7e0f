"""The Prevent Officer's review pages: the queue and one booking's detail.

Server-rendered, no JavaScript. Each form posts to one action view, which
calls the same service as the API and redirects back (post/redirect/get).
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_fsm import ConcurrentTransition, TransitionNotAllowed

from bookings.enums import PartyKind
from bookings.models import Booking
from bookings.notifications.officers import officer_email_preference_set, officer_wants_digest
from bookings.review import rules
from bookings.review import services as review
from bookings.review.forms import (
    AdviceForm,
    DispositionForm,
    EmailPreferenceForm,
    QuestionForm,
    QueueFilterForm,
    ReasonForm,
    RevokeForm,
    SuppressionFilterForm,
)
from bookings.review.presentation import entry_facts, match_summary
from bookings.review.selectors import (
    booking_history,
    evidence_changes,
    previous_bookings_of_parties,
    review_queue,
    suppression_list,
)
from bookings.roles import is_officer
from screening.enums import Discriminator
from screening.models import Suppression
from screening.services import suppression_revoke, suppression_scope, suppression_scope_text
from watch_sources.models import Source

PAGE_SIZE = 50


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
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bookings/review_queue.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
            "now": timezone.now(),
            "filtered": any(filters.values()),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@officer_required
def detail(request, public_id, forms=None, status=200):
    booking = get_object_or_404(Booking.objects.select_related("venue", "assigned_to"), public_id=public_id)
    review.booking_match_details_viewed(booking=booking, by=request.user)
    run = booking.screening_runs.first()
    matches = (
        list(run.matches.select_related("party", "entry__version__source", "disposed_by", "suppression"))
        if run
        else []
    )
    for m in matches:
        m.silences = what_a_false_positive_silences(m)
    forms = forms or {}
    allowed = review.allowed_actions(booking, request.user)
    history, views = booking_history(booking=booking)
    match_views = [_match_view(m, forms) for m in matches]
    context = {
        "booking": booking,
        "run": run,
        "matches": match_views,
        "allowed": allowed,
        # What this page offers (the API has a few more, such as an officer's withdrawal).
        "page_actions": [a for a in allowed if a in PAGE_FORMS],
        "labels": rules.LABELS,
        "question_form": forms.get("request_info") or QuestionForm(),
        "advice_form": forms.get("advise") or AdviceForm(),
        "reason_form": forms.get("reject_approval") or ReasonForm(),
        "changes": evidence_changes(booking=booking),
        "errors": _error_summary(forms),
        "history": history,
        "views": views,
        "previous": previous_bookings_of_parties(booking=booking),
        "suppression_days": settings.SUPPRESSION_EXPIRY_DAYS,
    }
    return render(request, "bookings/review_detail.html", context, status=status)


def _match_view(match, forms) -> dict:
    form = forms.get(f"dispose_{match.pk}") or DispositionForm(
        initial={"match_id": match.pk}, prefix=f"m{match.pk}"
    )
    return {
        "match": match,
        "summary": match_summary(match),
        "words": highlighted_tokens(match),
        "entry": entry_facts(match.entry),
        "discriminators": [Discriminator(d).label for d in match.discriminators if d in Discriminator.values],
        "form": form,
    }


def _error_summary(forms: dict) -> list[tuple[str, str]]:
    """(anchor, message) for each error of the form that was just sent, in page order."""
    summary = []
    for form in forms.values():
        if form is None:
            continue
        summary += [("main-content", str(error)) for error in form.non_field_errors()]
        for field in form:
            anchor = f"{field.auto_id}_0" if field.field.widget.use_fieldset else field.auto_id
            summary += [(anchor, str(error)) for error in field.errors]
    return summary


def highlighted_tokens(match) -> list[tuple[str, bool]]:
    """The query's words, each marked if it matched a word of the listed name."""
    explanation = match.explanation or {}
    matched = set(explanation.get("matched_tokens", []))
    words = (explanation.get("query_normalised") or match.query_name).split()
    return [(w, w in matched) for w in words]


# The form each review action takes on this page (None: a button alone). Which of them
# the officer may take now, their buttons, services and messages come from the
# transitions (bookings/review/rules.py); the API has a few more, such as an officer's
# withdrawal, and dispose_match has a form per match (`_dispose`).
PAGE_FORMS = {
    "take": None,
    "request_info": QuestionForm,
    "advise": AdviceForm,
    "approve": None,
    "reject_approval": ReasonForm,
}


@require_POST
@officer_required
def act(request, public_id, action):
    if action == "dispose_match":
        return _dispose(request, public_id)
    if action not in PAGE_FORMS:
        raise PermissionDenied("Unknown action.")
    booking = get_object_or_404(Booking, public_id=public_id)
    form_class = PAGE_FORMS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return detail(request, public_id, forms={action: form}, status=400)
    service = getattr(review, f"booking_{action}")
    arguments = form.cleaned_data if form else {}
    return _run(
        request, booking, action, lambda: service(booking=booking, by=request.user, **arguments), form
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
        done=rules.DONE["dispose_match"],
    )


def _run(request, booking, form_key, call, form, done=None):
    try:
        call()
    except ValidationError as exc:
        if form is not None:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, " ".join(exc.messages))
        return detail(request, booking.public_id, forms={form_key: form}, status=400)
    except review.MatchSuperseded as exc:
        # The page shows the latest run's matches, so the officer sees what replaced it.
        messages.error(request, str(exc))
        return detail(request, booking.public_id, status=409)
    except (TransitionNotAllowed, ConcurrentTransition):
        booking.refresh_from_db()
        messages.error(
            request, f"That is not possible now: the booking is {booking.get_status_display().lower()}."
        )
        return detail(request, booking.public_id, status=409)
    messages.success(request, done or rules.DONE[form_key])
    return redirect("bookings:review_detail", public_id=booking.public_id)


@officer_required
def suppressions(request, revoke_forms=None, status=200):
    """Every suppression, newest first: filter by name or state, revoke one with a reason."""
    form = SuppressionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = suppression_list(text=filters.get("q", ""), state=filters.get("state") or "active")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    revoke_forms = revoke_forms or {}
    names = dict(Source.objects.values_list("slug", "name"))
    rows = [
        (_suppression_view(s, names), revoke_forms.get(s.pk) or RevokeForm(prefix=f"s{s.pk}"))
        for s in page.object_list
    ]
    errors = _error_summary(revoke_forms)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "errors": errors,
        "query": _query_without_page(request),
    }
    return render(request, "bookings/review_suppressions.html", context, status=status)


@dataclass
class SuppressionView:
    """A suppression with its codes put in words for the page."""

    suppression: Suppression
    name: str  # as the booking wrote it, while the booking keeps it; else the stored form
    source_name: str
    kind_label: str
    evidence: list[str]
    covers: str


def _suppression_view(suppression: Suppression, source_names: dict[str, str]) -> SuppressionView:
    party = suppression.origin_match.party if suppression.origin_match else None
    return SuppressionView(
        suppression=suppression,
        name=party.name if party else suppression.party_name.title(),
        source_name=source_names.get(suppression.source_slug, suppression.source_slug),
        kind_label=PartyKind(suppression.party_kind).label.lower(),
        evidence=[Discriminator(d).label for d in suppression.discriminators if d in Discriminator.values],
        covers=suppression_covers(suppression),
    )


def suppression_covers(suppression: Suppression) -> str:
    """Which later parties the suppression silences, in the words of its filter: the
    officer must see which ones reach every venue."""
    if suppression.booking is not None:
        reference = suppression.booking.external_ref
        return f"This booking only ({reference}): the same name elsewhere is still flagged"
    dob = suppression.party_date_of_birth
    born = f"born {dob}" if dob else "no date of birth"
    organisation = (
        f", of the organisation “{suppression.party_organisation}”" if suppression.party_organisation else ""
    )
    return f"Any booking at any venue, for a party of this name with {born}{organisation}"


@require_POST
@officer_required
def suppression_revoke_page(request, pk):
    suppression = get_object_or_404(Suppression, pk=pk)
    form = RevokeForm(request.POST, prefix=f"s{pk}")
    if not form.is_valid():
        return suppressions(request, revoke_forms={pk: form}, status=400)
    suppression_revoke(suppression=suppression, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(
        request,
        f"Suppression revoked: {suppression.party_name.title()} can match {suppression.entry_caption} again.",
    )
    return redirect("bookings:review_suppressions")


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


@officer_required
def email_settings(request):
    """The officer chooses an e-mail per notice or one daily digest."""
    if request.method == "POST":
        form = EmailPreferenceForm(request.POST)
        if form.is_valid():
            officer_email_preference_set(user=request.user, daily_digest=form.cleaned_data["how"] == "digest")
            messages.success(request, "Your e-mail setting has been saved.")
            return redirect("bookings:review_email_settings")
    else:
        form = EmailPreferenceForm(
            initial={"how": "digest" if officer_wants_digest(request.user) else "each"}
        )
    context = {"form": form, "errors": _error_summary({"how": form})}
    return render(request, "bookings/review_email_settings.html", context, status=400 if form.errors else 200)
