"""Private fields in full only for staff allowed to see them (PrivateFieldsMixin:
overrides get_fieldsets and get_readonly_fields)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _l

from core import privacy


class PrivateFieldsMixin:
    """ID numbers, phones and addresses in full only for staff with the permission.

    Others see them masked (3716**********123X) and read-only; they never see
    them in a list or an export either (TabularAdminMixin drops the columns).
    """

    private_fields = ("id_number", "phone")

    def can_see_private(self, request) -> bool:
        return privacy.can_see_private(request.user, self.opts.app_label)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.can_see_private(request):
            return fieldsets
        return [
            (name, {**options, "fields": [self._masked_name(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.can_see_private(request):
            readonly += [f"masked_{name}" for name in self.private_fields]
        return readonly

    def _masked_name(self, field: str) -> str:
        return f"masked_{field}" if field in self.private_fields else field

    @admin.display(description=_l("身份证号码"))
    def masked_id_number(self, obj) -> str:
        return privacy.mask_id_number(obj.id_number) if obj else ""

    @admin.display(description=_l("联系电话"))
    def masked_phone(self, obj) -> str:
        return privacy.mask_phone(obj.phone) if obj else ""

    @admin.display(description=_l("家庭住址"))
    def masked_address(self, obj) -> str:
        return privacy.mask_address(obj.address) if obj else ""
