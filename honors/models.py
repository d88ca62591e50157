"""Honours: titles conferred on individuals and collectives, and who received them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import text
from core.images import ThumbnailedImageField
from core.models import NAME_ORDER_HELP, NameOrder, Recognition, photo_upload_to
from core.pinyin import pinyin_search_text
from core.validators import validate_id_number, validate_phone

HAN = frozenset({"汉族", "汉"})


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("个人")
    COLLECTIVE = "collective", _("集体")


class HonorTitle(models.Model):
    """A title such as 三八红旗手; `rank` orders the groups of an official list."""

    name = models.CharField(_("称号"), max_length=64, unique=True)
    name_hant = models.CharField(_("繁体名称"), max_length=64, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=128, blank=True)
    slug = models.SlugField(_("网址名"), max_length=64, unique=True)
    recipient_kind = models.CharField(_("授予对象"), max_length=12, choices=RecipientKind.choices)
    rank = models.PositiveSmallIntegerField(
        _("名单顺序"), default=100, help_text=_("数字小的称号在名单中排在前面。")
    )
    name_order = models.CharField(
        _("姓名排序"),
        max_length=8,
        choices=NameOrder.choices,
        default=NameOrder.SURNAME,
        help_text=NAME_ORDER_HELP,
    )
    description = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("荣誉称号")
        verbose_name_plural = _("荣誉称号")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def count_unit(self) -> str:
        """The measure word an official list counts this title's recipients in."""
        return _("人") if self.recipient_kind == RecipientKind.INDIVIDUAL else _("个")


class Gender(models.TextChoices):
    FEMALE = "female", _("女")
    MALE = "male", _("男")


def recipient_in_region(region) -> Q:
    """The condition that places a recipient in a region's subtree: one of her honours is
    there, or she has none yet and an account of the subtree entered her."""
    honours = Honor.objects.filter(recipient=models.OuterRef("pk"))
    return Q(models.Exists(honours.filter(region__path__startswith=region.path))) | (
        ~Q(models.Exists(honours)) & Q(entered_region__path__startswith=region.path)
    )


class RecipientQuerySet(models.QuerySet):
    def in_region(self, region):
        return self.filter(recipient_in_region(region))


class Recipient(models.Model):
    """One person or collective, honoured once or many times over the years.

    The name is stored as entered (simplified or traditional); `stroke_key`,
    `pinyin_key` and `search_text` are derived from it and never shown.
    ID number and phone are private: no public page or file shows them.
    """

    kind = models.CharField(
        _("类别"), max_length=12, choices=RecipientKind.choices, default=RecipientKind.INDIVIDUAL
    )
    name = models.CharField(_("姓名或集体全称"), max_length=200)
    gender = models.CharField(
        _("性别"), max_length=8, choices=Gender.choices, blank=True, default=Gender.FEMALE
    )
    ethnicity = models.CharField(
        _("民族"),
        max_length=16,
        blank=True,
        help_text=_("汉族留空；少数民族在名单中注明，如“回族”。"),
    )
    id_number = models.CharField(
        _("身份证号码"), max_length=18, blank=True, validators=[validate_id_number]
    )
    phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    name_pinyin = models.CharField(
        _("姓名拼音"),
        max_length=100,
        blank=True,
        help_text=_("英文页面显示的拼音，如 SHAN Tianfang；留空按姓氏读音自动生成。"),
    )
    stroke_key = models.CharField(max_length=128, editable=False, db_index=True)
    pinyin_key = models.CharField(max_length=255, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    # Until her first honour places her, a recipient belongs to the region of the account
    # that entered her (None: the city's).
    entered_region = models.ForeignKey(
        "core.Region",
        verbose_name=_("录入地区"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RecipientQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("受表彰对象")
        verbose_name_plural = _("受表彰对象")
        ordering = ["stroke_key", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="recipient_id_number_unique",
                violation_error_message=_("已有使用这个身份证号码的受表彰对象。"),
            ),
            models.CheckConstraint(
                condition=Q(kind="individual") | (Q(gender="") & Q(id_number="")),
                name="recipient_collective_has_no_person_fields",
                violation_error_message=_("集体不填写性别和身份证号码。"),
            ),
            models.CheckConstraint(
                condition=Q(kind="collective") | ~Q(gender=""),
                name="recipient_individual_has_gender",
                violation_error_message=_("个人需要填写性别。"),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="recipient_name_not_empty",
                violation_error_message=_("姓名或集体全称不能为空。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """Fill this row's sort and search columns (bulk writers call it before bulk_create);
        her honours' copies follow in honors.services."""
        self.name = self.name.strip()
        # Lists note only a minority's ethnicity: typing 汉族 is the same as leaving it empty.
        self.ethnicity = self.ethnicity.strip()
        if text.normalize_for_search(self.ethnicity) in HAN:
            self.ethnicity = ""
        # Collectives get a key too, so mixed admin lists have a stable order; official
        # lists order them by region and as entered instead (core/rolls.py).
        self.stroke_key = text.stroke_sort_key(self.name)
        self.pinyin_key = text.pinyin_sort_key(self.name)[:255]
        self.search_text = text.normalize_for_search(self.name)
        if self.is_individual:  # English readers search names in pinyin (Wang Fang, Ouyang)
            self.search_text = f"{self.search_text} {pinyin_search_text(self.name)}".strip()

    @property
    def is_individual(self) -> bool:
        return self.kind == RecipientKind.INDIVIDUAL

    def scope_regions(self) -> list:
        """Where she is honoured; before any honour, where she was entered (core.scoping)."""
        if self.pk is not None:
            regions = [honor.region for honor in self.honors.select_related("region")]
            if regions:
                return regions
        return [self.entered_region] if self.entered_region_id else []


class Channel(models.TextChoices):
    RECOMMENDED = "recommended", _("推荐获评")
    CONFERRED = "conferred", _("本级表彰")


class Honor(Recognition):
    """One title conferred on one recipient at one level in one year."""

    title = models.ForeignKey(
        HonorTitle, verbose_name=_("称号"), on_delete=models.PROTECT, related_name="honors"
    )
    recipient = models.ForeignKey(
        Recipient, verbose_name=_("受表彰对象"), on_delete=models.PROTECT, related_name="honors"
    )
    channel = models.CharField(
        _("途径"),
        max_length=12,
        choices=Channel.choices,
        default=Channel.CONFERRED,
        help_text=_("本会推荐获评上级荣誉，或由本会表彰。"),
    )
    conferring_body = models.CharField(_("授予机关"), max_length=100)
    document_number = models.CharField(_("文号"), max_length=64, blank=True)
    unit = models.CharField(_("工作单位"), max_length=200, blank=True)
    post = models.CharField(_("职务"), max_length=100, blank=True)
    deeds = models.TextField(_("事迹"), blank=True)
    photo = ThumbnailedImageField(
        _("照片"),
        upload_to=photo_upload_to,
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(editable=False, null=True)
    photo_height = models.PositiveIntegerField(editable=False, null=True)
    search_text = models.TextField(editable=False, blank=True)
    # Copies of the title's rank and the recipient's stroke key, so that the official
    # order is one index on this table instead of a sort of every row on each request.
    title_rank = models.PositiveSmallIntegerField(editable=False, default=0)
    stroke_key = models.CharField(max_length=128, editable=False, blank=True)

    history = HistoricalRecords()

    class Meta(Recognition.Meta):
        verbose_name = _("表彰记录")
        verbose_name_plural = _("表彰记录")
        permissions = [
            ("view_private_fields", _("可查看身份证号码、电话和住址")),
            ("review_honor", _("审核、公示、授予和撤销表彰")),
        ]
        ordering = ["-year", "title_rank", "stroke_key", "pk"]
        indexes = [
            models.Index(
                fields=["title_rank", "stroke_key", "-year", "id"],
                condition=Q(status="conferred"),
                name="honor_public_order",
            ),
            models.Index(
                fields=["-year", "title_rank", "stroke_key", "id"], name="honor_admin_order"
            ),
            models.Index(fields=["status", "year", "level"], name="honor_public_year_level"),
            models.Index(fields=["title", "year"], name="honor_title_year"),
        ]
        constraints = [
            *Recognition.Meta.constraints,
            models.UniqueConstraint(
                fields=["recipient", "title", "level", "year"],
                name="honor_one_award_per_year",
                violation_error_message=_("同一对象在同一年度已获得同级别的这个称号。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title} {self.recipient}"

    def get_absolute_url(self) -> str:
        return reverse("honors:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.derive_keys()
        super().save(*args, **kwargs)

    def derive_keys(self) -> None:
        """This row's derived columns: copies of the title's rank and the recipient's stroke
        key (the official order as one index), and the normalised text the public search
        matches (name, unit, post, title, deeds). Bulk writers call it too."""
        self.title_rank = self.title.rank
        self.stroke_key = text.stroke_sort_key(self.recipient.name, self.title.name_order)
        parts = [self.recipient.name, self.unit, self.post, self.title.name, self.deeds]
        self.search_text = text.normalize_for_search(" ".join(p for p in parts if p))
        if self.recipient.is_individual:  # in pinyin too, for English readers
            self.search_text += " " + pinyin_search_text(self.recipient.name)
