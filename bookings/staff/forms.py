"""Forms of the venue staff pages: the booking form, answers, decisions, withdrawal.

Messages are plain English and say what to do. Forms only validate and shape
the input; `bookings.intake.services` and `bookings.review.services` write,
exactly as for the API.
"""

import re
import uuid
from datetime import datetime
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import QueryDict
from django.utils import timezone

from bookings.enums import (
    AttendanceMode,
    PartyKind,
    PartyRole,
    RefusalGrounds,
    VenueDecisionOutcome,
)
from bookings.form_fields import NO_AUTOFILL, QuietFormMixin, clean_name, text_field
from bookings.models import Venue
from bookings.validators import MAX_PARTIES, parse_partial_date, validate_booking_date, validate_event_times

REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$")


TOKEN = re.compile(r"^[0-9a-f]{32}$")
ORGANISATION_DOB_MESSAGE = "An organisation has no date of birth: clear the date, or choose person"
DOB_MESSAGE = "Enter a date of birth as a year, like 1980, or a day, month and year, like 14 3 1980"


def event_time(label: str, *, example: str) -> forms.TimeField:
    """A time of day typed as hours and minutes (the browser's time input)."""
    what = label.lower()
    return forms.TimeField(
        label=label,
        help_text=f"For example {example}",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} as hours and minutes, for example {example}",
        },
    )


class EventForm(QuietFormMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=32)
    venue = forms.ModelChoiceField(
        queryset=Venue.objects.none(),  # the signed-in person's venues, set in __init__
        label="Which venue is the booking for?",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the venue", "invalid_choice": "Select one of your venues"},
    )
    reference = text_field(
        "Your booking reference (optional)",
        required=False,
        max_length=100,
        help_text="Your centre's own reference, for example HB-2026-0042. "
        "Leave it blank and one will be made for you.",
    )
    title = text_field("Event name", missing="Enter the name of the event")
    description = text_field(
        "What happens at the event (optional)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    date = forms.DateField(
        label="Date",
        help_text="For example 05/12/2026",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Enter the date of the event",
            "invalid": "Enter a real date, for example 05/12/2026",
        },
    )
    starts = event_time("Start time", example="18:00")
    ends = event_time("End time", example="21:00")
    end_date = forms.DateField(
        label="End date, if the event finishes on a later day (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a real end date, for example 06/12/2026"},
    )
    is_public = forms.TypedChoiceField(
        label="Is the event open to the public?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No, it is private")],
        coerce=lambda v: v == "yes",
        help_text="Public means anyone can come: for example, it is advertised or tickets are sold.",
        error_messages={"required": "Select yes if the event is open to the public"},
    )
    attendance_mode = forms.ChoiceField(
        label="How will people attend?",
        widget=forms.RadioSelect,
        choices=AttendanceMode.choices,
        initial=AttendanceMode.IN_PERSON,
        error_messages={"required": "Select how people will attend"},
    )
    expected_attendance = forms.IntegerField(
        label="Expected number of people (optional)",
        required=False,
        min_value=0,
        max_value=1_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"}),
        error_messages={
            "invalid": "Enter the number of people as a whole number, for example 80",
            "min_value": "The number of people cannot be negative",
            "max_value": "Enter a number of people below 1,000,000",
        },
    )
    promotion = text_field(
        "How is the event promoted? (optional)",
        required=False,
        max_length=500,
        help_text="For example posters, social media or a newsletter.",
    )

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["venue"]).queryset = venues  # declared above
        # Most staff have one venue: then there is nothing to ask.
        self.only_venue = venues[0] if len(venues) == 1 else None
        if self.only_venue:
            del self.fields["venue"]
        if not self.is_bound:
            self.fields["token"].initial = uuid.uuid4().hex

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if reference and not REFERENCE.match(reference):
            raise ValidationError(
                "A reference can only contain letters, numbers and . _ : / -, "
                "and must start with a letter or number"
            )
        return reference

    def clean_token(self):
        token = self.cleaned_data["token"]
        return token if TOKEN.match(token) else uuid.uuid4().hex

    def clean_title(self):
        return clean_name(self.cleaned_data["title"], "The event name must contain letters or numbers")

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not all(cleaned.get(f) for f in ("date", "starts", "ends")):
            return cleaned
        end_date = cleaned.get("end_date") or cleaned["date"]
        cleaned["starts_at"] = timezone.make_aware(datetime.combine(cleaned["date"], cleaned["starts"]))
        cleaned["ends_at"] = timezone.make_aware(datetime.combine(end_date, cleaned["ends"]))
        if self._breaks_booking_rules(cleaned):
            return cleaned
        if cleaned["ends_at"] <= timezone.now():
            self.add_error("date", "The event has already happened: enter a date in the future")
        return cleaned

    def _breaks_booking_rules(self, cleaned) -> bool:
        """The rules the API and the services apply (bookings.validators), each message on
        the field that sets it, in the page's voice (no full stop)."""
        end_field = "end_date" if cleaned.get("end_date") else "ends"
        checks = [
            ("date", lambda: validate_booking_date(cleaned["starts_at"])),
            (
                "end_date" if cleaned.get("end_date") else "date",
                lambda: validate_booking_date(cleaned["ends_at"]),
            ),
            (end_field, lambda: validate_event_times(cleaned["starts_at"], cleaned["ends_at"])),
        ]
        for field, check in checks:
            try:
                check()
            except ValidationError as exc:
                self.add_error(field, [m.rstrip(".") for m in exc.messages])
                return True
        return False

    def chosen_venue(self):
        return self.only_venue or self.cleaned_data["venue"]

    def external_ref(self) -> str:
        """The typed reference, or one derived from the form's token so a double submit is one booking."""
        return self.cleaned_data["reference"] or f"WEB-{self.cleaned_data['token'][:10].upper()}"

    def event_payload(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "expected_attendance": data["expected_attendance"],
            "is_public": data["is_public"],
            "attendance_mode": data["attendance_mode"],
            "promotion": data["promotion"],
        }


class HirerForm(QuietFormMixin, forms.Form):
    name = text_field(
        "Hirer's name",
        missing="Enter the hirer's name",
        help_text="The person or organisation hiring the room.",
    )
    kind = forms.ChoiceField(
        label="Is the hirer a person or an organisation?",
        widget=forms.RadioSelect,
        choices=PartyKind.choices,
        error_messages={"required": "Select if the hirer is a person or an organisation"},
    )
    contact_name = text_field("Contact name (optional)", required=False, max_length=200)
    contact_email = forms.EmailField(
        label="Contact email (optional)",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs=NO_AUTOFILL),
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    def clean_name(self):
        return clean_name(self.cleaned_data["name"], "The hirer's name must contain letters or numbers")

    def hirer_payload(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("name", "kind", "contact_name", "contact_email")}


def _date_part(width: int = 2) -> forms.TextInput:
    return forms.TextInput(attrs={**NO_AUTOFILL, "inputmode": "numeric", "class": f"input-width-{width}"})


def _date_part_field(label: str, width: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=width,
        widget=_date_part(width),
        error_messages={"max_length": DOB_MESSAGE},
    )


class PartyForm(QuietFormMixin, forms.Form):
    """One speaker, organiser or performer. A row left untouched is ignored."""

    name = text_field("Full name", missing="Enter the person's or organisation's name, or remove this row")
    role = forms.ChoiceField(
        label="Role",
        initial=PartyRole.SPEAKER,
        choices=[c for c in PartyRole.choices if c[0] != PartyRole.HIRER],
        error_messages={"invalid_choice": "Select speaker, organiser or performer"},
    )
    kind = forms.ChoiceField(
        label="Person or organisation",
        choices=PartyKind.choices,
        initial=PartyKind.PERSON,
        error_messages={"invalid_choice": "Select person or organisation"},
    )
    organisation = text_field("Organisation they represent (optional)", required=False)
    # The date of birth in three boxes, as GOV.UK asks for dates: a year alone is allowed
    # (sources often know only the year), and so is a month and year.
    dob_day = _date_part_field("Day", 2)
    dob_month = _date_part_field("Month", 2)
    dob_year = _date_part_field("Year", 4)

    DOB_PARTS = ("dob_day", "dob_month", "dob_year")

    def clean_name(self):
        return clean_name(self.cleaned_data["name"], "The name must contain letters or numbers")

    def clean(self):
        cleaned = super().clean() or {}
        day, month, year = (cleaned.pop(part, "").strip() for part in self.DOB_PARTS)
        try:
            cleaned["date_of_birth"] = date_of_birth_from_parts(day=day, month=month, year=year)
        except ValidationError as error:
            self.add_error(_dob_field_at_fault(day, month, year), error)
        else:
            if cleaned["date_of_birth"] and cleaned.get("kind") == PartyKind.ORGANISATION:
                self.add_error("dob_year", ORGANISATION_DOB_MESSAGE)
        return cleaned


def date_of_birth_from_parts(*, day: str, month: str, year: str) -> str:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' from the three boxes; '' when all are empty."""
    if not (day or month or year):
        return ""
    if not year:
        raise ValidationError("A date of birth must include the year")
    if day and not month:
        raise ValidationError("Enter the month as well as the day, or only the year")
    # ASCII digits only: "１９８０" (full-width) is digits to Python, not to a date.
    if not all(part.isascii() and part.isdigit() for part in (day, month, year) if part) or len(year) != 4:
        raise ValidationError(DOB_MESSAGE)
    value = "-".join([year] + [f"{int(p):02d}" for p in (month, day) if p])
    try:
        parse_partial_date(value)
    except ValueError:
        raise ValidationError(DOB_MESSAGE) from None
    return value


def _dob_field_at_fault(day: str, month: str, year: str) -> str:
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        return "dob_year"
    if day and not month or month and not (month.isdigit() and 1 <= int(month) <= 12):
        return "dob_month"
    return "dob_day" if day else "dob_month"


def date_of_birth_parts(value: str) -> dict[str, str]:
    """The three boxes for a stored 'YYYY[-MM[-DD]]' (editing a booking)."""
    year, month, day = ([*value.split("-"), "", ""])[:3] if value else ("", "", "")
    return {"dob_day": day.lstrip("0"), "dob_month": month.lstrip("0"), "dob_year": year}


class BasePartyFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "missing_management_form": "Something went wrong with the form. Reload the page and try again.",
        "too_many_forms": f"You can name up to {MAX_PARTIES} people on one booking.",
    }

    def __init__(self, *args, validate: bool = True, **kwargs):
        kwargs.setdefault("form_kwargs", {})["validate"] = validate
        self.validate = validate
        super().__init__(*args, **kwargs)

    def full_clean(self):
        if self.validate:
            return super().full_clean()
        self._errors = [ErrorDict() for _ in self.forms]
        # BaseFormSet keeps its renderer from __init__; the stubs do not declare the attribute.
        renderer = self.renderer  # type: ignore[attr-defined]
        self._non_form_errors = self.error_class(error_class="nonform", renderer=renderer)

    def parties_payload(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.has_changed()]


# The stub of formset_factory returns the base class; the class it makes subclasses BasePartyFormSet.
PartyFormSet = cast(
    type[BasePartyFormSet],
    forms.formset_factory(
        PartyForm,
        formset=BasePartyFormSet,
        extra=1,
        max_num=MAX_PARTIES,
        absolute_max=MAX_PARTIES,
        validate_max=True,
    ),
)

PARTIES_PREFIX = "parties"


def parties_data_with_row_added(data: QueryDict) -> QueryDict:
    """The submitted data with one more (empty) row, up to the cap."""
    data = data.copy()
    total = _total_forms(data)
    data[f"{PARTIES_PREFIX}-TOTAL_FORMS"] = str(min(total + 1, MAX_PARTIES))
    return data


def parties_data_with_row_removed(data: QueryDict, index: int) -> QueryDict:
    """The submitted data without row `index`; later rows move up one place."""
    total = _total_forms(data)
    if not 0 <= index < total:
        return data
    kept = {k: v for k, v in data.lists() if not k.startswith(f"{PARTIES_PREFIX}-{index}-")}
    result = QueryDict(mutable=True)
    for key, values in kept.items():
        result.setlist(_shift_row_key(key, index), values)
    result[f"{PARTIES_PREFIX}-TOTAL_FORMS"] = str(total - 1)
    return result


def _shift_row_key(key: str, removed: int) -> str:
    found = re.match(rf"^{PARTIES_PREFIX}-(\d+)-(.+)$", key)
    if not found or int(found[1]) < removed:
        return key
    return f"{PARTIES_PREFIX}-{int(found[1]) - 1}-{found[2]}"


def _total_forms(data: QueryDict) -> int:
    try:
        return max(0, min(int(data.get(f"{PARTIES_PREFIX}-TOTAL_FORMS", 0)), MAX_PARTIES))
    except ValueError:
        return 0


class BookingEntry:
    """The booking page's parts, validated and rendered together.

    `editing=True` is the same page for a booking that exists: its venue and
    reference stay as they are (the API cannot change them either)."""

    def __init__(self, *, venues, data=None, validate: bool = True, editing: bool = False):
        self.editing = editing
        self.event = EventForm(data, venues=venues, validate=validate)
        if editing:
            del self.event.fields["reference"]
        self.hirer = HirerForm(data, prefix="hirer", validate=validate)
        self.parties = PartyFormSet(data, prefix=PARTIES_PREFIX, validate=validate)

    def is_valid(self) -> bool:
        results = [self.event.is_valid(), self.hirer.is_valid(), self.parties.is_valid()]
        return all(results)

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for every error, in page order, for the summary at the top."""
        items = _form_errors(self.event) + _form_errors(self.hirer)
        items += [("people", str(e)) for e in self.parties.non_form_errors()]
        for number, form in enumerate(self.parties.forms, start=1):
            items += [(anchor, f"Person {number}: {message}") for anchor, message in _form_errors(form)]
        return items


def _form_errors(form: forms.Form) -> list[tuple[str, str]]:
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items += [("main-content", str(e)) for e in errors]
            continue
        bound = form[name]
        anchor = f"{bound.auto_id}_0" if bound.field.widget.use_fieldset else bound.auto_id
        items += [(anchor, str(e)) for e in errors]
    return items


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter your answer to the officer's question",
            "max_length": "The answer must be 5,000 characters or fewer",
        },
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is the booking being withdrawn? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 500 characters or fewer"},
    )


class DecisionForm(forms.Form):
    """The venue's own decision on the advice, in the staff's words. The service checks the
    same rules again (the API uses it too); the form says what to fix in plain English."""

    outcome = forms.ChoiceField(
        label="What has your venue decided?",
        choices=VenueDecisionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what your venue has decided",
            "invalid_choice": "Select one of the decisions listed",
        },
    )
    grounds = forms.ChoiceField(
        label="If you refused the booking, on what grounds?",
        choices=RefusalGrounds.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select one of the grounds listed"},
    )
    reason = text_field(
        "Reason (needed for a withdrawal or a refusal on other grounds)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_by_name = text_field(
        "Who at your venue made the decision?",
        max_length=200,
        missing="Enter the name of the person who made the decision",
    )
    second_person_name = text_field(
        "Second person who agreed (optional)",
        required=False,
        max_length=200,
        help_text="Needed for a refusal on Prevent grounds: a second named person at your venue.",
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        outcome, grounds = data.get("outcome"), data.get("grounds")
        if outcome == VenueDecisionOutcome.REFUSED and not grounds:
            self.add_error("grounds", "Select the grounds for refusing the booking")
        if grounds and outcome and outcome != VenueDecisionOutcome.REFUSED:
            self.add_error("grounds", "Only choose grounds if you refused the booking")
        if grounds == RefusalGrounds.PREVENT and not data.get("second_person_name"):
            self.add_error("second_person_name", "A refusal on Prevent grounds needs a second named person.")
        needs_reason = outcome == VenueDecisionOutcome.WITHDRAWN or grounds == RefusalGrounds.OTHER
        if needs_reason and not data.get("reason"):
            self.add_error("reason", "Give the reason for the decision")
        return data


class ReviewRequestForm(forms.Form):
    reason = text_field(
        "Why should the advice be looked at again?",
        max_length=2000,
        missing="Explain why the advice should be looked at again",
        help_text="A different officer reviews it. The advice stands until then.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExpediteForm(forms.Form):
    reason = text_field(
        "Why do you need an answer sooner?",
        max_length=2000,
        missing="Explain why you need an answer sooner",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def booking_form_data(booking) -> QueryDict:
    """A booking as the page's submitted data, so editing starts from what is stored.

    Data rather than `initial`: each stored person is then a row that has been filled in,
    which `parties_payload` keeps (it ignores only rows left untouched)."""
    starts, ends = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
    hirer = booking.hirer
    people = [p for p in booking.parties.all() if p.role != PartyRole.HIRER]
    data = QueryDict(mutable=True)
    data.update(
        {
            "title": booking.title,
            "description": booking.description,
            "date": starts.date().isoformat(),
            "starts": f"{starts:%H:%M}",
            "ends": f"{ends:%H:%M}",
            "end_date": ends.date().isoformat() if ends.date() != starts.date() else "",
            "is_public": "yes" if booking.is_public else "no",
            "attendance_mode": booking.attendance_mode,
            "expected_attendance": ""
            if booking.expected_attendance is None
            else str(booking.expected_attendance),
            "promotion": booking.promotion,
            "hirer-name": hirer.name if hirer else "",
            "hirer-kind": hirer.kind if hirer else "",
            "hirer-contact_name": booking.hirer_contact_name,
            "hirer-contact_email": booking.hirer_contact_email,
            f"{PARTIES_PREFIX}-TOTAL_FORMS": str(len(people)),
            f"{PARTIES_PREFIX}-INITIAL_FORMS": "0",
        }
    )
    for row, person in enumerate(people):
        fields = {
            "name": person.name,
            "role": person.role,
            "kind": person.kind,
            "organisation": person.organisation,
        }
        fields.update(date_of_birth_parts(person.date_of_birth))
        data.update({f"{PARTIES_PREFIX}-{row}-{name}": value for name, value in fields.items()})
    return data
