from django.contrib import admin, messages
from django.db import models

from bookings.venues.services import api_key_create, api_key_revoke

from .models import (
    AdviceCondition,
    ApiKey,
    AuditRecord,
    Booking,
    InformationRequest,
    Party,
    ReviewRequest,
    Venue,
    VenueDecision,
    WebhookDelivery,
)


class RecordAdmin(admin.ModelAdmin):
    """A record of the review, changed only through the services (which audit every
    change): the admin browses it and never adds, edits or deletes."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "venue_type", "scope_rule"]
    list_filter = ["district", "venue_type", "scope_rule"]
    search_fields = ["name", "owning_organisation"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff"]
    actions = ["issue_api_key"]
    # A webhook URL must be https (bookings/webhook_addresses.py): a bare host gets https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.action(description="Issue a new API key (shown once)")
    def issue_api_key(self, request, queryset):
        for venue in queryset:
            _, key = api_key_create(venue=venue, by=request.user)
            self.message_user(request, f"New key for {venue}: {key}  (copy it now)", messages.WARNING)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "venue", "name", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["venue"]
    readonly_fields = ["venue", "prefix", "digest", "created_at", "last_used_at", "revoked_at"]
    fields = ["venue", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # keys are issued from the venue page, so the key can be shown once

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        for api_key in queryset:
            api_key_revoke(api_key=api_key, by=request.user)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    can_delete = False
    readonly_fields = ("role", "name", "kind", "organisation", "date_of_birth")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Booking)
class BookingAdmin(RecordAdmin):
    """Bookings, their advice and conditions change only through services (so every
    change is screened and audited): the venue acted on what it was told."""

    list_display = ["external_ref", "venue", "title", "starts_at", "status", "advice"]
    list_filter = ["status", "advice", "venue__district", "venue"]
    search_fields = ["external_ref", "title"]
    inlines = [PartyInline]
    exclude = ["advice_conditions"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "conditions"]

    @admin.display(description="Advice conditions")
    def conditions(self, booking: Booking) -> str:
        return ", ".join(c.label for c in booking.advice_conditions.all()) or "-"


@admin.register(InformationRequest)
class InformationRequestAdmin(RecordAdmin):
    list_display = ["booking", "asked_at", "asked_by", "answered_at"]
    list_select_related = ["booking__venue", "asked_by"]


@admin.register(VenueDecision)
class VenueDecisionAdmin(RecordAdmin):
    list_display = ["booking", "outcome", "grounds", "recorded_at", "recorded_by"]
    list_filter = ["outcome", "grounds"]
    list_select_related = ["booking__venue"]


@admin.register(ReviewRequest)
class ReviewRequestAdmin(RecordAdmin):
    list_display = ["booking", "requested_at", "original_advice", "outcome", "new_advice", "resolved_at"]
    list_filter = ["outcome"]
    list_select_related = ["booking__venue"]


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor", "object_id"]
    readonly_fields = [f.name for f in AuditRecord._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AdviceCondition)
class AdviceConditionAdmin(admin.ModelAdmin):
    """The managed list of conditions. Retire a condition (active off) rather than delete
    it: past advice still names it."""

    list_display = ["label", "code", "active", "position"]
    list_editable = ["active", "position"]
    prepopulated_fields = {"code": ["label"]}

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only."""

    list_display = [
        "created_at",
        "venue",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "venue"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
