from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core import scoping
from core.admin import (
    CachedValuesListFilter,
    DeletionReasonMixin,
    LargeChangelistMixin,
    NormalizedSearchMixin,
    PrivateFieldsMixin,
    ScopedAdminMixin,
    TabularAdminMixin,
    WorkflowAdminMixin,
    thumbnail,
)
from honors import tabular
from honors.models import Honor, HonorTitle, Recipient


@admin.register(HonorTitle)
class HonorTitleAdmin(admin.ModelAdmin):
    list_display = ["name", "recipient_kind", "rank", "slug"]
    list_editable = ["rank"]
    list_filter = ["recipient_kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Recipient)
class RecipientAdmin(PrivateFieldsMixin, NormalizedSearchMixin, SimpleHistoryAdmin):
    """A person or collective; a county's staff see those honoured in their county, and
    recipients not yet honoured (just entered)."""

    list_display = ["name", "kind", "gender", "ethnicity", "honor_count"]
    list_filter = ["kind", "gender"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "gender", "ethnicity"]}),
        (_("个人信息（不公开）"), {"fields": ["id_number", "phone"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        scope = scoping.staff_region(request.user)
        if scope is not None:
            in_scope = Q(honors__region__path__startswith=scope.path) | Q(honors__isnull=True)
            queryset = queryset.filter(pk__in=queryset.model.objects.filter(in_scope).values("pk"))
        return queryset.annotate(honor_total=Count("honors"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    @admin.display(description=_("获表彰次数"), ordering="honor_total")
    def honor_count(self, obj: Recipient) -> int:
        return obj.honor_total


@admin.register(Honor)
class HonorAdmin(
    LargeChangelistMixin,
    TabularAdminMixin,
    ScopedAdminMixin,
    WorkflowAdminMixin,
    DeletionReasonMixin,
    NormalizedSearchMixin,
    SimpleHistoryAdmin,
):
    review_permission = "honors.review_honor"
    tabular_columns = tabular.COLUMNS
    importer_class = tabular.HonorImporter
    export_queryset = tabular.export_queryset
    export_filename = "表彰记录"
    list_display = [
        "recipient",
        "title",
        "level",
        "year",
        "region",
        "unit",
        "channel",
        "status",
        "photo_thumbnail",
    ]
    list_filter = [
        ("year", CachedValuesListFilter),
        "level",
        "status",
        "channel",
        "title",
        "recipient__kind",
    ]
    list_select_related = ["recipient", "title", "region"]
    autocomplete_fields = ["title", "recipient", "region"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "level", "year", "channel", "recipient", "region"]}),
        (_("名单信息"), {"fields": ["unit", "post", "conferring_body", "document_number"]}),
        (_("事迹与照片"), {"fields": ["deeds", "photo"]}),
        (
            _("审核与公示"),
            {
                "fields": [
                    "status",
                    "notice_start",
                    "notice_end",
                    "objection_contact",
                    "revoked_reason",
                ]
            },
        ),
    ]

    @admin.display(description=_("照片"))
    def photo_thumbnail(self, obj: Honor) -> str:
        return thumbnail(obj.photo)
