"""The admin of the notice rules: days off and on, and objections to settle."""

from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _l

from core import objections, scoping
from core.models import CalendarDay, Objection


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
