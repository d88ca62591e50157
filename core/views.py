from django.db.models import Max
from django.views.generic import TemplateView

from families.models import Family
from honors.models import Honor
from programs.models import Activity, Program


class HomeView(TemplateView):
    """The front page: what the records hold for the latest year with published records."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = Honor.objects.public().aggregate(latest=Max("year"))["latest"]
        context.update(
            year=year,
            honor_count=Honor.objects.public().filter(year=year).count() if year else 0,
            family_count=Family.objects.public().filter(year=year).count() if year else 0,
            program_count=Program.objects.public().count(),
            activity_count=Activity.objects.public().filter(date__year=year).count() if year else 0,
        )
        return context
