"""Objections to a public notice (公示异议): sent by anyone, settled by a reviewer.

While a record is in notice, anyone may object from /notices/ in their own name (实名:
a name and a phone, as notices ask). The objection is stored privately and blocks the
record's conferral (core.workflow) until a reviewer of the record's region settles it:
upheld, the record is rejected with the objection as the reason; dismissed, the
dismissal and its note go into the record's history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import scoping, workflow
from core.models import Objection, Status
from core.services import save_record


def in_notice_today(record) -> bool:
    day = workflow.today()
    return (
        record.status == Status.NOTICE
        and record.notice_start is not None
        and record.notice_start <= day <= record.notice_end
    )


def submit_objection(record, *, name: str, phone: str, content: str) -> Objection:
    """Store an objection to a record in notice today; anything else is refused."""
    if not in_notice_today(record):
        raise ValidationError(_("该名单不在公示期内，不能提出异议。"))
    objection = Objection(record=record, name=name.strip(), phone=phone.strip(), content=content)
    objection.full_clean()
    objection.save()
    return objection


@transaction.atomic
def settle_objection(objection: Objection, *, user, upheld: bool, note: str) -> Objection:
    """Settle an open objection: upheld rejects the record (its notice ends), dismissed is
    written into the record's history. Only a reviewer of the record's region settles."""
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    record = objection.record
    review_permission = f"{record._meta.app_label}.review_{record._meta.model_name}"
    if not (user.has_perm(review_permission) and scoping.may_write(user, record)):
        raise PermissionDenied(_("只有该地区的审核员可以核查异议。"))
    if objection.state != Objection.State.OPEN:
        raise ValidationError(_("这条异议已经核查过了。"))
    if not note.strip():
        raise ValidationError(_("请填写核查结论。"))
    if upheld:
        reason = _("异议成立：%(content)s（%(note)s）") % {
            "content": objection.content[:200],
            "note": note,
        }
        result = workflow.apply_step([record], "reject", user=user, can_review=True, reason=reason)
        if result.refused:
            raise ValidationError(result.refused[0][1])
    else:
        save_record(
            record, user=user, reason=_("异议不成立：%(note)s") % {"note": note}, workflow_step=True
        )
    objection.state = Objection.State.UPHELD if upheld else Objection.State.DISMISSED
    objection.settled_note, objection.settled_by = note, user
    objection.settled_at = timezone.now()
    objection.save()
    return objection
