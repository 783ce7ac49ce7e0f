from rest_framework import serializers

from bookings.reports.periods import (
    BAD_DATE_MESSAGE,
    DEFAULT_NOTICE_DAYS,
    MAX_NOTICE_DAYS,
    ReportPeriod,
    default_period,
    period_errors,
)


class CoverageQueryInput(serializers.Serializer):
    """Query parameters: ?from=YYYY-MM-DD&to=YYYY-MM-DD&notice_days=N (all optional)."""

    # "from" is a Python keyword, so that field is added in get_fields.
    to = serializers.DateField(required=False, error_messages={"invalid": BAD_DATE_MESSAGE})
    notice_days = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_NOTICE_DAYS, default=DEFAULT_NOTICE_DAYS
    )

    def get_fields(self):
        start = serializers.DateField(required=False, error_messages={"invalid": BAD_DATE_MESSAGE})
        return {"from": start, **super().get_fields()}

    def validate(self, attrs):
        default = default_period()
        start, end = attrs.get("from", default.start), attrs.get("to", default.end)
        errors = period_errors(start=start, end=end)
        if errors:
            raise serializers.ValidationError(errors)
        attrs["period"] = ReportPeriod(start=start, end=end, notice_days=attrs["notice_days"])
        return attrs


class CoverageGroupingOutput(serializers.Serializer):
    grouping = serializers.ChoiceField(["district", "venue_type", "month"])
    title = serializers.CharField()
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per group: `group`, `label` and every figure. A figure is a "
        "number, 'fewer than 5', 'withheld', 'not recorded', or null (nothing to divide by).",
    )
    total = serializers.DictField()


class SourceFreshnessOutput(serializers.Serializer):
    # SerializerMetaclass takes declared fields off the class: this does not shadow Field.source.
    source = serializers.CharField()  # type: ignore[assignment]
    name = serializers.CharField()
    live_version = serializers.IntegerField(allow_null=True)
    live_since = serializers.DateTimeField(allow_null=True)
    age_days = serializers.IntegerField(allow_null=True)


class CoverageReportOutput(serializers.Serializer):
    period = serializers.DictField()
    generated_at = serializers.DateTimeField()
    small_numbers = serializers.DictField()
    figures = serializers.DictField(child=serializers.CharField(), help_text="Figure labels.")
    groupings = CoverageGroupingOutput(many=True)
    sources = SourceFreshnessOutput(many=True)
    prevent_monitoring = serializers.DictField(
        help_text="Office for Students Prevent monitoring figures; 'not recorded' where the "
        "service does not keep the record a figure needs."
    )
