"""What the three record apps share: the region tree and the recognition workflow fields."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import text
from core.images import ThumbnailedImageField

FIRST_YEAR = 1949


class RegionQuerySet(models.QuerySet):
    def subtree(self, region: "Region") -> "RegionQuerySet":
        """The region and everything below it."""
        return self.filter(path__startswith=region.path)

    in_region = subtree  # the name every scoped queryset answers to (core.scoping)


class Region(models.Model):
    """A node of the administrative tree: city → county/zone → town → village.

    `path` holds the codes from the root down ("371600/371602/"), so that "this
    region and everything below it" is one indexed prefix query.
    """

    class Level(models.TextChoices):
        CITY = "city", _("市")
        COUNTY = "county", _("县（市、区）")
        ZONE = "zone", _("功能区")
        TOWN = "town", _("镇（街道）")
        VILLAGE = "village", _("村（社区）")

    code = models.CharField(
        _("区划代码"),
        max_length=12,
        unique=True,
        help_text=_("国家行政区划代码；功能区、镇街、村居使用同样格式的固定代码。"),
        validators=[
            RegexValidator(r"^\d{6}(\d{6})?$", _("区划代码应为6位或12位数字。")),
        ],
    )
    name = models.CharField(_("名称"), max_length=64)
    name_hant = models.CharField(_("繁体名称"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    level = models.CharField(_("层级"), max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("路径"), max_length=255, unique=True, editable=False)
    search_text = models.CharField(max_length=200, editable=False, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["path"]
        indexes = [
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%'.
            models.Index(
                fields=["path"], name="region_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["level", "name"], name="region_level_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=False) | Q(level="city"),
                name="region_only_city_is_root",
                violation_error_message=_("只有市级地区可以没有上级。"),
            ),
            models.CheckConstraint(
                condition=~Q(code=""),
                name="region_code_not_empty",
                violation_error_message=_("区划代码不能为空。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # The path follows the parent (and the code); a region that moves takes its whole
        # subtree with it — towns, villages — in one UPDATE, so every record counted in
        # them is counted under the new parent at once.
        stored = (
            Region.objects.filter(pk=self.pk).values_list("path", flat=True).first()
            if self.pk
            else None
        )
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        self.search_text = f"{text.normalize_for_search(self.name)} {self.code}"
        with transaction.atomic():
            super().save(*args, **kwargs)
            if stored and stored != self.path:
                Region.objects.filter(path__startswith=stored).exclude(pk=self.pk).update(
                    path=Concat(Value(self.path), Substr("path", len(stored) + 1))
                )

    def get_absolute_url(self) -> str:
        return reverse("region-detail", args=[self.code])

    def clean(self):
        super().clean()
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("不能把地区移到它自己或它的下级之下。")})

    @property
    def ancestor_codes(self) -> list[str]:
        return [code for code in self.path.split("/") if code]


class Level(models.TextChoices):
    """The level at which an honour or family title is conferred."""

    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class NameOrder(models.TextChoices):
    """How a title's list orders people's names (core/strokes.py)."""

    SURNAME = text.GAP, _("按姓氏笔画")
    FULL_NAME = text.NO_GAP, _("按姓名笔画")


NAME_ORDER_HELP = _(
    "按姓氏笔画：同姓者单名在前（王伟在王书茂前），党代会、妇联名单的排法；"
    "按姓名笔画：逐字比较笔画，不计空格（人大代表名单的排法）。"
)


class Status(models.TextChoices):
    """Where a nominated honour or family stands; only CONFERRED is public."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交审核")
    NOTICE = "notice", _("公示中")
    CONFERRED = "conferred", _("已授予")
    REJECTED = "rejected", _("未通过")
    REVOKED = "revoked", _("已撤销")


class Authored(models.Model):
    """Who entered a record and who last changed it: the two who may not approve it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("最后修改人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def touched_by(self, user) -> bool:
        return user.pk is not None and user.pk in (self.created_by_id, self.updated_by_id)

    def scope_regions(self) -> list["Region"]:
        """The regions that place this record, for scope (core.scoping): a record without
        a region (a program) is the city's."""
        region = getattr(self, "region", None)
        return [region] if region is not None else []


class RecognitionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Status.CONFERRED)

    def in_region(self, region: Region):
        return self.filter(region__path__startswith=region.path)

    def in_notice(self, day):
        """In public notice on `day`: its period has started and not yet ended."""
        return self.filter(status=Status.NOTICE, notice_start__lte=day, notice_end__gte=day)


class Recognition(Authored):
    """Fields an honour and a family title share: level, year, region, review and notice."""

    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    region = models.ForeignKey(
        Region, verbose_name=_("所属地区"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    notice_start = models.DateField(_("公示开始"), null=True, blank=True)
    notice_end = models.DateField(_("公示结束"), null=True, blank=True)
    objection_contact = models.CharField(
        _("异议联系方式"), max_length=200, blank=True, help_text=_("公示期间受理异议的部门和电话。")
    )
    # When the notice went up on /notices/: conferral needs it up for the whole period.
    notice_published_at = models.DateTimeField(_("公示发布时间"), null=True, blank=True)
    revoked_reason = models.TextField(_("撤销原因"), blank=True)
    rejected_reason = models.TextField(_("退回原因"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RecognitionQuerySet.as_manager()

    # Fields only the workflow's steps change (core.workflow); an edit, a history revert or
    # an import keeps what is stored (core.services).
    workflow_fields = (
        "status",
        "notice_start",
        "notice_end",
        "notice_published_at",
        "objection_contact",
        "revoked_reason",
        "rejected_reason",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=2100),
                name="%(app_label)s_%(class)s_year_range",
                violation_error_message=_("年度应在1949年至2100年之间。"),
            ),
            models.CheckConstraint(
                condition=Q(notice_end__isnull=True)
                | Q(notice_start__isnull=True)
                | Q(notice_end__gte=models.F("notice_start")),
                name="%(app_label)s_%(class)s_notice_ends_after_start",
                violation_error_message=_("公示结束日期不能早于开始日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="notice")
                | (Q(notice_start__isnull=False) & Q(notice_end__isnull=False)),
                name="%(app_label)s_%(class)s_notice_has_dates",
                violation_error_message=_("公示中的记录需要填写公示开始和结束日期。"),
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(revoked_reason=""),
                name="%(app_label)s_%(class)s_revoked_has_reason",
                violation_error_message=_("撤销时需要填写撤销原因。"),
            ),
        ]


def photo_upload_to(instance: models.Model, filename: str) -> str:
    """A generated path: the uploader's file name is never used or kept."""
    suffix = PurePath(filename).suffix.lower()[:5]
    folder = instance._meta.label_lower.replace(".", "/")
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


class Photo(models.Model):
    """A photo attached to a record, shown in the order staff give."""

    image = ThumbnailedImageField(
        _("照片"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("宽度"), editable=False, default=0)
    height = models.PositiveIntegerField(_("高度"), editable=False, default=0)
    caption = models.CharField(_("说明"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


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


class CalendarDay(models.Model):
    """A day off or on that the national calendar does not say: a local holiday, or a year
    the calendar package does not know yet (core.workdays)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"), help_text=_("调休上班选是；放假选否。"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.note}"


class ObjectionQuerySet(models.QuerySet):
    def for_record(self, record):
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk)

    def in_region(self, region: Region):
        """Objections to records of the region's subtree (each record model's in_region)."""
        in_subtree = Q(pk__in=[])
        for content_type_id in self.values_list("content_type", flat=True).distinct():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            records = model._default_manager.in_region(region).values("pk")
            in_subtree |= Q(content_type_id=content_type_id, object_id__in=records)
        return self.filter(in_subtree)


class Objection(models.Model):
    """An objection to a record in public notice, sent by a named person (实名) from
    /notices/. Private: only reviewers of the record's region see it; while one is open
    the record cannot be conferred (core.workflow)."""

    class State(models.TextChoices):
        OPEN = "open", _("待核查")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("异议人姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    content = models.TextField(_("异议内容"), max_length=2000)
    state = models.CharField(_("处理状态"), max_length=10, choices=State.choices, default="open")
    settled_note = models.TextField(_("核查结论"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核查人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="objection_record")]

    def __str__(self) -> str:
        return f"{self.record} · {self.name}"

    def scope_regions(self) -> list:
        record = self.record
        return record.scope_regions() if record is not None else []
