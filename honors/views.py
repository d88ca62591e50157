from django.views.generic import DetailView

from core.documents.views import ListFilenameMixin, RollPdfMixin
from core.views import CachedPageMixin, ListExportView, PublicListView, RollView
from honors import tabular
from honors.filters import HonorFilter
from honors.selectors import other_public_honors, public_honors


class HonorListView(PublicListView):
    filterset_class = HonorFilter
    template_name = "honors/honor_list.html"

    def get_queryset(self):
        return public_honors()


class HonorDetailView(CachedPageMixin, DetailView):
    template_name = "honors/honor_detail.html"
    context_object_name = "honor"
    cache_apps = ("honors",)

    def get_queryset(self):
        return public_honors()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["other_honors"] = other_public_honors(self.object)
        return context


class HonorExportMixin(ListFilenameMixin):
    filterset_class = HonorFilter
    filename_what = "荣誉表彰"

    def get_queryset(self):
        return public_honors()


class HonorCSVView(HonorExportMixin, ListExportView):
    columns = tabular.COLUMNS
    export_queryset = tabular.export_queryset


class HonorXLSXView(HonorCSVView):
    file_format = "xlsx"


class HonorRollView(HonorExportMixin, RollView):
    template_name = "roll.html"
    build_roll = tabular.build_honor_roll


class HonorRollDocxView(HonorRollView):
    as_docx = True


class HonorRollPdfView(RollPdfMixin, HonorRollView):
    pass
