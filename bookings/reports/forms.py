from django import forms

from .periods import (
    BAD_DATE_MESSAGE,
    DEFAULT_NOTICE_DAYS,
    MAX_NOTICE_DAYS,
    ReportPeriod,
    default_period,
    period_errors,
)


class PeriodForm(forms.Form):
    """The period selector of the report page and its exports (GET parameters)."""

    # `from` is a Python keyword, so the fields are named for their parameters below.
    start = forms.DateField(
        label="From", input_formats=["%Y-%m-%d"], error_messages={"invalid": BAD_DATE_MESSAGE}
    )
    end = forms.DateField(
        label="To", input_formats=["%Y-%m-%d"], error_messages={"invalid": BAD_DATE_MESSAGE}
    )
    notice_days = forms.IntegerField(label="Notice (days)", min_value=0, max_value=MAX_NOTICE_DAYS)

    def __init__(self, data=None, **kwargs):
        default = default_period()
        data = {
            "start": data.get("from", default.start) if data else default.start,
            "end": data.get("to", default.end) if data else default.end,
            "notice_days": data.get("notice_days", DEFAULT_NOTICE_DAYS) if data else DEFAULT_NOTICE_DAYS,
        }
        super().__init__(data, **kwargs)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if "start" in cleaned and "end" in cleaned:
            for param, message in period_errors(start=cleaned["start"], end=cleaned["end"]).items():
                self.add_error({"from": "start", "to": "end"}[param], message)
        return cleaned

    @property
    def period(self) -> ReportPeriod:
        data = self.cleaned_data
        return ReportPeriod(start=data["start"], end=data["end"], notice_days=data["notice_days"])
