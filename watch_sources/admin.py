from django.contrib import admin, messages
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .enums import VersionStatus
from .models import FetchAttempt, Source, SourceEntry, SourceVersion
from .services import VersionNotNewest, source_refresh, version_confirm, version_reject


class ReadOnlyAdmin(admin.ModelAdmin):
    """Versions, entries and fetch attempts are records: browse them, never edit them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FetchAttemptInline(admin.TabularInline):
    model = FetchAttempt
    fields = ("started_at", "outcome", "http_status", "bytes_received", "message", "version")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ["-started_at"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("version")[:10]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "format", "enabled", "url", "live", "last_fetch"]
    list_filter = ["format", "enabled"]
    search_fields = ["slug", "name"]
    fields = [
        "slug",
        "name",
        "format",
        "url",
        "enabled",
        "options",
        "etag",
        "last_modified",
        "feed_version",
    ]
    readonly_fields = ["etag", "last_modified", "feed_version"]
    actions = ["refresh_now"]

    def save_model(self, request, obj, form, change):
        if change and "url" in form.changed_data:
            # Validators and feed position belong to the old URL.
            obj.etag = obj.last_modified = obj.feed_version = ""
        super().save_model(request, obj, form, change)

    @admin.display(description="Live version")
    def live(self, source: Source):
        version = source.live_version
        if version is None:
            return "-"
        url = reverse("admin:watch_sources_sourceversion_change", args=[version.pk])
        return format_html('<a href="{}">v{} ({} entries)</a>', url, version.number, version.entry_count)

    @admin.display(description="Last fetch")
    def last_fetch(self, source: Source):
        attempt = source.fetch_attempts.first()
        return f"{attempt.get_outcome_display()} {attempt.started_at:%Y-%m-%d %H:%M}" if attempt else "-"

    @admin.action(description="Refresh now from the URL")
    def refresh_now(self, request, queryset: QuerySet[Source]):
        for source in queryset.exclude(url=""):
            attempt = source_refresh(source=source)
            level = messages.ERROR if attempt.outcome in ("failed", "held") else messages.SUCCESS
            self.message_user(request, f"{source.slug}: {attempt.message}", level)


class SourceEntryInline(admin.TabularInline):
    model = SourceEntry
    fields = ("entry_id", "kind", "caption", "review_by")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    classes = ["collapse"]


@admin.register(SourceVersion)
class SourceVersionAdmin(ReadOnlyAdmin):
    list_display = [
        "source",
        "number",
        "status",
        "entry_count",
        "name_count",
        "diff_summary",
        "created_at",
    ]
    list_filter = ["source", "status"]
    fields = (
        "source",
        "number",
        "status",
        "origin",
        "checksum",
        "entry_count",
        "name_count",
        "created_at",
        "confirmed_at",
        "confirmed_by",
        "diff_added",
        "diff_removed",
        "diff_changed",
        "report",
    )
    readonly_fields = fields
    actions = ["confirm_held", "reject_held"]

    @admin.display(description="Diff")
    def diff_summary(self, version: SourceVersion) -> str:
        diff = version.diff or {}
        return (
            f"+{len(diff.get('added', []))} -{len(diff.get('removed', []))} ~{len(diff.get('changed', []))}"
        )

    @admin.display(description="Added entries")
    def diff_added(self, version):
        return self._entry_links(version, version.diff.get("added", []))

    @admin.display(description="Changed entries")
    def diff_changed(self, version):
        return self._entry_links(version, version.diff.get("changed", []))

    @admin.display(description="Removed entries (as in the previous version)")
    def diff_removed(self, version):
        previous = version.source.versions.filter(number=version.diff.get("previous")).first()
        return self._entry_links(previous, version.diff.get("removed", [])) if previous else "-"

    def _entry_links(self, version, entry_ids):
        rows = version.entries.filter(entry_id__in=entry_ids[:200]).values_list("pk", "entry_id", "caption")
        links = format_html_join(
            ", ",
            '<a href="{}">{} {}</a>',
            (
                (reverse("admin:watch_sources_sourceentry_change", args=[pk]), eid, caption)
                for pk, eid, caption in rows
            ),
        )
        more = f" and {len(entry_ids) - 200} more" if len(entry_ids) > 200 else ""
        return format_html("{}{}", links, more) if entry_ids else "-"

    @admin.action(description="Confirm and publish held version")
    def confirm_held(self, request, queryset):
        for version in queryset.filter(status=VersionStatus.HELD):
            try:
                version_confirm(version=version, by=request.user)
            except VersionNotNewest as exc:
                self.message_user(request, str(exc), messages.ERROR)
                continue
            self.message_user(request, f"{version} published", messages.SUCCESS)

    @admin.action(description="Reject held version")
    def reject_held(self, request, queryset):
        for version in queryset.filter(status=VersionStatus.HELD):
            version_reject(version=version)
            self.message_user(request, f"{version} rejected", messages.WARNING)


@admin.register(SourceEntry)
class SourceEntryAdmin(ReadOnlyAdmin):
    list_display = ["caption", "entry_id", "kind", "version", "review_by"]
    list_filter = ["kind", "version__source", "version__status"]
    search_fields = ["caption", "entry_id"]
    readonly_fields = [f.name for f in SourceEntry._meta.fields]
    list_select_related = ["version__source"]


@admin.register(FetchAttempt)
class FetchAttemptAdmin(ReadOnlyAdmin):
    list_display = [
        "source",
        "started_at",
        "outcome",
        "http_status",
        "bytes_received",
        "message",
        "version",
    ]
    list_filter = ["outcome", "source"]
    readonly_fields = [f.name for f in FetchAttempt._meta.fields]
    list_select_related = ["source", "version__source"]
