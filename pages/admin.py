from django.contrib import admin

from pages import identity
from pages.models import SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    """One row: added once, then changed; never deleted (headers would lose their name)."""

    list_display = ["name", "phone", "email", "icp_number"]
    fields = ["name", "name_hant", "name_en", "address", "phone", "email", "icp_number"]

    def has_add_permission(self, request):
        # Asked on every admin page (the sidebar's add links): the remembered row answers,
        # without a query per page. The table's one-row constraint still refuses a second.
        return super().has_add_permission(request) and identity.current_identity() is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        identity.forget()
