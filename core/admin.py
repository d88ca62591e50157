"""Admin for regions, and the admin pieces every record app shares."""

import uuid

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import cache, images, imports, privacy, scoping, tabular, text, workflow
from core.models import ExportLog, ImportJob, Region
from core.pagination import KeysFirstPaginator


def thumbnail(image, size: int = 48) -> str:
    """An <img> for a changelist cell, or a dash when there is no image."""
    if not image:
        return "—"
    # The small thumbnail, never the full photo; attributes, not a style attribute,
    # since the Content-Security-Policy allows no inline styles.
    small = images.thumbnail(image, size)
    return format_html(
        '<img src="{}" alt="" loading="lazy" width="{}" height="{}">', small.url, size, size
    )


class NormalizedSearchMixin:
    """Admin search over a stored `search_text` column, simplified and traditional alike.

    The typed term is normalised the same way the column was (OpenCC t2s and
    case folding), so 刘 finds 劉 and 滨城区 finds 濱城區.
    """

    search_fields = ["search_text"]

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        term = text.normalize_for_search(search_term)
        if not term:
            return queryset, False
        for word in term.split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False


class LargeChangelistMixin:
    """Changelists of hundreds of thousands of rows (honours, families, activities).

    One COUNT over the filtered rows, cached per data version (the unfiltered total
    would cost another); pages read keys first, the last from the far end; the
    years in the filter, cached likewise.
    """

    paginator = KeysFirstPaginator
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return KeysFirstChangeList


class KeysFirstChangeList(ChangeList):
    """A one-page list is read like any other page (keys, then rows), so the queries a
    changelist runs are the same however many rows it holds."""

    def get_results(self, request):
        super().get_results(request)
        if not self.multi_page and not self.show_all:
            self.result_list = self.paginator.page(1).object_list


class CachedValuesListFilter(admin.AllValuesFieldListFilter):
    """The distinct values of a field in the staff member's records (their region's),
    read once per data version instead of with a SELECT DISTINCT on every page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        values = self.lookup_choices
        key = cache.queryset_key(values)
        if key is not None:
            self.lookup_choices = cache.remember("admin-values", lambda: list(values), *key)


@admin.register(Region)
class RegionAdmin(NormalizedSearchMixin, admin.ModelAdmin):
    """Regions; a county's staff see (and pick, in autocompletes) only their subtree."""

    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["path"]
    fields = ["code", "name", "name_en", "level", "parent", "path"]
    list_per_page = 100

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user, "path")


admin.site.empty_value_display = "—"


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

    @admin.action(description=_("导出所选记录（Excel）"))
    def export_selected_xlsx(self, request, queryset):
        return self.export_response(request, queryset, "xlsx", selected=True)

    @admin.action(description=_("导出所选记录（CSV）"))
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
        if request.method == "POST" and "cancel" in request.POST:
            if imports.cancel(job):
                self.message_user(request, _("已取消导入，上传的文件已删除。"))
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        if request.method == "POST" and "confirm" in request.POST:
            try:
                result = imports.commit(job, self.importer_class)
            except imports.JobNotReady as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
                return HttpResponseRedirect(self.job_url(job))
            if result.committed:
                self.message_user(request, _("导入完成：%(summary)s") % {"summary": result.summary})
                return HttpResponseRedirect(
                    reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                )
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


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "user",
        "model_label",
        "file_format",
        "row_count",
        "with_private",
        "selected",
    ]
    list_filter = ["model_label", "file_format", "with_private"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedAdminMixin:
    """Limit a record admin to the staff member's region subtree, at every door.

    Changelists, change/delete/history pages reached by URL, actions, exports
    (they use the changelist's queryset) and the region choices of its forms.
    `scope_path` is the lookup of the region path that places a record.
    """

    scope_path = "region__path"
    region_fields = ("region",)

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user, self.scope_path)

    def record_region(self, obj):
        return getattr(obj, "region", None)

    def object_in_scope(self, request, obj) -> bool:
        return obj is None or scoping.in_scope(request.user, self.record_region(obj))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.object_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.object_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.object_in_scope(request, obj)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # simple-history falls back to the historical copy of a record the queryset hides.
        allowed = super().has_view_history_or_change_history_permission(request, obj)
        return allowed and self.object_in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.region_fields:
            scope = scoping.staff_region(request.user)
            if scope is not None:
                kwargs["queryset"] = Region.objects.subtree(scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and hasattr(obj, "created_by_id"):
            obj.created_by = request.user
        if hasattr(obj, "updated_by_id"):
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class WorkflowForm(forms.Form):
    """What some steps need: the notice's dates and contact, or a reason."""

    notice_start = forms.DateField(
        label=_l("公示开始"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notice_end = forms.DateField(
        label=_l("公示结束"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    contact = forms.CharField(label=_l("异议联系方式"), required=False, max_length=200)
    reason = forms.CharField(
        label=_l("原因"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step.needs_notice:
            for name in ("notice_start", "notice_end", "contact"):
                self.fields[name].required = True
            del self.fields["reason"]
        else:
            for name in ("notice_start", "notice_end", "contact"):
                del self.fields[name]
            self.fields["reason"].required = step.needs_reason
            if not step.needs_reason:
                del self.fields["reason"]

    def clean(self):
        data = super().clean()
        start, end = data.get("notice_start"), data.get("notice_end")
        if start and end and end < start:
            raise forms.ValidationError(_("公示结束日期不能早于开始日期。"))
        return data


class WorkflowAdminMixin:
    """Workflow steps as admin actions on many selected records at once."""

    review_permission = ""  # e.g. "honors.review_honor"
    workflow_readonly = [
        "status",
        "notice_start",
        "notice_end",
        "objection_contact",
        "revoked_reason",
    ]

    def get_readonly_fields(self, request, obj=None):
        # Status moves only through the workflow's steps.
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly]

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deleting asks for a reason, one record at a time
        for name, step in workflow.STEPS.items():
            if step.needs_review and not request.user.has_perm(self.review_permission):
                continue
            action = self._step_action(name)
            actions[f"workflow_{name}"] = (action, f"workflow_{name}", step.label)
        return actions

    def _step_action(self, name):
        def action(modeladmin, request, queryset):
            return modeladmin.take_step(request, queryset, name)

        return action

    def take_step(self, request, queryset, name):
        step = workflow.STEPS[name]
        if (step.needs_notice or step.needs_reason) and "apply" not in request.POST:
            today = timezone.localdate()
            initial = {
                "notice_start": today,
                "notice_end": workflow.notice_end_after(today),
                "contact": getattr(settings, "NOTICE_OBJECTION_CONTACT", ""),
            }
            return self.render_step_form(
                request, queryset, step, WorkflowForm(initial=initial, step=step)
            )
        form = WorkflowForm(request.POST if "apply" in request.POST else None, step=step)
        if (step.needs_notice or step.needs_reason) and not form.is_valid():
            return self.render_step_form(request, queryset, step, form)
        data = form.cleaned_data if form.is_bound else {}
        result = workflow.apply_step(
            list(queryset),
            name,
            user=request.user,
            can_review=request.user.has_perm(self.review_permission),
            notice_start=data.get("notice_start"),
            notice_end=data.get("notice_end"),
            contact=data.get("contact", ""),
            reason=data.get("reason", ""),
        )
        if result.moved:
            self.message_user(
                request, _("%(step)s：%(n)s 条记录") % {"step": step.label, "n": len(result.moved)}
            )
        for record, why in result.refused[:20]:
            self.message_user(request, f"{record}：{why}", level=messages.WARNING)
        return None

    def render_step_form(self, request, queryset, step, form):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": step.label,
            "step": step,
            "form": form,
            "records": queryset,
            "action": f"workflow_{step.name}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workflow_step.html", context)


class DeletionReasonMixin:
    """Deleting a conferred or published record asks for a reason; history keeps it restorable."""

    delete_confirmation_template = "admin/delete_with_reason.html"

    def needs_reason(self, obj) -> bool:
        return getattr(obj, "status", None) == "conferred" or getattr(obj, "is_published", False)

    def delete_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "reason_error": ""}
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            reason = request.POST.get("reason", "").strip()
            if obj is not None and self.needs_reason(obj) and not reason:
                # Show the confirmation again, with the message, as for a GET.
                request.method, request.POST = "GET", QueryDict()
                extra_context["reason_error"] = _("删除已公开的记录需要填写原因。")
            else:
                request._deletion_reason = reason
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        obj._change_reason = getattr(request, "_deletion_reason", "") or _("删除")
        super().delete_model(request, obj)


class PrivateFieldsMixin:
    """ID numbers, phones and addresses in full only for staff with the permission.

    Others see them masked (3716**********123X) and read-only; they never see
    them in a list or an export either (TabularAdminMixin drops the columns).
    """

    private_fields = ("id_number", "phone")

    def can_see_private(self, request) -> bool:
        return privacy.can_see_private(request.user, self.opts.app_label)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.can_see_private(request):
            return fieldsets
        return [
            (name, {**options, "fields": [self._masked_name(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_see_private(request):
            readonly += [f"masked_{name}" for name in self.private_fields]
        return readonly

    def _masked_name(self, field: str) -> str:
        return f"masked_{field}" if field in self.private_fields else field

    @admin.display(description=_l("身份证号码"))
    def masked_id_number(self, obj) -> str:
        return privacy.mask_id_number(obj.id_number) if obj else ""

    @admin.display(description=_l("联系电话"))
    def masked_phone(self, obj) -> str:
        return privacy.mask_phone(obj.phone) if obj else ""

    @admin.display(description=_l("家庭住址"))
    def masked_address(self, obj) -> str:
        return privacy.mask_address(obj.address) if obj else ""


class PublishAdminMixin:
    """Publish and withdraw as actions, for reviewers, under the four-eyes rule."""

    publish_permission = "programs.publish_program"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "is_published"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if request.user.has_perm(self.publish_permission):
            actions["publish"] = (PublishAdminMixin.publish, "publish", _l("发布"))
            actions["withdraw"] = (PublishAdminMixin.withdraw, "withdraw", _l("撤回发布"))
        return actions

    def _set_published(self, request, queryset, published: bool):
        result = workflow.set_published(
            list(queryset),
            published,
            user=request.user,
            can_publish=request.user.has_perm(self.publish_permission),
        )
        if result.moved:
            self.message_user(request, _("已处理 %(n)s 条记录") % {"n": len(result.moved)})
        for record, why in result.refused[:20]:
            self.message_user(request, f"{record}：{why}", level=messages.WARNING)

    def publish(self, request, queryset):
        self._set_published(request, queryset, True)

    def withdraw(self, request, queryset):
        self._set_published(request, queryset, False)
