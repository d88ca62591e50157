"""The views every record app shares: the public list, its exports and roll, and the
language switcher. The pages that span the apps (home, region, notices) live in `pages`;
core imports no app.
"""

import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from config.security import client_ip  # the visitor's address behind nginx, as axes counts it
from core import cache, i18n, rolls, script, tabular
from core.filters import RegionFilter
from core.pagination import KeysFirstPaginator


class CachedPageMixin:
    """What the page cache (core.middleware.PublicPageCacheMiddleware) needs of a view.

    `query_parameters`: the names the view reads from the query string; only these go
    into the cache key and any other parameter is ignored, so `?x=<random>` is answered
    from the cache. A view without this mixin is cached only when asked without a query.
    `cache_files`: its Word or Excel file may be stored like a page.
    `cache_apps`: the apps whose records the page shows (None: it may show any, so any write
    empties it); `cache_region`: the query parameter or URL keyword naming the region it is
    filtered to, if any. A write elsewhere, or in another app, leaves the page cached.
    """

    query_parameters: frozenset = frozenset()
    cache_files = False
    cache_apps: tuple[str, ...] | None = None
    cache_region = ""

    @classmethod
    def cached_query_parameters(cls) -> frozenset:
        return frozenset(cls.query_parameters)

    @classmethod
    def cached_scope(cls) -> tuple[tuple[str, ...] | None, str]:
        return cls.cache_apps, cls.cache_region


def filtered_scope(filterset_class) -> tuple[tuple[str, ...], str]:
    """A list's scope: its FilterSet's app, and its region filter's name."""
    region = next(
        (name for name, f in filterset_class.base_filters.items() if isinstance(f, RegionFilter)),
        "",
    )
    return (filterset_class._meta.model._meta.app_label,), region


def too_many_downloads() -> HttpResponse:
    response = HttpResponse(
        _("下载过于频繁，请一分钟后再试。"),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(60 - int(time.time()) % 60)
    return response


class DownloadLimitMixin:
    """Files that take seconds to make count against the visitor's address (core.cache).

    Three anonymous clients asking for Word rolls with random parameters used to keep
    every worker busy; now an address gets DOWNLOADS_PER_MINUTE files made a minute,
    then 429. A file the page cache answers never reaches the view and is not counted.
    """

    def is_download(self) -> bool:
        return True

    def dispatch(self, request, *args, **kwargs):
        if self.is_download() and not cache.download_allowed(client_ip(request)):
            return too_many_downloads()
        return super().dispatch(request, *args, **kwargs)


class PublicListView(CachedPageMixin, FilterView):
    """A public list: the app's FilterSet over its selector, paginated, invalid input → empty.

    A filter value that does not validate (an unknown region, a year that is not
    a number, a search longer than the limit) gives an empty list and the form's
    message, never a 500.
    """

    paginate_by = 30
    paginator_class = KeysFirstPaginator
    strict = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = context.get("paginator")
        context["result_count"] = paginator.count if paginator else len(context["object_list"])
        context["filter_errors"] = [
            error for errors in self.filterset.errors.values() for error in errors
        ]
        return context

    @classmethod
    def cached_query_parameters(cls) -> frozenset:
        return frozenset({*cls.filterset_class.base_filters, cls.page_kwarg})

    @classmethod
    def cached_scope(cls) -> tuple[tuple[str, ...], str]:
        return filtered_scope(cls.filterset_class)


class FilteredMixin(CachedPageMixin):
    """Bind the app's FilterSet to the query string, as the list page does."""

    filterset_class = None

    @classmethod
    def cached_query_parameters(cls) -> frozenset:
        return frozenset(cls.filterset_class.base_filters)

    @classmethod
    def cached_scope(cls) -> tuple[tuple[str, ...], str]:
        return filtered_scope(cls.filterset_class)

    def get_queryset(self):
        raise NotImplementedError

    def get_filterset(self):
        return self.filterset_class(
            self.request.GET, queryset=self.get_queryset(), request=self.request
        )

    def invalid(self, filterset) -> HttpResponseBadRequest:
        errors = "；".join(str(e) for errors in filterset.errors.values() for e in errors)
        return HttpResponseBadRequest(
            _("筛选条件有误：%(errors)s") % {"errors": errors},
            content_type="text/plain; charset=utf-8",
        )


class ListExportView(DownloadLimitMixin, FilteredMixin, View):
    """The list a visitor is looking at — same filters, same order — as CSV or XLSX.

    Public files carry the public columns only. Not cached: they stream, and may run
    to hundreds of thousands of rows; limited per address instead.
    """

    columns: list = []
    export_queryset = None
    filename = ""
    file_format = "csv"

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return self.invalid(filterset)
        columns = tabular.public_columns(self.columns)
        # Stored text in the visitor's script: a file is in one script, as the page is. The
        # simplified CSV by COPY converts as it streams, one-to-one (names are safe, and
        # the federation types simplified); the rest row by row (core.tabular.rows_in_script).
        language = translation.get_language()
        if self.file_format == "csv" and tabular.can_copy(columns) and language != "zh-hant":
            return tabular.copy_csv_response(
                filterset.qs, columns, f"{self.filename}.csv", translate=script.name_to_simplified
            )
        records = type(self).export_queryset(filterset.qs)
        rows = tabular.export_rows(filterset.qs, columns, records)
        rows = tabular.rows_in_script(rows, columns, language)
        if self.file_format == "xlsx":
            notes = tabular.filter_notes(filterset)
            return tabular.xlsx_response(rows, columns, notes, f"{self.filename}.xlsx")
        return tabular.csv_response(rows, columns, f"{self.filename}.csv")


class RollView(DownloadLimitMixin, FilteredMixin, TemplateView):
    """The official list (名单) of the filtered records, as a printable page or a Word file.

    Both are cached like pages; a Word file that has to be made counts as a download.
    """

    build_roll = None
    filename = ""
    as_docx = False
    cache_files = True

    def is_download(self) -> bool:
        return self.as_docx

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return self.invalid(filterset)
        roll = type(self).build_roll(filterset.qs, filterset.form.cleaned_data)
        if self.as_docx:
            return tabular.docx_response(rolls.roll_docx(roll), f"{self.filename}.docx")
        return self.render_to_response(self.get_context_data(roll=roll, filter=filterset))


def switch_language(request):
    """The language switcher's link: remember the choice and show the same page in it.

    A plain GET link, so it works without JavaScript; `next` keeps the path and query.
    The page sent to is checked, not the one given: removing a language prefix turns
    `/en//evil.example` into `//evil.example`, another site.
    """
    language = request.GET.get("language", "")
    if not i18n.supported(language):
        language = settings.LANGUAGE_CODE
    next_url = request.GET.get("next", "/")
    if not next_url.startswith("/"):
        next_url = "/"  # a page of this site, by its path; anything else: the front page
    path, _sep, query = next_url.partition("?")
    target = i18n.path_in_language(path or "/", language) + (f"?{query}" if query else "")
    if (
        not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        or not target.startswith("/")
        or target[1:2] in ("/", "\\")
    ):
        target = i18n.path_in_language("/", language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
