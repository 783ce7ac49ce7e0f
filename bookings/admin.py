from dataclasses import dataclass

from django.contrib import admin, messages
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse

from bookings.notifications.resend import webhook_deliveries_resend
from bookings.venues.services import api_key_create, api_key_revoke, venue_save, venue_webhook_secret_rotate

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
    WebhookAlert,
    WebhookDelivery,
)

REFUSALS_LISTED = 10  # a resend of hundreds lists a few reasons, then counts the rest


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
    actions = ["issue_api_key", "make_webhook_secret"]
    # A webhook URL must be https (bookings/webhook_addresses.py): a bare host gets https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The secret itself is no form field (editable=False): made by the service, shown once.
    readonly_fields = ["webhook_secret_state"]

    @admin.display(description="Webhook secret")
    def webhook_secret_state(self, venue: Venue) -> str:
        if venue.webhook_secret:
            return "Set. It was shown once, when made; make a new one if the venue has lost it."
        return "None yet: one is made (and shown once) when a webhook URL is saved."

    def save_model(self, request, obj, form, change):
        secret = venue_save(venue=obj, by=request.user)
        if secret:
            _secrets_made(request).append(ShownOnce(venue=obj, what="webhook secret", value=secret))

    def response_add(self, request, obj, post_url_continue=None):
        return self._show_once(request) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._show_once(request) or super().response_change(request, obj)

    @admin.action(description="Make a new webhook secret (shown once)")
    def make_webhook_secret(self, request, queryset):
        for venue in queryset:
            secret = venue_webhook_secret_rotate(venue=venue, by=request.user)
            _secrets_made(request).append(ShownOnce(venue=venue, what="webhook secret", value=secret))
        return self._show_once(request)

    @admin.action(description="Issue a new API key (shown once)")
    def issue_api_key(self, request, queryset):
        for venue in queryset:
            _, key = api_key_create(venue=venue, by=request.user)
            _secrets_made(request).append(ShownOnce(venue=venue, what="API key", value=key))
        return self._show_once(request)

    def _show_once(self, request) -> TemplateResponse | None:
        """The page answering the POST that made them shows the new secrets, and nothing
        else ever does: not a message, which would carry them to the next page in a
        cookie or the session (docs/security.md)."""
        made = _secrets_made(request)
        if not made:
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Copy it now: it is not shown again",
            "opts": self.opts,
            "secrets": made,
            "changelist_url": reverse("admin:bookings_venue_changelist"),
        }
        return TemplateResponse(request, "admin/bookings/venue/shown_once.html", context)


@dataclass(frozen=True)
class ShownOnce:
    venue: Venue
    what: str
    value: str


def _secrets_made(request) -> list[ShownOnce]:
    """What this request made, kept on the request itself until its response is rendered."""
    if not hasattr(request, "secrets_made"):
        request.secrets_made = []
    return request.secrets_made


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
    """The delivery log: read-only, but a delivery that gave up can be resent."""

    list_display = [
        "id",
        "created_at",
        "venue",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "resends",
    ]
    list_filter = ["status", "event", "venue"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Resend selected deliveries that gave up")
    def resend(self, request, queryset):
        outcomes = webhook_deliveries_resend(ids=queryset.values_list("pk", flat=True), by=request.user)
        refused = [o for o in outcomes if not o.resent]
        self.message_user(
            request, f"Resent {len(outcomes) - len(refused)} of {len(outcomes)}.", messages.INFO
        )
        for outcome in refused[:REFUSALS_LISTED]:
            self.message_user(
                request, f"Delivery {outcome.delivery_id} not resent: {outcome.message}", messages.WARNING
            )
        if len(refused) > REFUSALS_LISTED:
            self.message_user(
                request, f"… and {len(refused) - REFUSALS_LISTED} more not resent.", messages.WARNING
            )


@admin.register(WebhookAlert)
class WebhookAlertAdmin(RecordAdmin):
    """What an administrator must act on: outages (one alert each, however many deliveries
    gave up) and secrets nobody has seen. Closed by the system: by a delivery that arrives,
    or by a new secret being made and shown."""

    list_display = [
        "opened_at",
        "venue",
        "kind",
        "failed_deliveries",
        "last_failed_at",
        "last_error",
        "closed_at",
    ]
    list_filter = [("closed_at", admin.EmptyFieldListFilter), "kind", "venue"]
