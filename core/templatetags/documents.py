"""Template filters of the printed documents (core/documents)."""

from django import template

from core.documents.layout import entries_layout

register = template.Library()


@register.filter
def entry_layout(entries) -> str:
    """How a group of names is set: "table", "grid" or "lines" (core.documents.layout)."""
    return entries_layout(list(entries))
