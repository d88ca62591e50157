"""Programs, the dated activities they run through, and stock figures by region and year."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.images import ThumbnailedImageField
from core.models import FIRST_YEAR, Authored, Photo, Region, photo_upload_to


class FocusArea(models.TextChoices):
    """The five focus areas (聚焦) that structure the federation's year."""

    GUIDANCE = "guidance", _("思想引领")
    DEVELOPMENT = "development", _("服务发展")
    FAMILY = "family", _("家庭家教家风")
    RIGHTS = "rights", _("维权关爱")
    REFORM = "reform", _("妇联改革")


class ProgramQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)


class Program(Authored):
    """A named line of work in one focus area, run through activities."""

    name = models.CharField(_("项目名称"), max_length=120, unique=True)
    name_hant = models.CharField(_("繁体名称"), max_length=120, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    slug = models.SlugField(_("网址名"), max_length=80, unique=True)
    focus_area = models.CharField(_("工作领域"), max_length=12, choices=FocusArea.choices)
    year_start = models.PositiveSmallIntegerField(
        _("开始年度"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    year_end = models.PositiveSmallIntegerField(
        _("结束年度"), null=True, blank=True, help_text=_("持续进行的项目留空。")
    )
    lead_unit = models.CharField(_("牵头单位"), max_length=120)
    partner_units = models.CharField(_("合作单位"), max_length=300, blank=True)
    description = models.TextField(_("简介"), blank=True)
    cover = ThumbnailedImageField(
        _("封面图"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(editable=False, null=True)
    cover_height = models.PositiveIntegerField(editable=False, null=True)
    is_published = models.BooleanField(_("已发布"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProgramQuerySet.as_manager()
    history = HistoricalRecords()
    workflow_fields = ("is_published",)  # published and withdrawn by reviewers (core.workflow)

    class Meta:
        verbose_name = _("工作项目")
        verbose_name_plural = _("工作项目")
        permissions = [("publish_program", _("发布工作项目和活动"))]
        ordering = ["focus_area", "name"]
        indexes = [models.Index(fields=["focus_area", "year_start"], name="program_area_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_end__isnull=True) | Q(year_end__gte=models.F("year_start")),
                name="program_years_in_order",
                violation_error_message=_("结束年度不能早于开始年度。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """This row's search text."""
        parts = [self.name, self.lead_unit, self.partner_units, self.description]
        self.search_text = text.normalize_for_search(" ".join(p for p in parts if p))

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", args=[self.slug])


class ActivityKind(models.TextChoices):
    LECTURE = "lecture", _("宣讲")
    TRAINING = "training", _("培训")
    JOB_FAIR = "job_fair", _("招聘会")
    VOLUNTEER = "volunteer", _("志愿服务")
    SCREENING = "screening", _("健康筛查")
    CAMP = "camp", _("营地活动")
    EXHIBITION = "exhibition", _("巡讲巡展")
    DAYCARE = "daycare", _("托管班")
    PROMOTION = "promotion", _("普法宣传")
    FUNDRAISING = "fundraising", _("公益募集")
    RELIEF = "relief", _("救助发放")
    LOAN = "loan", _("贷款扶持")
    MEDIATION = "mediation", _("调解服务")
    OTHER = "other", _("其他")


class ActivityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True, program__is_published=True)

    def in_region(self, region: Region):
        return self.filter(region__path__startswith=region.path)


class Activity(Authored):
    """One dated event of a program in one region, with what it counted."""

    program = models.ForeignKey(
        Program, verbose_name=_("所属项目"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("活动名称"), max_length=200)
    date = models.DateField(_("日期"))
    region = models.ForeignKey(
        Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("活动类型"), max_length=12, choices=ActivityKind.choices)
    sessions = models.PositiveIntegerField(_("场次（期）"), default=1)
    people_served = models.PositiveIntegerField(_("服务人次"), default=0)
    amount_yuan = models.DecimalField(
        _("金额（元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("募集、发放或贷款的金额，单位为元。"),
    )
    jobs_offered = models.PositiveIntegerField(_("提供岗位（个）"), default=0)
    notes = models.TextField(_("备注"), blank=True)
    is_published = models.BooleanField(_("已发布"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()
    workflow_fields = ("is_published",)

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-date", "pk"]
        indexes = [
            models.Index(fields=["program", "date"], name="activity_program_date"),
            models.Index(fields=["kind", "date"], name="activity_kind_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_yuan__gte=0),
                name="activity_amount_not_negative",
                violation_error_message=_("金额不能为负数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class ActivityPhoto(Photo):
    activity = models.ForeignKey(
        Activity, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="photos"
    )

    class Meta(Photo.Meta):
        verbose_name = _("活动照片")
        verbose_name_plural = _("活动照片")


class StockKind(models.Model):
    """A kind of year-end stock figure, e.g. 美丽庭院 built out of all rural households.

    A model rather than fixed choices, so that staff can add a new kind of figure
    for next year's report without a programmer.
    """

    name = models.CharField(_("指标名称"), max_length=64, unique=True)
    slug = models.SlugField(_("网址名"), max_length=64, unique=True)
    unit = models.CharField(_("单位"), max_length=8, help_text=_("如：户、个。"))
    total_label = models.CharField(
        _("总数含义"), max_length=64, blank=True, help_text=_("有比率的指标填写，如“农户总数”。")
    )
    focus_area = models.CharField(_("工作领域"), max_length=12, choices=FocusArea.choices)

    class Meta:
        verbose_name = _("存量指标类别")
        verbose_name_plural = _("存量指标类别")
        ordering = ["focus_area", "name"]

    def __str__(self) -> str:
        return self.name


class StockFigureQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def in_region(self, region: Region):
        return self.filter(region__path__startswith=region.path)


class StockFigure(Authored):
    """A year-end stock in one region, e.g. 美丽庭院 built (`value`) out of `total` households."""

    kind = models.ForeignKey(
        StockKind, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="figures"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("地区"), on_delete=models.PROTECT, related_name="stock_figures"
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(2100)]
    )
    value = models.PositiveIntegerField(_("数量"))
    total = models.PositiveIntegerField(
        _("总数"), null=True, blank=True, help_text=_("有比率的指标填写总数，如农户总数。")
    )
    program = models.ForeignKey(
        Program,
        verbose_name=_("所属项目"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stock_figures",
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    # A county's figure is public, and counted in the report, once a reviewer publishes it.
    is_published = models.BooleanField(_("已发布"), default=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = StockFigureQuerySet.as_manager()
    history = HistoricalRecords()
    workflow_fields = ("is_published",)

    class Meta:
        verbose_name = _("存量指标")
        verbose_name_plural = _("存量指标")
        ordering = ["-year", "kind__name", "region__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "region", "year"],
                name="stock_one_value_per_region_year",
                violation_error_message=_("这个地区在这一年度已有这个指标的数据。"),
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=models.F("value")),
                name="stock_value_within_total",
                violation_error_message=_("数量不能大于总数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region} {self.kind}"

    @property
    def rate(self) -> float | None:
        return self.value / self.total if self.total else None
