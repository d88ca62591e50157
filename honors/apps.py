from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonorsConfig(AppConfig):
    name = "honors"
    verbose_name = _("荣誉表彰")

    # What core needs of this app (core.roles, core.cache), so that core names no app.
    public_data = True
    # Certificates of this app's records (core print_certificates, the admin action).
    certificates = "honors.certificates"
    record_models = ("honor", "recipient")
    reference_models = ("honortitle",)
    editor_permissions = ("view_private_fields",)
    reviewer_permissions = ("review_honor",)
