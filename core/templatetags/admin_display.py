"""Template helpers for the staff side: people by their names, history steps in Chinese."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

HISTORY_TYPES = {"+": _("新建"), "~": _("修改"), "-": _("删除")}


@register.filter
def staff_name(user) -> str:
    """A staff member as colleagues know her: the full name, or the user name when the
    account has none. Chinese names are written family name first, without a space."""
    if user is None:
        return "—"
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


@register.filter
def history_type_label(record) -> str:
    """新建 / 修改 / 删除 for a history row (simple-history's own labels are English in
    traditional Chinese, its catalogue having none)."""
    label = HISTORY_TYPES.get(record.history_type)
    return str(label) if label else "—"
