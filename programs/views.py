from django.core.paginator import Paginator
from django.views.generic import DetailView

from core.views import CachedPageMixin, PublicListView
from programs.filters import ProgramFilter
from programs.selectors import (
    activity_totals,
    activity_totals_by_region,
    activity_totals_by_year,
    public_activities,
    public_programs,
)


class ProgramListView(PublicListView):
    filterset_class = ProgramFilter
    template_name = "programs/program_list.html"

    def get_queryset(self):
        return public_programs()


class ProgramDetailView(CachedPageMixin, DetailView):
    template_name = "programs/program_detail.html"
    query_parameters = frozenset({"page"})
    cache_apps = ("programs",)
    context_object_name = "program"
    activities_per_page = 20

    def get_queryset(self):
        return public_programs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activities = public_activities(self.object)
        paginator = Paginator(activities, self.activities_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(
            totals=activity_totals(activities),
            totals_by_year=activity_totals_by_year(activities),
            totals_by_region=activity_totals_by_region(activities),
            page_obj=page,
            is_paginated=page.has_other_pages(),
            paginator=paginator,
        )
        return context
