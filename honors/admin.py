from django.contrib import admin
from django.db.models import Count
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
    ServiceAdminMixin,
    SmallTableSearchMixin,
    TabularAdminMixin,
    WorkflowAdminMixin,
    short_column,
    thumbnail,
)
from core.documents.admin import CertificateActionMixin  # also registers the templates
from honors import services, tabular
from honors.models import Honor, HonorTitle, Recipient


@admin.register(HonorTitle)
class HonorTitleAdmin(ServiceAdminMixin, SmallTableSearchMixin, admin.ModelAdmin):
    save_service = staticmethod(services.save_honor_title)
    list_display = ["name", "recipient_kind", "rank", "slug"]
    list_editable = ["rank"]
    list_filter = ["recipient_kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Recipient)
class RecipientAdmin(
    PrivateFieldsMixin, ScopedAdminMixin, NormalizedSearchMixin, SimpleHistoryAdmin
):
    """A person or collective; a county's staff see those honoured in their county and
    those their county entered and has not honoured yet (Recipient.objects.in_region), and
    change only those honoured nowhere else."""

    save_service = staticmethod(services.save_recipient)
    region_fields = ()
    list_display = ["name", "kind", "gender", "ethnicity", "honor_count"]
    list_filter = ["kind", "gender"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "name_pinyin", "gender", "ethnicity"]}),
        (_("个人信息（不公开）"), {"fields": ["id_number", "phone"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(honor_total=Count("honors"))

    @admin.display(description=_("获表彰次数"), ordering="honor_total")
    def honor_count(self, obj: Recipient) -> int:
        return obj.honor_total


@admin.register(Honor)
class HonorAdmin(
    CertificateActionMixin,
    LargeChangelistMixin,
    TabularAdminMixin,
    ScopedAdminMixin,
    WorkflowAdminMixin,
    DeletionReasonMixin,
    NormalizedSearchMixin,
    SimpleHistoryAdmin,
):
    save_service = staticmethod(services.save_honor)
    review_permission = "honors.review_honor"
    tabular_columns = tabular.COLUMNS
    importer_class = tabular.HonorImporter
    export_queryset = tabular.export_queryset
    export_filename = "表彰记录"
    list_display = [
        "recipient_column",
        "title",
        "level",
        "year",
        "region_column",
        "unit_column",
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
                    "rejected_reason",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # An honour names only a recipient the account may see (no adopting by id).
        if db_field.name == "recipient":
            kwargs["queryset"] = scoping.scope_queryset(Recipient.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    recipient_column = short_column("recipient", _("对象"), ordering="recipient__stroke_key")
    region_column = short_column("region", _("地区"), ordering="region__code")
    unit_column = short_column("unit", _("单位"))

    @admin.display(description=_("照片"))
    def photo_thumbnail(self, obj: Honor) -> str:
        return thumbnail(obj.photo)
