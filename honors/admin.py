from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin import NormalizedSearchMixin, TabularAdminMixin, thumbnail
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
class RecipientAdmin(NormalizedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "gender", "ethnicity", "honor_count"]
    list_filter = ["kind", "gender"]
    fieldsets = [
        (None, {"fields": ["kind", "name", "gender", "ethnicity"]}),
        (_("个人信息（不公开）"), {"fields": ["id_number", "phone"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(honor_total=Count("honors"))

    @admin.display(description=_("获表彰次数"), ordering="honor_total")
    def honor_count(self, obj: Recipient) -> int:
        return obj.honor_total


@admin.register(Honor)
class HonorAdmin(TabularAdminMixin, NormalizedSearchMixin, admin.ModelAdmin):
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
    list_filter = ["year", "level", "status", "channel", "title", "recipient__kind"]
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
