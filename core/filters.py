"""Filters the three public lists share: region subtree, year, and search in either script."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from core import cache, text
from core.models import Region

SEARCH_MAX_LENGTH = 100


class RegionCodeField(forms.CharField):
    """A region given by its code in the query string (`region=371602`)."""

    def to_python(self, value):
        code = super().to_python(value)
        if not code:
            return None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise ValidationError(_("没有代码为“%(code)s”的地区。"), params={"code": code[:20]})
        return region


def region_choices():
    """The city and its counties: enough for the filter form; any code works in the URL."""

    def regions():
        return list(
            Region.objects.filter(level__in=["city", "county", "zone"]).values_list("code", "name")
        )

    return [("", _("全部地区")), *cache.remember("regions", regions)]


class RegionFilter(django_filters.Filter):
    """Records in the region or anywhere below it (a county includes its towns and villages)."""

    field_class = RegionCodeField

    def __init__(self, *args, path_field: str = "region__path", **kwargs):
        kwargs.setdefault("label", _("地区"))
        kwargs.setdefault("widget", forms.Select(choices=region_choices))
        super().__init__(*args, **kwargs)
        self.path_field = path_field

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(**{f"{self.path_field}__startswith": value.path})


class SearchFilter(django_filters.CharFilter):
    """Every word must appear in the record's normalised `search_text` (刘 finds 劉)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("搜索"))
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("field_name", "search_text")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "search", "placeholder": _("姓名、单位、事迹")}),
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        for word in text.normalize_for_search(value or "").split():
            qs = qs.filter(**{f"{self.field_name}__contains": word})
        return qs


def year_choices(model, field: str = "year"):
    """A callable for ChoiceFilter: the years that have records, newest first."""

    def years():
        years = model.objects.order_by(f"-{field}").values_list(field, flat=True).distinct()
        return [(year, year) for year in years if year]

    def choices():
        return cache.remember("years", years, model._meta.label, field)

    return choices


def byte_order(field: str):
    """Order a derived sort key by its bytes on every database.

    The pinyin key relies on spaces sorting before letters; PostgreSQL's locale
    collations skip spaces, so it is compared with the "C" collation there, which
    is what SQLite does already.
    """
    return Collate(field, "C") if connection.vendor == "postgresql" else field


def order_by_keys(queryset, fields: list[str]):
    return queryset.order_by(*(byte_order(f) if f.endswith("pinyin_key") else f for f in fields))


ORDER_CHOICES = [
    ("strokes", _("按姓氏笔画")),
    ("pinyin", _("按拼音")),
    ("-year", _("按年度（新的在前）")),
]


class PublicFilterSet(django_filters.FilterSet):
    """A FilterSet whose choice lists (years, regions) are read once per request.

    Callable choices are otherwise evaluated twice — once to validate the value,
    once to render the form — which costs a query each time.
    """

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    continue  # validating a model choice is its own single-row query
                if hasattr(field, "choices"):
                    field.choices = list(field.choices)
                elif hasattr(field.widget, "choices"):
                    field.widget.choices = list(field.widget.choices)
        return self._form
