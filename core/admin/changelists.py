"""Changelists of hundreds of thousands of rows, and search over the normalised column.

Each mixin overrides what its docstring names; combine them before Django's ModelAdmin.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet

from core import cache, text, versions
from core.pagination import KeysFirstPaginator


class NormalizedSearchMixin:
    """Admin search over a stored `search_text` column, simplified and traditional alike.

    The typed term is normalised the same way the column was (OpenCC t2s and
    case folding), so 刘 finds 劉 and 滨城区 finds 濱城區.
    """

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        words = text.search_words(search_term)
        if not words:
            return queryset, False
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


class LargeChangelistMixin:
    """Changelists of hundreds of thousands of rows (honours, families, activities).

    One COUNT over the filtered rows, cached under the data versions (the unfiltered total
    would cost another); pages read keys first, the last from the far end; the
    years in the filter, cached likewise.
    """

    paginator = KeysFirstPaginator
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return KeysFirstChangeList


class KeysFirstChangeList(ChangeList):
    """A one-page list is read like any other page (keys, then rows), so the queries a
    changelist runs are the same however many rows it holds."""

    def get_results(self, request):
        super().get_results(request)
        if not self.multi_page and not self.show_all:
            self.result_list = self.paginator.page(1).object_list


class CachedValuesListFilter(admin.AllValuesFieldListFilter):
    """The distinct values of a field in the staff member's records (their region's),
    read once per version of their app instead of with a SELECT DISTINCT on every page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        values = self.lookup_choices
        key = cache.queryset_key(values)
        if key is not None:
            scope = versions.Scope(apps=(values.model._meta.app_label,))
            self.lookup_choices = cache.remember(
                "admin-values", lambda: list(values), *key, scope=scope
            )


class SmallTableSearchMixin:
    """Admin search over a table of tens or hundreds of rows (titles, programs, stock
    kinds) in either script, without a stored search column.

    The rows' `script_search_fields` are read (one query of short columns), normalised as
    `search_text` is (core.text.normalize_for_search), and matched word by word, so
    三八红旗 finds 三八紅旗手 and the other way round. Also what autocomplete widgets use.
    """

    script_search_fields = ("name", "name_hant", "slug")
    # Non-empty, so that the changelist shows its search box; the lookup below replaces it.
    search_fields = ["name"]

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        words = text.search_words(search_term)
        if not words:
            return queryset, False
        fields = [f for f in self.script_search_fields if _has_field(queryset.model, f)]
        matching = []
        for pk, *values in queryset.values_list("pk", *fields):
            folded = text.normalize_for_search(" ".join(filter(None, values)))
            if all(word in folded for word in words):
                matching.append(pk)
        return queryset.filter(pk__in=matching), False


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())
