"""The program list's filters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import PublicFilterSet, RegionFilter, SearchFilter
from programs.models import Activity, FocusArea, Program
from programs.selectors import public_activity_years


def activity_years():
    return [(year, year) for year in public_activity_years()]


class ProgramFilter(PublicFilterSet):
    area = django_filters.ChoiceFilter(
        label=_("工作领域"),
        field_name="focus_area",
        choices=FocusArea.choices,
        empty_label=_("全部领域"),
    )
    year = django_filters.ChoiceFilter(
        label=_("年度"), choices=activity_years, method="running_in", empty_label=_("全部年度")
    )
    region = RegionFilter(method="active_in")
    q = SearchFilter()

    class Meta(PublicFilterSet.Meta):
        model = Program
        fields = []

    def running_in(self, queryset, name, value):
        year = int(value)
        return queryset.filter(
            Q(year_start__lte=year), Q(year_end__isnull=True) | Q(year_end__gte=year)
        )

    def active_in(self, queryset, name, region):
        """Programs with a published activity in the region or below it."""
        activities = Activity.objects.public().in_region(region).values("program_id")
        return queryset.filter(pk__in=activities)
