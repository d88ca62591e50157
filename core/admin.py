"""Admin for regions, and the admin pieces every record app shares."""

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.html import format_html

from core import text
from core.models import Region


def thumbnail(image, size: int = 48) -> str:
    """An <img> for a changelist cell, or a dash when there is no image."""
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="" loading="lazy" style="width:{}px;height:{}px;object-fit:cover">',
        image.url,
        size,
        size,
    )


class NormalizedSearchMixin:
    """Admin search over a stored `search_text` column, simplified and traditional alike.

    The typed term is normalised the same way the column was (OpenCC t2s and
    case folding), so 刘 finds 劉 and 滨城区 finds 濱城區.
    """

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        term = text.normalize_for_search(search_term)
        if not term:
            return queryset, False
        for word in term.split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


@admin.register(Region)
class RegionAdmin(NormalizedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]
    fields = ["code", "name", "name_en", "level", "parent", "path"]
    list_per_page = 100


admin.site.empty_value_display = "—"
