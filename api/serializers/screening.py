from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bookings.enums import PartyKind

from .bookings import NAME_MAX, PartialDateField, kind_and_date_of_birth_agree, strip_name
from .output import many_data
from .strict import ChoiceInput, StrictInput

MAX_SCREEN_PARTIES = 100


class ScreenPartyInput(StrictInput):
    name = serializers.CharField(max_length=NAME_MAX)
    kind = ChoiceInput(PartyKind.choices)
    date_of_birth = PartialDateField(required=False, allow_blank=True, allow_null=True, default=None)

    def validate_name(self, value):
        return strip_name(value)

    def validate(self, attrs):
        return kind_and_date_of_birth_agree(attrs)


class ScreenInput(StrictInput):
    # DRF passes max_length on to the ListSerializer that many=True makes; the stubs lack it.
    parties = ScreenPartyInput(many=True, allow_empty=False, max_length=MAX_SCREEN_PARTIES)  # type: ignore[call-arg]


class ScreenMatchOutput(serializers.Serializer):
    entry_id = serializers.CharField()
    # SerializerMetaclass takes declared fields off the class: this does not shadow Field.source.
    source = serializers.CharField()  # type: ignore[assignment]
    matched_name = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=1)
    explanation = serializers.DictField()
    suppression = serializers.SerializerMethodField(
        help_text="The suppression covering this name and entry (a cleared false positive "
        "with the same evidence), or null. A suppressed match does not flag."
    )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_suppression(self, match) -> int | None:
        return self.context.get("suppressions", {}).get(match.entry_pk)


class ScreenResultOutput(serializers.Serializer):
    name = serializers.CharField(source="query.name")
    kind = serializers.CharField(source="query.kind")
    flagged = serializers.BooleanField(help_text="A person must look at this name.")
    matches = serializers.SerializerMethodField(
        help_text="Prevent Officers only: the entries at or above the review threshold, best first, "
        "each with the suppression that covers it, if any. "
        "Always an empty list for a venue caller (API key or venue staff).",
    )
    signals = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="Prevent Officers only: why the name needs a person whatever it matches "
        "(`reads_as_nothing`, `mixed_scripts`). Absent for a venue caller.",
    )

    @extend_schema_field(ScreenMatchOutput(many=True))
    def get_matches(self, result) -> list:
        return many_data(
            ScreenMatchOutput(result.matches, many=True, context={"suppressions": result.suppressions})
        )


class ScreenOutput(serializers.Serializer):
    results = ScreenResultOutput(many=True)


class VenueScreenResultOutput(serializers.Serializer):
    """What a venue caller is told: look, or not. Which entry, alias or source
    matched stays with the officers, so a list cannot be read out by probing."""

    name = serializers.CharField(source="query.name")
    kind = serializers.CharField(source="query.kind")
    flagged = serializers.BooleanField()
    matches = serializers.SerializerMethodField()

    def get_matches(self, result) -> list:
        return []


class VenueScreenOutput(serializers.Serializer):
    results = VenueScreenResultOutput(many=True)
