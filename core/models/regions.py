"""The region tree: city → county/zone → town → village, as one indexed path."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import text


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
        self.derive_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("region-detail", args=[self.code])

    def derive_keys(self) -> None:
        """The row's own derived columns: the path from the parent's, the search text.
        A region that moves takes its subtree with it in core.services.save_region."""
        self.path = f"{self.parent.path if self.parent else ''}{self.code}/"
        self.search_text = f"{text.normalize_for_search(self.name)} {self.code}"

    def clean(self):
        super().clean()
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("不能把地区移到它自己或它的下级之下。")})

    @property
    def ancestor_codes(self) -> list[str]:
        return [code for code in self.path.split("/") if code]
