"""Staff exports and imports on a changelist (TabularAdminMixin)."""

import uuid

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import imports, privacy, tabular
from core.models import ExportLog, ImportJob


class TabularAdminMixin:
    """Staff exports and imports on a changelist, through the app's columns and importer.

    - Export the whole filtered changelist, or the selected rows (an action), as
      XLSX or CSV. Private columns go only to staff with the model's
      `view_private_fields` permission; every export is logged.
    - Import: upload → every row checked and shown as new / update / unchanged /
      error → confirm → all rows written in one transaction, or none.
    - The import template is the staff export's header row.
    """

    change_list_template = "admin/tabular_change_list.html"
    tabular_columns: list = []
    importer_class = None
    export_queryset = None
    export_filename = "export"
    actions = ["export_selected_xlsx", "export_selected_csv"]

    # ------------------------------------------------------------ exports

    def staff_columns(self, request):
        return tabular.staff_columns(
            self.tabular_columns,
            with_private=privacy.can_see_private(request.user, self.opts.app_label),
        )

    def export_response(self, request, queryset, file_format: str, *, selected: bool):
        columns = self.staff_columns(request)
        ExportLog.objects.create(
            user=request.user,
            model_label=self.opts.label,
            file_format=file_format,
            filters=request.GET.urlencode()[:2000],
            selected=selected,
            row_count=queryset.count(),
            with_private=any(column.private for column in columns),
        )
        rows = tabular.rows_for(type(self).export_queryset(queryset), columns)
        filename = f"{self.export_filename}-{timezone.localdate():%Y%m%d}"
        if file_format == "xlsx":
            notes = [
                (_("导出人"), request.user.get_username()),
                (_("筛选条件"), request.GET.urlencode()),
            ]
            return tabular.xlsx_response(rows, columns, notes, f"{filename}.xlsx")
        return tabular.csv_response(rows, columns, f"{filename}.csv")

    def export_view(self, request, file_format: str):
        if not self.has_view_or_change_permission(request) or file_format not in {"xlsx", "csv"}:
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request)
        return self.export_response(request, queryset, file_format, selected=False)

    @admin.action(description=_l("导出所选记录（Excel）"))
    def export_selected_xlsx(self, request, queryset):
        return self.export_response(request, queryset, "xlsx", selected=True)

    @admin.action(description=_l("导出所选记录（CSV）"))
    def export_selected_csv(self, request, queryset):
        return self.export_response(request, queryset, "csv", selected=True)

    def template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        columns = self.staff_columns(request)
        notes = [(_("说明"), _("第一行是列名，请从第二行起填写；带“地区代码”的行按代码匹配地区。"))]
        return tabular.xlsx_response([], columns, notes, f"{self.export_filename}-模板.xlsx")

    # ------------------------------------------------------------ imports

    def import_context(self, request, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("导入%(name)s") % {"name": self.opts.verbose_name},
            "template_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_import_template"
            ),
            "headers": tabular.headers(self.staff_columns(request)),
            **extra,
        }

    def check_import_permission(self, request) -> None:
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def import_view(self, request):
        """Upload a file; it is stored privately and checked, then shown on its job page."""
        self.check_import_permission(request)
        if request.method != "POST":
            return TemplateResponse(
                request, "admin/tabular_import.html", self.import_context(request)
            )
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise tabular.TableError(_("请选择要导入的文件。"))
            table = tabular.read_table(upload)
        except tabular.TableError as error:
            context = self.import_context(request, file_error=str(error))
            return TemplateResponse(request, "admin/tabular_import.html", context, status=400)
        upload.seek(0)
        suffix = ".xlsx" if upload.name.lower().endswith((".xlsx", ".xlsm")) else ".csv"
        job = ImportJob.objects.create(
            user=request.user,
            model_label=self.opts.label,
            file_name=imports.storage().save(f"{uuid.uuid4().hex}{suffix}", upload),
            state=ImportJob.State.CHECKING,
            rows_total=len(table.rows),
        )
        imports.start_check(
            job, self.importer_class, background=len(table.rows) > imports.INLINE_ROWS
        )
        return HttpResponseRedirect(self.job_url(job))

    def job_url(self, job: ImportJob) -> str:
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_import_job"
        return reverse(name, args=[job.pk])

    def import_job_view(self, request, job_id):
        """The job's progress while it is checked, its preview when ready; POST commits it."""
        self.check_import_permission(request)
        job = ImportJob.objects.filter(pk=job_id, model_label=self.opts.label).first()
        if job is None or (job.user_id != request.user.pk and not request.user.is_superuser):
            raise Http404
        imports.give_up_if_stalled(job)
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        if request.method == "POST" and "cancel" in request.POST:
            if imports.cancel(job):
                self.message_user(request, _("已取消导入，上传的文件已删除。"))
            elif job.state == ImportJob.State.WRITING:
                self.message_user(request, _("正在写入，已不能取消。"), messages.WARNING)
                return HttpResponseRedirect(self.job_url(job))
            return HttpResponseRedirect(changelist)
        if request.method == "POST" and "confirm" in request.POST:
            try:
                imports.confirm(job, self.importer_class)
            except imports.JobNotReady as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
                return HttpResponseRedirect(self.job_url(job))
            job.refresh_from_db()
            if job.state == ImportJob.State.DONE:  # written at once: tasks are eager here
                result = tabular.ImportResult.from_json(job.result)
                self.message_user(request, _("导入完成：%(summary)s") % {"summary": result.summary})
                return HttpResponseRedirect(changelist)
            # Queued for a worker: its page shows it being written, then the outcome.
            return HttpResponseRedirect(self.job_url(job))
        result = tabular.ImportResult.from_json(job.result) if job.result else None
        context = self.import_context(request, job=job, result=result)
        return TemplateResponse(request, "admin/tabular_import_job.html", context)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name=f"{prefix}_import"),
            path("import/<uuid:job_id>/", view(self.import_job_view), name=f"{prefix}_import_job"),
            path(
                "import-template.xlsx", view(self.template_view), name=f"{prefix}_import_template"
            ),
            path("export.<str:file_format>", view(self.export_view), name=f"{prefix}_export"),
            *super().get_urls(),
        ]
