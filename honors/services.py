"""Writes of honours, recipients and titles. Every door — admin, import, workflow step,
history revert, command, demo — goes through these (core.services holds the rules they
share: scope, workflow fields, authorship, validation, history)."""

from django.db import transaction
from django.utils.translation import gettext as _

from core import scoping
from core.services import rederive, save_record, save_title, writes_placed_by
from honors.models import Honor, HonorTitle, Recipient


def save_honor(honor: Honor, /, *, user, reason: str = "") -> Honor:
    """Save an honour the account may write, for a recipient she may see (no adopting
    another county's recipient by her id)."""
    if honor.recipient_id and not scoping.may_view(user, honor.recipient):
        raise scoping.OutOfScope(_("这个受表彰对象属于其他地区。"))
    return save_record(honor, user=user, reason=reason)


@transaction.atomic
def save_recipient(recipient: Recipient, /, *, user, reason: str = "") -> Recipient:
    """Save a recipient; her honours' copies of her name's keys follow in the same
    transaction. A new recipient belongs to the entering account's region until an
    honour places her."""
    if recipient.pk is None:
        region = scoping.staff_region(user)
        recipient.entered_region = None if region is scoping.NOWHERE else region
    save_record(recipient, user=user, reason=reason)

    def assign(honor):
        honor.recipient = recipient

    # Her honours are where she is (Recipient.scope_regions): only those pages change.
    honors = recipient.honors.select_related("title")
    with writes_placed_by([recipient], models=[Honor]):
        rederive(honors, ["stroke_key", "search_text"], assign=assign)
    return recipient


def save_honor_title(title: HonorTitle, /, *, user, reason: str = "") -> HonorTitle:
    """Save a title; its honours' copies of its rank and keys follow (core.services)."""
    honors = Honor.objects.filter(title=title).select_related("title", "recipient")
    return save_title(title, honors, user=user, reason=reason)
