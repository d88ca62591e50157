import contextlib

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import charts, tabular
from core.models import Region
from core.text import report_number
from core.views import CachedPageMixin, DownloadLimitMixin
from reports import documents
from reports.services import (
    activities_by_month,
    latest_report_year,
    people_by_focus_area,
    year_has_records,
    year_report,
)

FIRST_REPORT_YEAR = 1949


def root_region() -> Region:
    region = Region.objects.filter(parent__isnull=True).order_by("code").first()
    if region is None:
        raise Http404(_("还没有地区数据。"))
    return region


def latest_report(request):
    year = latest_report_year()
    if year is None:
        raise Http404(_("还没有可以统计的记录。"))
    return redirect("reports:year", year=year)


class ReportMixin(CachedPageMixin):
    # Figures (reports) count activities and stock figures, honours and families.
    cache_apps = ("reports", "programs", "honors", "families")
    cache_region = "code"

    def get_report_scope(self) -> tuple[int, Region]:
        year = self.kwargs["year"]
        if not FIRST_REPORT_YEAR <= year <= 2100:
            raise Http404(_("没有这个年度。"))
        code = self.kwargs.get("code")
        region = get_object_or_404(Region, code=code) if code else root_region()
        return year, region


class ReportView(ReportMixin, TemplateView):
    """The year's figures by focus area, for the city or one region, with charts."""

    template_name = "reports/report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, region = self.get_report_scope()
        # Asked once each: the table compares with the year before, the links name it.
        has_previous_year = year_has_records(year - 1)
        # The breadcrumb's ancestors and the sub-regions of the figures, in one query.
        nearby = list(
            Region.objects.filter(Q(parent=region) | Q(code__in=region.ancestor_codes[:-1]))
        )
        subregions = [other for other in nearby if other.parent_id == region.pk]
        sections = (
            year_report(year, region, compare=has_previous_year, subregions=subregions)
            if year_has_records(year)
            else []
        )
        months = activities_by_month(year, region)
        areas = people_by_focus_area(year, region)
        context.update(
            year=year,
            region=region,
            ancestors=[other for other in nearby if other.parent_id != region.pk],
            sections=sections,
            has_previous=any(r.previous is not None for s in sections for r in s.results),
            previous_year=year - 1 if has_previous_year else None,
            months=months,
            month_chart=charts.bar_chart(
                [(_("%(m)s月") % {"m": month}, value) for month, value in months],
                title=_("%(year)s年各月活动场次") % {"year": year},
            ),
            areas=areas,
            area_chart=charts.bar_chart(
                areas,
                title=_("各工作领域活动服务人次"),
                value_labels=[report_number(v, in_wan=v >= 10_000) for _l, v in areas],
            ),
        )
        for section in sections:
            for result in section.results:
                shown = [rv for rv in result.by_region if rv.value]
                result.chart = charts.bar_chart(
                    [(rv.region.name, float(rv.value)) for rv in shown],
                    title=f"{result.figure.label}（{_('按地区')}）",
                    value_labels=[rv.text for rv in shown],
                )
        return context


class ReportDocxView(DownloadLimitMixin, ReportMixin, View):
    """A draft press release with the figures in sentences, for staff to edit."""

    cache_files = True

    def get(self, request, *args, **kwargs):
        year, region = self.get_report_scope()
        with chinese_files():
            sections = year_report(year, region, by_region=False)
            document = documents.press_release(year, region, sections)
            name = documents.file_name(_("%(region)s妇联%(year)s年工作情况"), year, region)
        return tabular.docx_response(document, f"{name}.docx")


class ReportXlsxView(DownloadLimitMixin, ReportMixin, View):
    """The figures by focus area and by sub-region, one row per figure."""

    cache_files = True

    def get(self, request, *args, **kwargs):
        year, region = self.get_report_scope()
        with chinese_files():
            sections = year_report(year, region)
            name = documents.file_name(_("%(region)s%(year)s年工作指标"), year, region)
            return tabular.workbook_response(
                lambda out: documents.write_workbook(out, year, region, sections),
                f"{name}.xlsx",
            )


@contextlib.contextmanager
def chinese_files():
    """The report's files are written in Chinese, in the visitor's script: English readers
    get the simplified files (a figure written 7.55万人次, not 75,500 people served)."""
    if translation.get_language() in ("zh-hans", "zh-hant"):
        yield
    else:
        with translation.override("zh-hans"):
            yield
