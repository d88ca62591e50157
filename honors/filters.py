"""The honour roll's filters, shared by the public list and its exports."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import ORDER_CHOICES, PublicFilterSet, RegionFilter, SearchFilter, year_choices
from core.models import Level
from honors.models import Honor, HonorTitle, RecipientKind
from honors.selectors import ordered


class HonorFilter(PublicFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("年度"), choices=year_choices(Honor), empty_label=_("全部年度")
    )
    level = django_filters.ChoiceFilter(
        label=_("级别"), choices=Level.choices, empty_label=_("全部级别")
    )
    title = django_filters.ModelChoiceFilter(
        label=_("称号"),
        queryset=HonorTitle.objects.all(),
        to_field_name="slug",
        empty_label=_("全部称号"),
    )
    region = RegionFilter()
    kind = django_filters.ChoiceFilter(
        label=_("对象"),
        field_name="recipient__kind",
        choices=RecipientKind.choices,
        empty_label=_("个人和集体"),
    )
    q = SearchFilter()
    order = django_filters.ChoiceFilter(
        label=_("排序"), choices=ORDER_CHOICES, method="apply_order", empty_label=None
    )

    class Meta(PublicFilterSet.Meta):
        model = Honor
        fields = []

    def apply_order(self, queryset, name, value):
        return ordered(queryset, value)
