"""The pages that gather programs, honours and families: home, one region (notices:
pages.notices).

They read only through each app's selectors; no record app imports this one.
"""

from django.views.generic import DetailView, TemplateView

from core.models import Region
from core.views import CachedPageMixin
from families.selectors import featured_families, public_families
from honors.selectors import public_honors
from pages.years import choose_year, record_years
from programs.selectors import (
    activity_totals,
    programs_by_focus_area,
    public_programs,
    published_activities,
)


class HomeView(CachedPageMixin, TemplateView):
    """The front page: one year's headline counts (the report's latest by default, any
    other with ?year=), new honours, families, programs."""

    template_name = "pages/home.html"
    query_parameters = frozenset({"year"})
    cache_apps = ("honors", "families", "programs")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choice = choose_year(self.request, record_years())
        year = choice.year
        activities = published_activities().filter(date__year=year)
        context.update(
            year=year,
            years=choice.years,
            year_message=choice.message,
            honor_count=public_honors().filter(year=year).count(),
            family_count=public_families().filter(year=year).count(),
            activity_totals=activity_totals(activities),
            latest_honors=public_honors().filter(year=year).order_by("-updated_at", "pk")[:8],
            featured_families=featured_families(),
            programs_by_area=programs_by_focus_area(),
        )
        return context


class RegionDetailView(CachedPageMixin, DetailView):
    """Everything public for one county, town or village, with its sub-regions: one year's
    figures (as on the front page), the latest honours and families of any year."""

    template_name = "pages/region_detail.html"
    context_object_name = "region"
    slug_field = "code"
    slug_url_kwarg = "code"
    queryset = Region.objects.all()
    query_parameters = frozenset({"year"})
    cache_apps = ("honors", "families", "programs")
    cache_region = "code"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        honors = public_honors().in_region(region)
        families = public_families().in_region(region)
        activities = published_activities().in_region(region)
        choice = choose_year(self.request, record_years(activities, honors, families))
        year = choice.year
        context.update(
            year=year,
            years=choice.years,
            year_message=choice.message,
            ancestors=Region.objects.filter(code__in=region.ancestor_codes[:-1]),
            children=region.children.order_by("code"),
            honor_count=honors.filter(year=year).count(),
            family_count=families.filter(year=year).count(),
            activity_totals=activity_totals(activities.filter(date__year=year)),
            latest_honors=honors.order_by("-year", "title__rank", "recipient__stroke_key")[:10],
            latest_families=families.order_by("-year", "title__rank", "stroke_key")[:10],
            programs=public_programs().filter(pk__in=activities.values("program_id")),
        )
        return context
