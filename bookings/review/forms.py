"""Forms for the officer's review pages: the queue filter, judgements, advice, suppressions.

Messages are plain English and say what to do. Forms only validate and shape
the input; `bookings.review.services` writes, exactly as for the API.
"""

from django import forms

from bookings.enums import Advice, BookingStatus
from bookings.form_fields import text_field
from bookings.models import AdviceCondition, Venue
from bookings.selectors import SEARCH_MAX
from screening.enums import Discriminator, Disposition
from watch_sources.models import Source


def written_reason(
    label: str, *, max_length: int, rows: int, help_text: str, missing: str
) -> forms.CharField:
    """A required few lines of the officer's own words: a question, a reason, a judgement."""
    return text_field(
        label,
        max_length=max_length,
        missing=missing,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=SEARCH_MAX,
        label="Search by name or reference",
        help_text="A hirer, speaker or organiser's name, the event name or the venue's booking reference.",
    )
    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("", "Everything under review")]
        + [(s, BookingStatus(s).label) for s in BookingStatus.UNDER_REVIEW],
    )
    venue = forms.ModelChoiceField(
        Venue.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label="All venues",
        label="Venue",
    )
    district = forms.CharField(required=False, max_length=100, label="District")
    source = forms.ModelChoiceField(
        Source.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label="Any list",
        label="List that matched",
    )

    def clean_source(self):
        source = self.cleaned_data["source"]
        return source.slug if source else ""


class QuestionForm(forms.Form):
    question = written_reason(
        "Question for the venue",
        max_length=2000,
        rows=3,
        help_text="The venue sees this question on the booking's page and is e-mailed about it.",
        missing="Enter the question for the venue",
    )


class ReasonForm(forms.Form):
    reason = written_reason(
        "Why are you sending the decline advice back?",
        max_length=2000,
        rows=2,
        help_text="The officer who proposed it sees this. The venue does not.",
        missing="Say why you are sending the advice back",
    )


DISPOSITION_CHOICES = [
    (Disposition.FALSE_POSITIVE, "Not this entry (a false positive)"),
    (Disposition.POSSIBLE_MATCH, "Possibly this entry"),
    (Disposition.TRUE_MATCH, "This is the listed entry"),
]


class DispositionForm(forms.Form):
    """Starts with nothing chosen: one careless click must not make a suppression."""

    match_id = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(
        choices=DISPOSITION_CHOICES,
        widget=forms.RadioSelect,
        label="Is this the listed entry?",
        error_messages={"required": "Select whether this is the listed entry"},
    )
    reason = written_reason(
        "Reason",
        max_length=2000,
        rows=2,
        help_text="Officers only. Say what you checked.",
        missing="Give the reason for your judgement",
    )
    discriminators = forms.MultipleChoiceField(
        choices=Discriminator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="What shows it is not the listed entry?",
        help_text="Needed for a false positive. Select all that apply.",
    )
    discriminator_text = forms.CharField(
        required=False,
        max_length=500,
        label="Other evidence",
        help_text="If you selected Other, describe it.",
    )


class AdviceForm(forms.Form):
    advice = forms.ChoiceField(
        choices=Advice.choices,
        widget=forms.RadioSelect,
        label="Your advice to the venue",
        help_text="Advise decline only goes to the venue once a second officer agrees.",
        error_messages={"required": "Select your advice"},
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        label="Rationale for the venue",
        help_text="Shared with the venue: specific, plain English, no restricted information.",
    )
    conditions = forms.ModelMultipleChoiceField(
        AdviceCondition.objects.filter(active=True),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Conditions",
        help_text="For proceed with conditions. Select all that apply.",
    )
    conditions_text = forms.CharField(
        required=False,
        max_length=2000,
        label="Other conditions",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        required=False,
        label="Restricted notes",
        help_text="Officers only: never shown to the venue.",
    )

    def clean_conditions(self) -> list[str]:
        # The service takes the codes, as the API sends them.
        return [condition.code for condition in self.cleaned_data["conditions"]]


class SuppressionFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=SEARCH_MAX,
        label="Search by name",
        help_text="The party's or the entry's name.",
    )
    state = forms.ChoiceField(
        required=False,
        label="Show",
        choices=[("active", "Active"), ("ended", "Revoked or expired"), ("all", "All")],
    )


class RevokeForm(forms.Form):
    reason = written_reason(
        "Why revoke this suppression?",
        max_length=500,
        rows=2,
        help_text="The pair alerts again from the next check of the names.",
        missing="Say why you are revoking the suppression",
    )


class EmailPreferenceForm(forms.Form):
    how = forms.ChoiceField(
        widget=forms.RadioSelect,
        label="How do you want to hear about bookings that need you?",
        help_text="New flags, the venue's answers, review requests and expedite requests.",
        choices=[
            ("each", "An e-mail for each one, as it happens"),
            ("digest", "One e-mail a day listing them all"),
        ],
        error_messages={"required": "Select how you want to hear"},
    )
