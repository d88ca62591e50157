"""Workflow steps, publication and deletion with a reason, as admin actions and pages.

WorkflowAdminMixin overrides get_readonly_fields, get_actions and change_view;
PublishAdminMixin get_readonly_fields and get_actions; DeletionReasonMixin delete_view.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import helpers
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from core import workflow


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
