from django.contrib import admin

from .models import Match, ScreeningRun


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    can_delete = False
    readonly_fields = ["subject", "query_name", "matched_name", "score", "entry", "explanation"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
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
    ]
    inlines = [MatchInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
