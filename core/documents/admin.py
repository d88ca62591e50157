"""Certificates in the admin: the template admin with a preview of the first page, and the
action that prints the certificates of the selected (or all filtered) records.

Kept here, beside the rendering, so core/admin (the lead's workflow and lists) stays as it
is; honors/admin.py and families/admin.py add CertificateActionMixin to their admins.
"""

import tempfile

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.clickjacking import xframe_options_sameorigin

from core import tabular
from core.documents.certificates import Certificate, render_chunk, write_certificates
from core.documents.printing import sources
from core.models import CertificateField, CertificateTemplate, ExportLog


class CertificateFieldInline(admin.TabularInline):
    model = CertificateField
    extra = 0
    fields = ["kind", "x_mm", "y_mm", "width_mm", "size_pt", "align"]


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    """A certificate template per title; the change page shows the first page as printed."""

    list_display = ["name", "honor_title", "family_title", "page_size", "font"]
    list_select_related = ["honor_title", "family_title"]
    inlines = [CertificateFieldInline]
    readonly_fields = ["preview"]

    class Media:
        css = {"all": ["css/certificate-admin.css"]}

    fieldsets = [
        (None, {"fields": ["name", "honor_title", "family_title"]}),
        (
            _l("版式"),
            {"fields": ["page_width_mm", "page_height_mm", "background", "font"]},
        ),
        (_l("内容"), {"fields": ["name_suffix", "wording", "issue_date", "preview"]}),
    ]

    @admin.display(description=_l("纸张"))
    def page_size(self, template: CertificateTemplate) -> str:
        return f"{template.page_width_mm}×{template.page_height_mm}"

    @admin.display(description=_l("预览"))
    def preview(self, template: CertificateTemplate) -> str:
        if not template.pk:
            return _("保存后可预览第一页。")
        url = reverse("admin:core_certificatetemplate_preview", args=[template.pk])
        return format_html(
            '<a href="{}" target="_blank">{}</a><br><iframe src="{}" class="certificate-preview"'
            ' title="{}"></iframe>',
            url,
            _("在新窗口打开第一页（PDF）"),
            url,
            _("证书预览"),
        )

    def get_urls(self):
        # Shown inside the template's own change page: this site may frame it, nobody else.
        frameable = csp_replace({"frame-ancestors": [SELF]})(self.preview_view)
        view = self.admin_site.admin_view(xframe_options_sameorigin(frameable))
        return [
            path("<int:pk>/preview.pdf", view, name="core_certificatetemplate_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        template = get_object_or_404(CertificateTemplate, pk=pk)
        if not self.has_view_or_change_permission(request, template):
            raise PermissionDenied
        response = tabular.pdf_response(
            render_chunk([first_certificate(template)]), f"{template.name}-预览.pdf"
        )
        response["Content-Disposition"] = response["Content-Disposition"].replace(
            "attachment", "inline", 1
        )
        return response


def first_certificate(template: CertificateTemplate) -> Certificate:
    """The certificate the template prints first: its title's first conferred record in
    the official order, or a sample when there is none yet."""
    for label, source in sources().items():
        title_id = template.honor_title_id if label == "honors" else template.family_title_id
        if title_id:
            queryset = source.public_queryset().filter(title_id=title_id)
            latest = queryset.order_by("-year").values_list("year", flat=True).first()
            if latest is not None:
                first = next(iter(source.certificates(queryset.filter(year=latest))), None)
                if first is not None:
                    first.template = template
                    return first
    title = template.honor_title or template.family_title
    return Certificate(
        name="王\u3000芳",  # a sample: the records' own language, not the interface's
        title=title.name if title else "三八红旗手",
        level="市级",
        year=timezone.localdate().year,
        body="市妇联",
        document_number="",
        template=template,
    )


# The action renders in the request (about 27 s a thousand): more goes to the command.
MAX_ACTION_CERTIFICATES = 2000


class CertificateActionMixin:
    """Adds 打印荣誉证书 to a record admin: one PDF, one page per conferred record of the
    selection (or of the whole filtered list with 选择全部), in the official order; logged
    in ExportLog as exports are. The app declares its certificates on its AppConfig."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_view_or_change_permission(request):
            actions["print_certificates"] = (
                CertificateActionMixin.print_certificates,
                "print_certificates",
                _l("打印荣誉证书（PDF）"),
            )
        return actions

    def print_certificates(self, request, queryset):
        source = sources()[self.opts.app_label]
        certificates = list(source.certificates(queryset))
        if len(certificates) > MAX_ACTION_CERTIFICATES:
            message = _(
                "所选记录有%(count)s张证书，超过一次打印的上限%(limit)s张："
                "请缩小筛选范围，或用命令 print_certificates 打印。"
            ) % {"count": len(certificates), "limit": MAX_ACTION_CERTIFICATES}
            self.message_user(request, message, messages.ERROR)
            return None
        if not certificates:
            self.message_user(
                request, _("所选记录中没有已授予的记录，未生成证书。"), messages.WARNING
            )
            return None
        ExportLog.objects.create(
            user=request.user,
            model_label=self.opts.label,
            file_format="pdf",
            filters=request.GET.urlencode()[:2000],
            selected=request.POST.get("select_across") != "1",
            row_count=len(certificates),
            with_private=False,
        )
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
        write_certificates(certificates, spool)
        spool.seek(0)
        filename = _("荣誉证书-%(date)s.pdf") % {"date": f"{timezone.localdate():%Y%m%d}"}
        return tabular.pdf_response(spool, filename)
