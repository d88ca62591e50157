"""The pages that gather programs, honours and families: home, one region (notices:
pages.notices).

They read only through each app's selectors; no record app imports this one.
"""

from django.db.models import Max
from django.views.generic import DetailView, TemplateView

from core.models import Region
from core.views import CachedPageMixin
from families.selectors import featured_families, public_families
from honors.selectors import public_honors
from programs.selectors import (
    activity_totals,
    programs_by_focus_area,
    public_programs,
    published_activities,
)


class HomeView(CachedPageMixin, TemplateView):
    """The front page: the latest year's headline counts, new honours, families, programs."""

    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = public_honors().aggregate(latest=Max("year"))["latest"]
        activities = published_activities().filter(date__year=year)
        context.update(
            year=year,
            honor_count=public_honors().filter(year=year).count(),
            family_count=public_families().filter(year=year).count(),
            activity_totals=activity_totals(activities),
            latest_honors=public_honors().filter(year=year).order_by("-updated_at", "pk")[:8],
            featured_families=featured_families(),
            programs_by_area=programs_by_focus_area(),
        )
        return context


class RegionDetailView(CachedPageMixin, DetailView):
    """Everything public for one county, town or village, with its sub-regions."""

    template_name = "pages/region_detail.html"
    context_object_name = "region"
    slug_field = "code"
    slug_url_kwarg = "code"
    queryset = Region.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        honors = public_honors().in_region(region)
        families = public_families().in_region(region)
        activities = published_activities().in_region(region)
        context.update(
            ancestors=Region.objects.filter(code__in=region.ancestor_codes[:-1]),
            children=region.children.order_by("code"),
            honor_count=honors.count(),
            family_count=families.count(),
            activity_totals=activity_totals(activities),
            latest_honors=honors.order_by("-year", "title__rank", "recipient__stroke_key")[:10],
            latest_families=families.order_by("-year", "title__rank", "stroke_key")[:10],
            programs=public_programs().filter(pk__in=activities.values("program_id")),
        )
        return context
