"""The year's figures, defined as data: what each counts, and how it is written.

A report counts activities, stock figures, honours and families, so this app
refers to the three record apps; they never refer to it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Level
from families.models import FamilyTitle
from honors.models import Channel, HonorTitle
from programs.models import ActivityKind, FocusArea, Program, StockKind


class Source(models.TextChoices):
    ACTIVITIES = "activities", _("活动")
    STOCK = "stock", _("存量指标")
    HONORS = "honors", _("表彰")
    FAMILIES = "families", _("家庭")


class Measure(models.TextChoices):
    COUNT = "count", _("记录数")
    SESSIONS = "sessions", _("场次（期）合计")
    PEOPLE = "people_served", _("服务人次合计")
    AMOUNT = "amount_yuan", _("金额（元）合计")
    JOBS = "jobs_offered", _("岗位合计")
    VALUE = "value", _("存量数值合计")
    RATE = "rate", _("存量比率（数值÷总数）")


# Which measures make sense for which source.
MEASURES_BY_SOURCE = {
    Source.ACTIVITIES: {
        Measure.COUNT,
        Measure.SESSIONS,
        Measure.PEOPLE,
        Measure.AMOUNT,
        Measure.JOBS,
    },
    Source.STOCK: {Measure.VALUE, Measure.RATE},
    Source.HONORS: {Measure.COUNT},
    Source.FAMILIES: {Measure.COUNT},
}


class FigureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Figure(models.Model):
    """One figure of the annual report, e.g. 巾帼宣讲线下活动 762场次.

    Staff define it in the admin: the records it counts (source and filters),
    how (measure), and how it is written (unit, 万, rounding with 余, phrase).
    """

    focus_area = models.CharField(_("工作领域"), max_length=12, choices=FocusArea.choices)
    position = models.PositiveSmallIntegerField(_("顺序"), default=100)
    label = models.CharField(_("名称"), max_length=100)
    label_hant = models.CharField(_("繁体名称"), max_length=100, blank=True)
    label_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    unit = models.CharField(
        _("单位"), max_length=12, blank=True, help_text=_("如：场次、人次、万元的“元”、个。")
    )
    unit_en = models.CharField(
        _("英文单位"), max_length=30, blank=True, help_text=_("如：sessions、people。")
    )
    phrase = models.CharField(
        _("新闻稿句子"),
        max_length=200,
        blank=True,
        help_text=_(
            "用 {value} 表示数字和单位的位置，如“全年累计开展巾帼宣讲线下活动{value}”"
            "（旧写法 {} 也可以）。留空则用“名称{value}”。"
        ),
    )
    continues_sentence = models.BooleanField(
        _("紧接上一句"),
        default=False,
        help_text=_(
            "与同一领域的上一项连成一句、中间不加逗号，"
            "如“为{value}低收入“两癌”妇女”接“发放救助金{value}”。"
        ),
    )
    source = models.CharField(_("数据来源"), max_length=12, choices=Source.choices)
    measure = models.CharField(_("统计方式"), max_length=16, choices=Measure.choices)
    programs = models.ManyToManyField(Program, verbose_name=_("项目"), blank=True)
    activity_kind = models.CharField(
        _("活动类型"), max_length=12, choices=ActivityKind.choices, blank=True
    )
    stock_kind = models.ForeignKey(
        StockKind, verbose_name=_("存量指标"), on_delete=models.PROTECT, null=True, blank=True
    )
    honor_titles = models.ManyToManyField(HonorTitle, verbose_name=_("荣誉称号"), blank=True)
    honor_levels = models.JSONField(
        _("表彰级别"), default=list, blank=True, help_text=_("留空为全部级别。")
    )
    honor_channel = models.CharField(_("途径"), max_length=12, choices=Channel.choices, blank=True)
    family_titles = models.ManyToManyField(FamilyTitle, verbose_name=_("家庭称号"), blank=True)
    family_levels = models.JSONField(
        _("家庭称号级别"), default=list, blank=True, help_text=_("留空为全部级别。")
    )
    rounding_step = models.PositiveIntegerField(
        _("取整步长"), default=0, help_text=_("如 100：8736 写作“8700余”。0 为不取整。")
    )
    in_wan = models.BooleanField(
        _("以万为单位"), default=False, help_text=_("75500 写作“7.55万”。")
    )
    is_published = models.BooleanField(_("公开"), default=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度指标")
        verbose_name_plural = _("年度指标")
        ordering = ["focus_area", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="stock") | Q(stock_kind__isnull=False),
                name="figure_stock_needs_kind",
                violation_error_message=_("存量指标需要选择指标类别。"),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self):
        if self.measure not in MEASURES_BY_SOURCE.get(self.source, set()):
            raise ValidationError({"measure": _("这个统计方式不适用于所选的数据来源。")})
        for field in ("honor_levels", "family_levels"):
            if set(getattr(self, field) or []) - set(Level.values):
                raise ValidationError(
                    {field: _("级别只能是：%(levels)s") % {"levels": ", ".join(Level.values)}}
                )
