from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("地区与公共设置")
    # Apps declare on their AppConfig what core needs of them (core.roles, core.cache):
    # `public_data` (their tables are behind public pages; `every_page`: shown on every
    # page, as the site identity is), `record_models` and
    # `reference_models` (what the roles enter, change and view), `editor_permissions`
    # and `reviewer_permissions`. A new record app declares its own; core names none.
    reference_models = ("region",)
    # Reviewers read and settle the objections to the notices of their region.
    reviewer_permissions = ("view_objection", "change_objection")

    def ready(self):
        # Connects the write watcher that keeps cached public pages current.
        from core import invalidation  # noqa: F401
