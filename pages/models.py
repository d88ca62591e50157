"""The federation's identity as the site shows it in every header and footer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SiteIdentity(models.Model):
    """Who publishes the site: one row, edited by the city administrator in the admin.

    `key` is always 1, so the database itself holds at most one row.
    """

    key = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)
    name = models.CharField(_("机构名称"), max_length=100, help_text=_("如“滨州市妇女联合会”。"))
    name_hant = models.CharField(_("繁体名称"), max_length=100, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("电话"), max_length=40, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    icp_number = models.CharField(
        _("ICP备案号"), max_length=64, blank=True, help_text=_("如“鲁ICP备12345678号-1”。")
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("网站署名")
        verbose_name_plural = _("网站署名")
        ordering = ["key"]
        constraints = [models.CheckConstraint(condition=Q(key=1), name="site_identity_one_row")]

    def __str__(self) -> str:
        return self.name
