from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("年度报告")

    # What core needs of this app (core.roles, core.cache), so that core names no app.
    public_data = True
    reference_models = ("figure",)
