"""Regions and the export log."""

from django.contrib import admin

from core import scoping, services
from core.admin.changelists import NormalizedSearchMixin
from core.admin.writes import ServiceAdminMixin
from core.models import ExportLog, Region


@admin.register(Region)
class RegionAdmin(ServiceAdminMixin, NormalizedSearchMixin, admin.ModelAdmin):
    """Regions; a county's staff see (and pick, in autocompletes) only their subtree.
    Writes go through core.services.save_region (a moved region takes its subtree)."""

    save_service = staticmethod(services.save_region)

    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]
    fields = ["code", "name", "name_en", "level", "parent", "path"]
    list_per_page = 100

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user)


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "user",
        "model_label",
        "file_format",
        "row_count",
        "with_private",
        "selected",
    ]
    list_filter = ["model_label", "file_format", "with_private"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
