from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("工作项目与活动")

    # What core needs of this app (core.roles, core.cache), so that core names no app.
    public_data = True
    record_models = ("activity", "activityphoto", "stockfigure")
    reference_models = ("program", "stockkind")
    reviewer_permissions = ("publish_program",)
