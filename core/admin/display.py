"""What admin pages show of a record: thumbnails in changelists, history diffs as staff
read them."""

from django.contrib import admin
from django.utils.html import format_html
from simple_history.template_utils import HistoricalRecordContextHelper

from core import images, privacy


def thumbnail(image, size: int = 48) -> str:
    """An <img> for a changelist cell, or a dash when there is no image."""
    if not image:
        return "—"
    # The small thumbnail, never the full photo; attributes, not a style attribute,
    # since the Content-Security-Policy allows no inline styles.
    small = images.thumbnail(image, size)
    return format_html(
        '<img src="{}" alt="" loading="lazy" width="{}" height="{}">', small.url, size, size
    )


def short_column(field: str, label, *, ordering: str | None = None):
    """A changelist column of `field` under a short header (地区, not 所属地区), so that a
    list of eight or nine columns fits a 1366-pixel screen; sorts by the field."""

    @admin.display(description=label, ordering=ordering or field)
    def column(self, obj):
        value = getattr(obj, field)
        return "—" if value in (None, "") else value

    column.__name__ = f"{field}_column"
    return column


class StaffHistoryContextHelper(HistoricalRecordContextHelper):
    """A history diff as staff read it: a choice as its label (公示中 → 已授予, not
    notice → conferred), and private fields masked for those who may not see them."""

    def __init__(self, model, record, *, masked: frozenset = frozenset()):
        super().__init__(model, record)
        self.masked = masked

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if change.field in self.masked:
            return privacy.MASKS[change.field](value or "")
        field = self.model._meta.get_field(change.field)
        if field.choices and value not in (None, ""):
            return dict(field.flatchoices).get(value, value)
        return "—" if value in (None, "") else value
