from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("地区与公共设置")

    def ready(self):
        # Connects the write watcher that keeps cached public pages current.
        from core import cache  # noqa: F401
