from django.views.generic import DetailView

from core.views import PublicListView
from families.filters import FamilyFilter
from families.selectors import public_families


class FamilyListView(PublicListView):
    filterset_class = FamilyFilter
    template_name = "families/family_list.html"

    def get_queryset(self):
        return public_families()


class FamilyDetailView(DetailView):
    template_name = "families/family_detail.html"
    context_object_name = "family"

    def get_queryset(self):
        return public_families()
