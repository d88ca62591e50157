"""What the record apps share: levels, statuses, authorship, the recognition workflow fields
and photos."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import text
from core.images import ThumbnailedImageField
from core.models.regions import Region

FIRST_YEAR = 1949


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

    def of_notice(self, *, title_slug: str, year: int, level: str, start):
        """What one 公示 document lists: the candidates of a title, year and level whose notice
        began on `start` and was published — in notice still, or conferred after it (one
        withdrawn on an objection loses her notice dates and leaves the list)."""
        return self.filter(
            title__slug=title_slug,
            year=year,
            level=level,
            notice_start=start,
            notice_published_at__isnull=False,
            status__in=[Status.NOTICE, Status.CONFERRED],
        )


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
