from django.views.generic import DetailView

from core.documents.views import ListFilenameMixin, RollPdfMixin
from core.views import CachedPageMixin, ListExportView, PublicListView, RollView
from families import tabular
from families.filters import FamilyFilter
from families.selectors import public_families


class FamilyListView(PublicListView):
    filterset_class = FamilyFilter
    template_name = "families/family_list.html"

    def get_queryset(self):
        return public_families()


class FamilyDetailView(CachedPageMixin, DetailView):
    template_name = "families/family_detail.html"
    context_object_name = "family"
    cache_apps = ("families",)

    def get_queryset(self):
        return public_families()


class FamilyExportMixin(ListFilenameMixin):
    filterset_class = FamilyFilter
    filename_what = "最美家庭"

    def get_queryset(self):
        return public_families()


class FamilyCSVView(FamilyExportMixin, ListExportView):
    columns = tabular.COLUMNS
    export_queryset = tabular.export_queryset


class FamilyXLSXView(FamilyCSVView):
    file_format = "xlsx"


class FamilyRollView(FamilyExportMixin, RollView):
    template_name = "roll.html"
    build_roll = tabular.build_family_roll


class FamilyRollDocxView(FamilyRollView):
    as_docx = True


class FamilyRollPdfView(RollPdfMixin, FamilyRollView):
    pass
