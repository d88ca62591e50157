"""Admin for regions, and the admin pieces every record app shares."""

import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from simple_history.template_utils import HistoricalRecordContextHelper

from core import (
    cache,
    images,
    imports,
    objections,
    privacy,
    scoping,
    services,
    tabular,
    text,
    workflow,
)
from core.models import CalendarDay, ExportLog, ImportJob, Objection, Region
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
        words = text.search_words(search_term)
        if not words:
            return queryset, False
        for word in words:
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
        return scoping.scope_queryset(super().get_queryset(request), request.user)


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


class StaffHistoryContextHelper(HistoricalRecordContextHelper):
    """A history diff as staff read it: a choice as its label (公示中 → 已授予, not
    notice → conferred), and private fields masked for those who may not see them."""

    def __init__(self, model, record, *, masked: frozenset = frozenset()):
        super().__init__(model, record)
        self.masked = masked

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if change.field in self.masked:
            return privacy.MASKS[change.field](value or "")
        field = self.model._meta.get_field(change.field)
        if field.choices and value not in (None, ""):
            return dict(field.flatchoices).get(value, value)
        return "—" if value in (None, "") else value


class ServiceAdminMixin:
    """The admin as one door among others: its writes go through the app's services.

    Overrides `save_model`, `delete_model` and `delete_queryset` (the delete action), which
    Django's change, add, delete and simple-history's revert views call; `save_service` is
    the app's function (honors.services.save_honor …), core.services.save_record by default.
    A write the service refuses (another county's record) answers 403.
    """

    save_service = staticmethod(services.save_record)

    def get_historical_record_context_helper(self, request, historical_record):
        masked = frozenset()
        if not getattr(self, "can_see_private", lambda request: True)(request):
            masked = frozenset(getattr(self, "private_fields", ()))
        return StaffHistoryContextHelper(self.model, historical_record, masked=masked)

    def save_model(self, request, obj, form, change):
        self.save_service(obj, user=request.user, reason=getattr(obj, "_change_reason", ""))

    def delete_model(self, request, obj):
        services.delete_record(
            obj, user=request.user, reason=getattr(request, "_deletion_reason", "")
        )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ScopedAdminMixin(ServiceAdminMixin):
    """Limit a record admin to the staff member's region subtree, at every door.

    Changelists (the model's `in_region`), change/delete/history pages reached by URL
    (the record's `scope_regions`, core.scoping), actions, exports (they use the
    changelist's queryset) and the region choices of its forms. Writes are checked again
    by the service, whatever door they came through.
    """

    region_fields = ("region",)

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user)

    def object_in_scope(self, request, obj) -> bool:
        return obj is None or scoping.may_view(request.user, obj)

    def object_writable(self, request, obj) -> bool:
        return obj is None or scoping.may_write(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.object_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.object_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.object_writable(request, obj)

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


class WorkflowForm(forms.Form):
    """What some steps need: the notice's dates and contact, or a reason."""

    # Date inputs take ISO dates only: anything else (2026/12/03) the browser drops.
    notice_start = forms.DateField(
        label=_l("公示开始"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    notice_end = forms.DateField(
        label=_l("公示结束"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
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
        self.warnings = []
        if start and end:
            errors, self.warnings = workflow.check_notice_period(start, end)
            if errors:
                raise forms.ValidationError(errors)
        return data


class WorkflowAdminMixin:
    """Workflow steps as admin actions on many selected records at once."""

    review_permission = ""  # the app's, e.g. "<app>.review_<model>"
    workflow_readonly = [
        "status",
        "notice_start",
        "notice_end",
        "objection_contact",
        "revoked_reason",
        "rejected_reason",
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
            today = workflow.today()
            initial = {
                "notice_start": today,
                "notice_end": workflow.notice_end_after(today),
                "contact": self.last_objection_contact(queryset),
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
        for warning in result.warnings:
            self.message_user(request, warning, level=messages.WARNING)
        for record, why in result.refused[:20]:
            self.message_user(request, f"{record}：{why}", level=messages.WARNING)
        return None

    def last_objection_contact(self, queryset) -> str:
        """The contact of the last notice of the same title, else the configured one."""
        titles = queryset.values("title")
        last = (
            self.model._default_manager.filter(title__in=titles)
            .exclude(objection_contact="")
            .order_by("-notice_start", "-pk")
            .values_list("objection_contact", flat=True)
            .first()
        )
        return last or getattr(settings, "NOTICE_OBJECTION_CONTACT", "")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # After 退回修改 the editor reads why at the top of the form, not under 历史.
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        if obj is not None and obj.status == "rejected" and obj.rejected_reason:
            self.message_user(
                request,
                _("退回原因：%(reason)s") % {"reason": obj.rejected_reason},
                level=messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

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

    publish_permission = ""  # the app's, e.g. "<app>.publish_<model>"

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


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Days off and on the national calendar does not say (core.workdays)."""

    list_display = ["date", "is_workday", "note"]
    list_filter = ["is_workday"]
    date_hierarchy = "date"


class SettleForm(forms.Form):
    note = forms.CharField(
        label=_l("核查结论"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


@dataclass(frozen=True)
class SettleStep:
    name: str
    label: str
    upheld: bool


SETTLE_STEPS = {
    "uphold": SettleStep("uphold", _l("异议成立，退回"), True),
    "dismiss": SettleStep("dismiss", _l("异议不成立"), False),
}


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    """Objections sent from /notices/: reviewers of the record's region read and settle
    them (core.objections); nobody adds or edits one here."""

    list_display = ["created_at", "record_link", "name", "phone", "state"]
    list_filter = ["state"]
    readonly_fields = [
        "record_link",
        "name",
        "phone",
        "content",
        "state",
        "settled_note",
        "settled_by",
        "settled_at",
        "created_at",
    ]
    fields = readonly_fields
    actions = ["uphold", "dismiss"]

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user)

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or scoping.may_view(request.user, obj))

    @admin.display(description=_l("公示记录"))
    def record_link(self, obj) -> str:
        record = obj.record
        if record is None:
            return "—"
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, record)

    def _settle(self, request, queryset, name):
        step = SETTLE_STEPS[name]
        form = SettleForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": step.label,
                "step": step,
                "form": form,
                "records": queryset,
                "action": name,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/workflow_step.html", context)
        for objection in queryset:
            try:
                objections.settle_objection(
                    objection,
                    user=request.user,
                    upheld=step.upheld,
                    note=form.cleaned_data["note"],
                )
            except (PermissionDenied, ValidationError) as error:
                messages_ = getattr(error, "messages", [str(error)])
                self.message_user(request, f"{objection}：{'；'.join(messages_)}", messages.WARNING)
            else:
                self.message_user(request, f"{objection}：{step.label}")
        return None

    @admin.action(description=_l("异议成立，退回"))
    def uphold(self, request, queryset):
        return self._settle(request, queryset, "uphold")

    @admin.action(description=_l("异议不成立"))
    def dismiss(self, request, queryset):
        return self._settle(request, queryset, "dismiss")
