"""Certificate templates (荣誉证书): per honour or family title, the page, its background
and where each field is printed. Rendering is core/documents/certificates.py."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.images import ThumbnailedImageField
from core.models.recognition import photo_upload_to


class CertificateFont(models.TextChoices):
    """The face the fields are printed in; each has free fallbacks (core/documents)."""

    KAI = "kai", _("楷体")
    SONG = "song", _("宋体")
    FANGSONG = "fangsong", _("仿宋")
    HEI = "hei", _("黑体")
    XIAOBIAOSONG = "xiaobiaosong", _("小标宋")


class CertificateTemplate(models.Model):
    """How the certificates of one title are printed; one without a title serves the rest.

    Titles are referred to by name only: core imports no app (the models are the apps')."""

    name = models.CharField(_("名称"), max_length=64)
    honor_title = models.OneToOneField(
        "honors.HonorTitle",
        verbose_name=_("荣誉称号"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_template",
    )
    family_title = models.OneToOneField(
        "families.FamilyTitle",
        verbose_name=_("家庭称号"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_template",
    )
    page_width_mm = models.PositiveSmallIntegerField(
        _("纸张宽度（毫米）"),
        default=297,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
        help_text=_("默认A4横向：297×210毫米。"),
    )
    page_height_mm = models.PositiveSmallIntegerField(
        _("纸张高度（毫米）"),
        default=210,
        validators=[MinValueValidator(50), MaxValueValidator(1000)],
    )
    background = ThumbnailedImageField(
        _("底图"),
        upload_to=photo_upload_to,
        blank=True,
        help_text=_("证书的底图（JPEG、PNG或WebP），铺满整页；不上传则打印在空白纸上。"),
    )
    font = models.CharField(
        _("字体"), max_length=16, choices=CertificateFont.choices, default=CertificateFont.KAI
    )
    name_suffix = models.CharField(
        _("姓名后缀"), max_length=16, blank=True, default="同志：", help_text=_("如“同志：”。")
    )
    wording = models.TextField(
        _("证书正文"),
        default="被评为{year}年度{level}{title}。\n特发此证，以资鼓励。",
        help_text=_("可用{name}{title}{level}{year}{body}{document_number}{date}代表各项内容。"),
    )
    issue_date = models.DateField(
        _("发证日期"), null=True, blank=True, help_text=_("不填则为打印当天。")
    )

    class Meta:
        verbose_name = _("证书模板")
        verbose_name_plural = _("证书模板")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(honor_title__isnull=True) | Q(family_title__isnull=True),
                name="certificate_template_one_title",
                violation_error_message=_("一个证书模板只能对应一个称号。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CertificateField(models.Model):
    """One field of a template: what is printed, where (mm from the top left) and how big."""

    class Kind(models.TextChoices):
        NAME = "name", _("姓名")
        WORDING = "wording", _("证书正文")
        TITLE = "title", _("称号")
        LEVEL = "level", _("级别")
        YEAR = "year", _("年度")
        BODY = "body", _("授予机关")
        DOCUMENT_NUMBER = "document_number", _("文号")
        DATE = "date", _("日期")

    class Align(models.TextChoices):
        LEFT = "left", _("左对齐")
        CENTER = "center", _("居中")
        RIGHT = "right", _("右对齐")

    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("证书模板"),
        on_delete=models.CASCADE,
        related_name="fields",
    )
    kind = models.CharField(_("内容"), max_length=16, choices=Kind.choices)
    x_mm = models.DecimalField(
        _("左边距（毫米）"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    y_mm = models.DecimalField(
        _("上边距（毫米）"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0)]
    )
    width_mm = models.DecimalField(
        _("宽度（毫米）"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("5"))],
    )
    size_pt = models.PositiveSmallIntegerField(
        _("字号（磅）"), default=20, validators=[MinValueValidator(6), MaxValueValidator(96)]
    )
    align = models.CharField(_("对齐"), max_length=8, choices=Align.choices, default=Align.LEFT)

    class Meta:
        verbose_name = _("证书内容位置")
        verbose_name_plural = _("证书内容位置")
        ordering = ["template", "y_mm", "x_mm"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "kind"],
                name="certificate_field_once",
                violation_error_message=_("同一项内容在一个模板中只能出现一次。"),
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
