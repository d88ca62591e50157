from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

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
from families import services, tabular
from families.models import Family, FamilyPhoto, FamilyTitle


@admin.register(FamilyTitle)
class FamilyTitleAdmin(ServiceAdminMixin, SmallTableSearchMixin, admin.ModelAdmin):
    save_service = staticmethod(services.save_family_title)
    list_display = ["name", "is_household", "rank", "slug"]
    list_editable = ["rank"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class FamilyPhotoInline(admin.TabularInline):
    model = FamilyPhoto
    extra = 1
    fields = ["image", "preview", "caption", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("预览"))
    def preview(self, obj: FamilyPhoto) -> str:
        return thumbnail(obj.image, size=80)


@admin.register(Family)
class FamilyAdmin(
    CertificateActionMixin,
    LargeChangelistMixin,
    TabularAdminMixin,
    PrivateFieldsMixin,
    ScopedAdminMixin,
    WorkflowAdminMixin,
    DeletionReasonMixin,
    NormalizedSearchMixin,
    SimpleHistoryAdmin,
):
    review_permission = "families.review_family"
    private_fields = ("phone", "address", "id_number")
    tabular_columns = tabular.COLUMNS
    importer_class = tabular.FamilyImporter
    export_queryset = tabular.export_queryset
    export_filename = "家庭"
    list_display = [
        "name_column",
        "title",
        "tier",
        "family_type",
        "level",
        "year",
        "region_column",
        "status",
        "photo_thumbnail",
    ]
    list_filter = [
        ("year", CachedValuesListFilter),
        "level",
        "status",
        "title",
        "tier",
        "family_type",
    ]
    list_select_related = ["title", "region"]
    autocomplete_fields = ["title", "region"]
    inlines = [FamilyPhotoInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "tier", "family_type", "level", "year", "region"]}),
        (_("家庭与事迹"), {"fields": ["name", "members", "conferring_body", "story"]}),
        (_("联系信息（不公开）"), {"fields": ["phone", "address", "id_number"]}),
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

    def get_queryset(self, request):
        # One query for all thumbnails on the page, whatever its length.
        return super().get_queryset(request).prefetch_related("photos")

    name_column = short_column("name", _("姓名"), ordering="stroke_key")
    region_column = short_column("region", _("地区"), ordering="region__code")

    @admin.display(description=_("照片"))
    def photo_thumbnail(self, obj: Family) -> str:
        photos = list(obj.photos.all())
        return thumbnail(photos[0].image if photos else None)
