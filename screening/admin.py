from django.contrib import admin

from .models import Match, ScreeningRun, Suppression
from .services import suppression_revoke


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    can_delete = False
    readonly_fields = (
        "subject",
        "query_name",
        "matched_name",
        "score",
        "entry",
        "explanation",
        "suppression",
        "disposition",
        "disposed_by",
        "disposed_at",
        "judged_match",
    )
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScreeningRun)
class ScreeningRunAdmin(admin.ModelAdmin):
    list_display = ["id", "booking", "trigger", "created_at", "in_scope", "flagged", "names_screened"]
    list_filter = ["trigger", "flagged", "in_scope"]
    readonly_fields = [
        "booking",
        "trigger",
        "created_at",
        "matcher",
        "threshold",
        "source_versions",
        "names_screened",
        "in_scope",
        "flagged",
        "changes",
    ]
    inlines = [MatchInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # runs and their matches are the evidence of the review


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Suppressions are created by officers' dispositions and ended by revoking
    (with a reason, audited), never edited or deleted."""

    list_display = [
        "party_name",
        "party_date_of_birth",
        "source_slug",
        "entry_id",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["source_slug", "stale_at"]
    search_fields = ["party_name", "entry_id", "entry_caption"]
    readonly_fields = [f.name for f in Suppression._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Revoke selected suppressions (re-screens what they silenced)", permissions=["view"]
    )
    def revoke(self, request, queryset):
        for suppression in queryset:
            suppression_revoke(
                suppression=suppression,
                by=request.user,
                reason="Revoked in the admin.",
            )
