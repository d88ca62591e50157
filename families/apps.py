from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("最美家庭")

    # What core needs of this app (core.roles, core.cache), so that core names no app.
    public_data = True
    # Certificates of this app's records (core print_certificates, the admin action).
    certificates = "families.certificates"
    record_models = ("family", "familyphoto")
    reference_models = ("familytitle",)
    editor_permissions = ("view_private_fields",)
    reviewer_permissions = ("review_family",)
