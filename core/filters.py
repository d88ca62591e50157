"""Filters the three public lists share: region subtree, year, and search in either script."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.functions import Collate
from django.forms.renderers import DjangoTemplates
from django.utils.choices import normalize_choices
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceIterator

from core import cache, text, versions
from core.models import Region

SEARCH_MAX_LENGTH = 100
# What PostgreSQL refuses in a text value (NUL) and what UTF-8 cannot carry (lone surrogates):
# such a value must never reach a query, where it would be a 500 instead of a message.
REFUSED_CHARACTERS = re.compile("[\x00\ud800-\udfff]")
REFUSED_MESSAGE = _("查询条件含有不能使用的字符。")


def has_refused_characters(value) -> bool:
    return isinstance(value, str) and REFUSED_CHARACTERS.search(value) is not None


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

    return [("", _("全部地区")), *cache.remember("regions", regions, scope=versions.REFERENCE_ONLY)]


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
        for word in text.search_words(value or ""):
            qs = qs.filter(**{f"{self.field_name}__contains": word})
        return qs


def year_choices(model, field: str = "year"):
    """A callable for ChoiceFilter: the years that have records, newest first — the same on
    the list of every region, so a fact of the model's app (core.cache.Fact)."""

    def years():
        return [(year, year) for year in distinct_descending(model, field) if year]

    return cache.Fact(f"years:{model._meta.label}.{field}", (model._meta.app_label,), years)


def distinct_descending(model, field: str, **equal) -> list:
    """The distinct values of an indexed column, largest first, by a loose index scan (of
    the rows whose columns `equal` name have those values: an index that starts with them).

    SELECT DISTINCT reads every row's entry (12 ms over 200,000 families); asking the
    index for the largest value below the last one found reads one entry per value
    (0.3 ms for sixteen years). Works on PostgreSQL and SQLite alike.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    column = quote(model._meta.get_field(field).column)
    where = "".join(f" AND {quote(model._meta.get_field(name).column)} = %s" for name in equal)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH RECURSIVE found(value) AS (
                SELECT MAX({column}) FROM {table} WHERE 1 = 1{where}
                UNION ALL
                SELECT (SELECT MAX({column}) FROM {table} WHERE {column} < found.value{where})
                FROM found WHERE found.value IS NOT NULL
            )
            SELECT value FROM found WHERE value IS NOT NULL
            """,
            [*equal.values(), *equal.values()],
        )
        return [value for (value,) in cursor.fetchall()]


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


def attrs_html(attrs: dict) -> str:
    """A widget's attributes, as django/forms/widgets/attrs.html writes them."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def select_html(widget: dict) -> str:
    """django/forms/widgets/select.html, with select_option.html for each option."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        options_html = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            ((option["value"], attrs_html(option["attrs"]), option["label"]) for option in options),
        )
        if group_name:
            options_html = format_html(
                '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, options_html
            )
        groups.append(options_html)
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        attrs_html(widget["attrs"]),
        mark_safe("".join(groups)),
    )


def input_html(widget: dict) -> str:
    """django/forms/widgets/input.html, which text.html includes."""
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        value,
        attrs_html(widget["attrs"]),
    )


class FilterFormRenderer(DjangoTemplates):
    """Django's form renderer, with the filter form's <select>s and search box written here.

    A list page shows seven of them with dozens of options, and through the widget
    templates (one include per option) they took a quarter of the page's time. What
    goes into them — names, ids, values, the selected option, aria-invalid — is still
    the widgets' own context; only these templates' markup is written in Python.
    Any other template is rendered as usual. Replaces Django's widget templates for
    <select> and <input>; held equal to them, markup for markup, by
    tests/core/test_filter_form.py (test_each_field_is_what_the_widget_templates_write).
    """

    writers = {
        "django/forms/widgets/select.html": select_html,
        "django/forms/widgets/text.html": input_html,
    }

    def render(self, template_name, context, request=None):
        if writer := self.writers.get(template_name):
            return writer(context["widget"])
        return super().render(template_name, context, request)


class FilterForm(forms.Form):
    """The filter form every public list, export and roll binds to the query string.

    A value holding characters the database refuses is an error on its field, found
    before any field cleans it (a region or title field looks its value up in the
    database): the list is then empty with the message, a file answers 400.
    """

    default_renderer = FilterFormRenderer()  # one instance: its template engine is built once

    def full_clean(self):
        refused = [
            name
            for name in self.fields
            if any(has_refused_characters(v) for v in self._raw_values(self.add_prefix(name)))
        ]
        if refused:
            self.data = self.data.copy()
            for name in refused:
                self.data.pop(self.add_prefix(name), None)  # not shown back, not looked up
        super().full_clean()
        for name in refused:
            self.add_error(name, ValidationError(REFUSED_MESSAGE, code="refused_characters"))

    def _raw_values(self, key: str) -> list:
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            return getlist(key)
        value = self.data.get(key)
        return value if isinstance(value, list | tuple) else [value]


class PublicFilterSet(django_filters.FilterSet):
    """A FilterSet whose choice lists (years, regions) are read once per request.

    Callable choices are otherwise evaluated twice — once to validate the value,
    once to render the form — which costs a query each time. An app's FilterSet
    takes the form from here: `class Meta(PublicFilterSet.Meta)`.
    """

    class Meta:
        form = FilterForm

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    continue  # validating a model choice is its own single-row query
                if hasattr(field, "choices"):
                    choices = field.choices
                    if isinstance(choices, ChoiceIterator):
                        # django-filter's iterator adds the empty choice, and adds it again
                        # to whatever it is given: hand it the choices without it.
                        choices = normalize_choices(choices.choices)
                    field.choices = list(choices)
                elif hasattr(field.widget, "choices"):
                    field.widget.choices = list(field.widget.choices)
        return self._form
