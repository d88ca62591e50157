"""The admin pieces every record app shares, and the admin of core's own models.

Split by concept, as django.contrib.admin is: changelists (large lists, search),
display (thumbnails, history diffs), writes (services and scope), workflow (steps,
publication, deletion), privacy (masked fields), lists (exports and imports),
notices (calendar, objections), regions. Each mixin's docstring says what it overrides.
"""

from django.contrib import admin

from core.admin.changelists import (
    CachedValuesListFilter,
    KeysFirstChangeList,
    LargeChangelistMixin,
    NormalizedSearchMixin,
    SmallTableSearchMixin,
)
from core.admin.display import StaffHistoryContextHelper, short_column, thumbnail
from core.admin.lists import TabularAdminMixin
from core.admin.notices import CalendarDayAdmin, ObjectionAdmin
from core.admin.privacy import PrivateFieldsMixin
from core.admin.regions import ExportLogAdmin, RegionAdmin
from core.admin.workflow import (
    DeletionReasonMixin,
    PublishAdminMixin,
    WorkflowAdminMixin,
    WorkflowForm,
)
from core.admin.writes import ScopedAdminMixin, ServiceAdminMixin

admin.site.empty_value_display = "—"

__all__ = [
    "CachedValuesListFilter",
    "CalendarDayAdmin",
    "DeletionReasonMixin",
    "ExportLogAdmin",
    "KeysFirstChangeList",
    "LargeChangelistMixin",
    "NormalizedSearchMixin",
    "ObjectionAdmin",
    "PrivateFieldsMixin",
    "PublishAdminMixin",
    "RegionAdmin",
    "ScopedAdminMixin",
    "ServiceAdminMixin",
    "SmallTableSearchMixin",
    "StaffHistoryContextHelper",
    "TabularAdminMixin",
    "WorkflowAdminMixin",
    "WorkflowForm",
    "short_column",
    "thumbnail",
]
