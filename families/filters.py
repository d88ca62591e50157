"""The family list's filters, shared by the public list and its exports."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import ORDER_CHOICES, PublicFilterSet, RegionFilter, SearchFilter, year_choices
from core.models import Level
from families.models import Family, FamilyTitle, FamilyType, Tier
from families.selectors import ordered


class FamilyFilter(PublicFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("年度"), choices=year_choices(Family), empty_label=_("全部年度")
    )
    level = django_filters.ChoiceFilter(
        label=_("级别"), choices=Level.choices, empty_label=_("全部级别")
    )
    title = django_filters.ModelChoiceFilter(
        label=_("称号"),
        queryset=FamilyTitle.objects.all(),
        to_field_name="slug",
        empty_label=_("全部称号"),
    )
    tier = django_filters.ChoiceFilter(
        label=_("档次"), choices=Tier.choices, empty_label=_("全部档次")
    )
    type = django_filters.ChoiceFilter(
        label=_("类型"),
        field_name="family_type",
        choices=FamilyType.choices,
        empty_label=_("全部类型"),
    )
    region = RegionFilter()
    q = SearchFilter(
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("姓名、事迹")})
    )
    order = django_filters.ChoiceFilter(
        label=_("排序"), choices=ORDER_CHOICES, method="apply_order", empty_label=None
    )

    class Meta(PublicFilterSet.Meta):
        model = Family
        fields = []

    def apply_order(self, queryset, name, value):
        return ordered(queryset, value)
