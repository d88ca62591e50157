"""django-axes (login throttling) as a Chinese-speaking office sees it.

Axes ships no Chinese and its admin pages are a city administrator's tool, not an
editor's: its section gets a Chinese name, its models Chinese names, and its pages are
shown only to superusers (who unlock an office's address here or with `axes_reset`).
"""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

MODEL_NAMES = {
    "accessattempt": (_("登录失败记录"), _("登录失败记录")),
    "accessfailurelog": (_("登录失败日志"), _("登录失败日志")),
    "accesslog": (_("登录日志"), _("登录日志")),
    "accessattemptexpiration": (_("登录锁定期限"), _("登录锁定期限")),
}


class LoginSecurityConfig(AxesAppConfig):
    verbose_name = _("登录安全")

    def ready(self):
        super().ready()
        for model in self.get_models():
            names = MODEL_NAMES.get(model._meta.model_name)
            if names:
                model._meta.verbose_name, model._meta.verbose_name_plural = names
            model_admin = admin.site._registry.get(model)
            if model_admin is not None:
                # Only superusers: the module is hidden from every role's index.
                model_admin.has_module_permission = lambda request: request.user.is_superuser
