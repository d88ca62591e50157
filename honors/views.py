from django.views.generic import DetailView

from core.views import PublicListView
from honors.filters import HonorFilter
from honors.selectors import other_public_honors, public_honors


class HonorListView(PublicListView):
    filterset_class = HonorFilter
    template_name = "honors/honor_list.html"

    def get_queryset(self):
        return public_honors()


class HonorDetailView(DetailView):
    template_name = "honors/honor_detail.html"
    context_object_name = "honor"

    def get_queryset(self):
        return public_honors()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["other_honors"] = other_public_honors(self.object)
        return context
