"""Families: 最美家庭 and related household and member titles, with their stories."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.models import NAME_ORDER_HELP, NameOrder, Photo, Recognition
from core.pinyin import pinyin_search_text
from core.validators import validate_id_number, validate_phone


class FamilyTitle(models.Model):
    """A title such as 最美家庭 (a household) or 好媳妇 (one family member)."""

    name = models.CharField(_("称号"), max_length=64, unique=True)
    name_hant = models.CharField(_("繁体名称"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    slug = models.SlugField(_("网址名"), max_length=64, unique=True)
    is_household = models.BooleanField(
        _("授予家庭"), default=True, help_text=_("授予整个家庭为是；授予家庭成员个人为否。")
    )
    rank = models.PositiveSmallIntegerField(_("名单顺序"), default=100)
    name_order = models.CharField(
        _("姓名排序"),
        max_length=8,
        choices=NameOrder.choices,
        default=NameOrder.SURNAME,
        help_text=NAME_ORDER_HELP,
    )

    class Meta:
        verbose_name = _("家庭称号")
        verbose_name_plural = _("家庭称号")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def count_unit(self) -> str:
        return _("户") if self.is_household else _("人")


class Tier(models.TextChoices):
    MODEL = "model", _("标兵")
    TITLE = "title", _("称号")
    NOMINEE = "nominee", _("提名")


class FamilyType(models.TextChoices):
    FILIAL = "filial", _("孝老爱亲")
    EDUCATION = "education", _("教子有方")
    GREEN = "green", _("绿色环保")
    INTEGRITY = "integrity", _("廉洁齐家")
    THRIFT = "thrift", _("勤俭持家")
    NEIGHBOURLY = "neighbourly", _("邻里互助")
    DEVOTION = "devotion", _("爱岗敬业")
    VOLUNTEER = "volunteer", _("热心公益")


class Family(Recognition):
    """A household, or one member of it, recognised with a family title.

    `name` is the head of the household (for a household title) or the member
    honoured; phone, address and ID number are private and never public.
    """

    title = models.ForeignKey(
        FamilyTitle, verbose_name=_("称号"), on_delete=models.PROTECT, related_name="families"
    )
    tier = models.CharField(_("档次"), max_length=8, choices=Tier.choices, blank=True)
    family_type = models.CharField(_("类型"), max_length=12, choices=FamilyType.choices, blank=True)
    name = models.CharField(
        _("户主或成员姓名"), max_length=64, help_text=_("家庭称号填户主姓名，个人称号填本人姓名。")
    )
    members = models.CharField(
        _("家庭成员"), max_length=200, blank=True, help_text=_("如：丈夫、公婆、一子一女。")
    )
    conferring_body = models.CharField(_("授予机关"), max_length=100, blank=True)
    story = models.TextField(_("事迹"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    address = models.CharField(_("家庭住址"), max_length=200, blank=True)
    id_number = models.CharField(
        _("身份证号码"), max_length=18, blank=True, validators=[validate_id_number]
    )
    stroke_key = models.CharField(max_length=128, editable=False)
    pinyin_key = models.CharField(max_length=255, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    # A copy of the title's rank, so the official order is one index on this table.
    title_rank = models.PositiveSmallIntegerField(editable=False, default=0)

    history = HistoricalRecords()

    class Meta(Recognition.Meta):
        verbose_name = _("家庭")
        verbose_name_plural = _("家庭")
        permissions = [
            ("view_private_fields", _("可查看身份证号码、电话和住址")),
            ("review_family", _("审核、公示、授予和撤销家庭称号")),
        ]
        ordering = ["-year", "title_rank", "stroke_key", "pk"]
        indexes = [
            models.Index(
                fields=["title_rank", "stroke_key", "-year", "id"],
                condition=Q(status="conferred"),
                name="family_public_order",
            ),
            models.Index(
                fields=["-year", "title_rank", "stroke_key", "id"], name="family_admin_order"
            ),
            models.Index(fields=["status", "year", "level"], name="family_public_year_level"),
            models.Index(fields=["title", "year"], name="family_title_year"),
            models.Index(fields=["stroke_key"], name="family_stroke_key"),
        ]
        constraints = [
            *Recognition.Meta.constraints,
            models.UniqueConstraint(
                fields=["name", "region", "title", "level", "year"],
                name="family_one_title_per_year",
                violation_error_message=_("这个家庭在同一年度已获得同级别的这个称号。"),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="family_name_not_empty",
                violation_error_message=_("姓名不能为空。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("families:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """This row's derived columns: the title's rank (the official order as one index),
        sort keys and search text. Bulk writers call it before bulk_create."""
        self.name = self.name.strip()
        self.title_rank = self.title.rank
        self.stroke_key = text.stroke_sort_key(self.name, self.title.name_order)
        self.pinyin_key = text.pinyin_sort_key(self.name)[:255]
        parts = [self.name, self.title.name, self.members, self.story]
        self.search_text = text.normalize_for_search(" ".join(p for p in parts if p))
        self.search_text += " " + pinyin_search_text(self.name)  # for English readers


class FamilyPhoto(Photo):
    family = models.ForeignKey(
        Family, verbose_name=_("家庭"), on_delete=models.CASCADE, related_name="photos"
    )

    class Meta(Photo.Meta):
        verbose_name = _("家庭照片")
        verbose_name_plural = _("家庭照片")
