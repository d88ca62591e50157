"""The admin as one door among others: writes through the services, scope at every page.

ServiceAdminMixin overrides save_model, save_related, delete_model, delete_queryset and the
history diff helper; ScopedAdminMixin adds get_queryset, the has_*_permission checks and the region
choices of forms. Put them before SimpleHistoryAdmin / ModelAdmin in the bases.
"""

from core import scoping, services
from core.admin.display import StaffHistoryContextHelper
from core.models import Region


class ServiceAdminMixin:
    """The admin as one door among others: its writes go through the app's services.

    Overrides `save_model`, `delete_model` and `delete_queryset` (the delete action), which
    Django's change, add, delete and simple-history's revert views call; `save_service` is
    the app's function (honors.services.save_honor …), core.services.save_record by default.
    A write the service refuses (another county's record) answers 403.
    """

    save_service = staticmethod(services.save_record)

    def get_historical_record_context_helper(self, request, historical_record):
        masked = frozenset()
        if not getattr(self, "can_see_private", lambda request: True)(request):
            masked = frozenset(getattr(self, "private_fields", ()))
        return StaffHistoryContextHelper(self.model, historical_record, masked=masked)

    def save_model(self, request, obj, form, change):
        self.save_service(obj, user=request.user, reason=getattr(obj, "_change_reason", ""))

    def save_related(self, request, form, formsets, change):
        """Inline rows (photos, a program's new activities) are written where their record
        is, and where they are themselves: only those regions' cached pages are emptied."""
        forms = [f for formset in formsets for f in formset.forms]
        written = [f.instance for f in forms if f.has_changed()]
        written += [f.instance for formset in formsets for f in formset.deleted_forms]
        models = {type(f.instance) for f in forms}
        with services.writes_placed_by([form.instance, *written], models=models):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        services.delete_record(
            obj, user=request.user, reason=getattr(request, "_deletion_reason", "")
        )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ScopedAdminMixin(ServiceAdminMixin):
    """Limit a record admin to the staff member's region subtree, at every door.

    Changelists (the model's `in_region`), change/delete/history pages reached by URL
    (the record's `scope_regions`, core.scoping), actions, exports (they use the
    changelist's queryset) and the region choices of its forms. Writes are checked again
    by the service, whatever door they came through.
    """

    region_fields = ("region",)

    def get_queryset(self, request):
        return scoping.scope_queryset(super().get_queryset(request), request.user)

    def object_in_scope(self, request, obj) -> bool:
        return obj is None or scoping.may_view(request.user, obj)

    def object_writable(self, request, obj) -> bool:
        return obj is None or scoping.may_write(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.object_in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.object_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.object_writable(request, obj)

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # simple-history falls back to the historical copy of a record the queryset hides.
        allowed = super().has_view_history_or_change_history_permission(request, obj)
        return allowed and self.object_in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.region_fields:
            scope = scoping.staff_region(request.user)
            if scope is not None:
                kwargs["queryset"] = Region.objects.subtree(scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
