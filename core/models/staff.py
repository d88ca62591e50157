"""Staff accounts' regions, and what they exported and imported."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models.regions import Region


class StaffProfile(models.Model):
    """The region a staff account works in: it sees and changes only that subtree."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所属地区"), on_delete=models.PROTECT, related_name="staff"
    )

    class Meta:
        verbose_name = _("工作人员地区")
        verbose_name_plural = _("工作人员地区")

    def __str__(self) -> str:
        return f"{self.user} · {self.region}"


class ExportLog(models.Model):
    """Who exported which staff list, when, with which filters and how many rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.PROTECT,
        related_name="export_logs",
    )
    created_at = models.DateTimeField(_("导出时间"), auto_now_add=True)
    model_label = models.CharField(_("数据"), max_length=64)
    file_format = models.CharField(_("格式"), max_length=8)
    filters = models.TextField(_("筛选条件"), blank=True)
    selected = models.BooleanField(_("仅所选记录"), default=False)
    row_count = models.PositiveIntegerField(_("行数"))
    with_private = models.BooleanField(_("含个人隐私信息"), default=False)

    class Meta:
        verbose_name = _("导出记录")
        verbose_name_plural = _("导出记录")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"], name="exportlog_created")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user} {self.model_label}"


class ImportJob(models.Model):
    """One uploaded file on its way in: checked (with progress), previewed, then committed."""

    class State(models.TextChoices):
        CHECKING = "checking", _("检查中")
        READY = "ready", _("待确认")
        # Taken by the one confirm that writes (a conditional UPDATE from READY): a second
        # confirm, or a double click, finds the job no longer ready and writes nothing.
        WRITING = "writing", _("写入中")
        DONE = "done", _("已导入")
        FAILED = "failed", _("失败")
        # Cancelled on its page, or left unconfirmed for a day: its file is deleted.
        CANCELLED = "cancelled", _("已取消")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    model_label = models.CharField(_("数据"), max_length=64)
    file_name = models.CharField(_("文件"), max_length=100)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices)
    rows_done = models.PositiveIntegerField(_("已检查行数"), default=0)
    rows_total = models.PositiveIntegerField(_("总行数"), default=0)
    result = models.JSONField(_("检查结果"), default=dict, blank=True)
    # Deliveries of the current step (check, or write) to a worker: a worker lost mid-job
    # leaves its task to be delivered again, and a third delivery fails the job
    # (core.imports.begin_attempt). 0 while the step waits in the queue.
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.model_label} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return 100 * self.rows_done // self.rows_total if self.rows_total else 0
