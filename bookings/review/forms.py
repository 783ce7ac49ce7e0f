"""Forms of the officer's review pages: the queue filter, questions, dispositions, advice.

Messages are plain English and say what to do. Forms only validate and shape
the input; `bookings.review.services` writes, exactly as for the API.
"""

from django import forms

from bookings.enums import Advice, BookingStatus
from bookings.models import AdviceCondition, Venue
from screening.enums import Discriminator, Disposition


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        required=False,
        choices=[("", "All under review")]
        + [(s, BookingStatus(s).label) for s in BookingStatus.UNDER_REVIEW],
    )
    venue = forms.ModelChoiceField(
        Venue.objects.all(), required=False, to_field_name="slug", empty_label="All venues"
    )
    district = forms.CharField(required=False, max_length=100)
    source = forms.SlugField(required=False, label="Source (slug)")


class QuestionForm(forms.Form):
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="Question for the venue"
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class DispositionForm(forms.Form):
    match_id = forms.IntegerField(widget=forms.HiddenInput)
    disposition = forms.ChoiceField(choices=Disposition.choices)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    discriminators = forms.MultipleChoiceField(
        choices=Discriminator.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Required for a false positive: what shows this is not the listed entry.",
    )
    discriminator_text = forms.CharField(required=False, max_length=500, label="Other discriminator")


class AdviceForm(forms.Form):
    advice = forms.ChoiceField(choices=Advice.choices, widget=forms.RadioSelect)
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
    )
    conditions_text = forms.CharField(required=False, max_length=2000, label="Other conditions")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        required=False,
        label="Restricted notes",
        help_text="Officers only: never shown to the venue.",
    )
