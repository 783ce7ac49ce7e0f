"""Pieces every page form shares: text fields, name cleaning, quiet error rendering.

Messages are plain English and say what to do. Forms only validate and shape
the input; the sub-packages' services write, exactly as for the API.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from .validators import tidy_name

# Details typed here belong to other people: never let the browser fill in the user's own.
NO_AUTOFILL = {"autocomplete": "off"}


def text_field(
    label: str,
    *,
    required: bool = True,
    max_length: int = 300,
    missing: str = "",
    help_text: str = "",
    widget=None,
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget or forms.TextInput(attrs=NO_AUTOFILL),
        error_messages={
            "required": missing,
            "max_length": f"{label.removesuffix(' (optional)')} must be {max_length} characters or fewer",
        },
    )


def clean_name(value: str, message: str) -> str:
    if not value.split():
        return ""  # left empty: the required-field check speaks for it
    tidy = tidy_name(value)
    if tidy is None:
        raise ValidationError(message)
    return tidy


class QuietFormMixin(forms.Form):
    """`validate=False` renders what was typed without judging it (after adding or removing a row)."""

    use_required_attribute = False  # our own messages, not the browser's pop-ups

    def __init__(self, *args, validate: bool = True, **kwargs):
        self.validate = validate
        super().__init__(*args, **kwargs)

    def full_clean(self):
        if self.validate:
            return super().full_clean()
        self._errors = ErrorDict()
        self.cleaned_data = {}
