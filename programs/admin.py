from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    DeletionReasonMixin,
    LargeChangelistMixin,
    NormalizedSearchMixin,
    PublishAdminMixin,
    ScopedAdminMixin,
    ServiceAdminMixin,
    SmallTableSearchMixin,
    TabularAdminMixin,
    thumbnail,
)
from programs import tabular
from programs.models import Activity, ActivityPhoto, Program, StockFigure, StockKind


class NewActivityInline(admin.TabularInline):
    """Add activities from the program's page.

    Existing activities are not listed inline: a program such as the lecture
    tour has hundreds a year, more than one form can carry. The page links to
    its filtered activity list instead.
    """

    model = Activity
    extra = 3
    verbose_name = _("新增活动")
    verbose_name_plural = _("新增活动")
    fields = [
        "date",
        "title",
        "region",
        "kind",
        "sessions",
        "people_served",
        "amount_yuan",
        "jobs_offered",
    ]
    autocomplete_fields = ["region"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()


@admin.register(Program)
class ProgramAdmin(
    ServiceAdminMixin,
    PublishAdminMixin,
    DeletionReasonMixin,
    NormalizedSearchMixin,
    SimpleHistoryAdmin,
):
    publish_permission = "programs.publish_program"
    list_display = [
        "name",
        "focus_area",
        "year_start",
        "year_end",
        "lead_unit",
        "activity_count",
        "is_published",
    ]
    list_filter = ["focus_area", "is_published", "year_start"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["activities_link", "cover_preview"]
    inlines = [NewActivityInline]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "focus_area", "year_start", "year_end"]}),
        (_("单位与简介"), {"fields": ["lead_unit", "partner_units", "description"]}),
        (
            _("封面与发布"),
            {"fields": ["cover", "cover_preview", "is_published", "activities_link"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(activity_total=Count("activities"))

    @admin.display(description=_("活动数"), ordering="activity_total")
    def activity_count(self, obj: Program) -> int:
        return obj.activity_total

    @admin.display(description=_("本项目的活动"))
    def activities_link(self, obj: Program) -> str:
        if not obj.pk:
            return "—"
        url = reverse("admin:programs_activity_changelist") + f"?program__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("查看全部活动"))

    @admin.display(description=_("封面预览"))
    def cover_preview(self, obj: Program) -> str:
        return thumbnail(obj.cover, size=120)


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 1
    fields = ["image", "caption", "position"]


@admin.register(Activity)
class ActivityAdmin(
    LargeChangelistMixin,
    TabularAdminMixin,
    ScopedAdminMixin,
    PublishAdminMixin,
    DeletionReasonMixin,
    SimpleHistoryAdmin,
):
    publish_permission = "programs.publish_program"
    tabular_columns = tabular.COLUMNS
    importer_class = tabular.ActivityImporter
    export_queryset = tabular.export_queryset
    export_filename = "活动"
    list_display = [
        "date",
        "title",
        "program",
        "region",
        "kind",
        "sessions",
        "people_served",
        "amount_yuan",
        "jobs_offered",
    ]
    list_filter = ["kind", "program__focus_area", "program", "is_published"]
    list_select_related = ["program", "region"]
    search_fields = ["title", "program__name", "region__name"]
    autocomplete_fields = ["program", "region"]
    date_hierarchy = "date"
    inlines = [ActivityPhotoInline]
    list_per_page = 100


@admin.register(StockKind)
class StockKindAdmin(ServiceAdminMixin, SmallTableSearchMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "total_label", "focus_area"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(StockFigure)
class StockFigureAdmin(ScopedAdminMixin, PublishAdminMixin, SimpleHistoryAdmin):
    """Year-end figures by region: entered by a county, public (and counted in the report)
    once a reviewer publishes them, as activities are."""

    publish_permission = "programs.publish_program"
    list_display = ["kind", "region", "year", "value", "total", "rate_display", "is_published"]
    list_filter = ["kind", "year", "is_published"]
    list_select_related = ["kind", "region"]
    autocomplete_fields = ["kind", "region", "program"]
    search_fields = ["region__name", "kind__name"]

    @admin.display(description=_("比率"))
    def rate_display(self, obj: StockFigure) -> str:
        return "—" if obj.rate is None else f"{obj.rate:.1%}"
