from django.contrib import admin

from .models import Source, SourceEntry, SourceVersion


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "format", "enabled", "url"]
    list_filter = ["format", "enabled"]
    search_fields = ["slug", "name"]


@admin.register(SourceVersion)
class SourceVersionAdmin(admin.ModelAdmin):
    list_display = ["source", "number", "status", "entry_count", "name_count", "created_at"]
    list_filter = ["source", "status"]
    readonly_fields = [f.name for f in SourceVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SourceEntry)
class SourceEntryAdmin(admin.ModelAdmin):
    list_display = ["caption", "entry_id", "kind", "version"]
    list_filter = ["kind", "version__source"]
    search_fields = ["caption", "entry_id"]
    readonly_fields = [f.name for f in SourceEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
