"""The review and public-notice workflow of honours and families, as one service.

draft → submitted → in public notice (dates, objection contact) → conferred;
submitted or in notice → rejected (back to the editor); conferred → revoked
(with a reason). Programs and activities: draft → published.

Only reviewers move a record forward, and never a record they entered or last
changed themselves (four eyes). Every door — admin actions, commands — calls
`apply_step`, so the rules are written once.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Status
from core.scoping import may_write
from core.services import save_record


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset
    target: str
    needs_review: bool = True  # a reviewer's step, under the four-eyes rule
    needs_notice: bool = False
    needs_reason: bool = False


STEPS = {
    step.name: step
    for step in [
        Step(
            "submit",
            gettext_lazy("提交审核"),
            frozenset({Status.DRAFT, Status.REJECTED}),
            Status.SUBMITTED,
            needs_review=False,
        ),
        Step(
            "start_notice",
            gettext_lazy("开始公示"),
            frozenset({Status.SUBMITTED}),
            Status.NOTICE,
            needs_notice=True,
        ),
        Step(
            "confer", gettext_lazy("公示期满，授予"), frozenset({Status.NOTICE}), Status.CONFERRED
        ),
        Step(
            "reject",
            gettext_lazy("退回修改"),
            frozenset({Status.SUBMITTED, Status.NOTICE}),
            Status.REJECTED,
            needs_reason=True,
        ),
        Step(
            "revoke",
            gettext_lazy("撤销"),
            frozenset({Status.CONFERRED}),
            Status.REVOKED,
            needs_reason=True,
        ),
    ]
}

NOTICE_WORKING_DAYS = 5


@dataclass
class StepResult:
    moved: list = field(default_factory=list)
    refused: list[tuple[object, str]] = field(default_factory=list)


def notice_end_after(
    start: datetime.date, working_days: int = NOTICE_WORKING_DAYS
) -> datetime.date:
    """The last day of a notice of `working_days` working days (Monday to Friday) from `start`."""
    day, counted = start, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted == working_days:
                return day
        day += datetime.timedelta(days=1)


def refusal(record, step: Step, *, user, can_review: bool, today: datetime.date) -> str | None:
    """Why `user` may not take `step` on `record`, or None when she may."""
    if not may_write(user, record):
        return _("不在您管理的地区范围内")
    if record.status not in step.sources:
        return _("当前状态为“%(status)s”，不能%(step)s") % {
            "status": record.get_status_display(),
            "step": step.label,
        }
    if step.needs_review and not can_review:
        return _("只有审核员可以%(step)s") % {"step": step.label}
    if step.needs_review and step.name != "reject" and record.touched_by(user):
        return _("录入或最后修改这条记录的人不能审核它")
    if step.name == "confer" and record.notice_end and record.notice_end >= today:
        return _("公示期到 %(end)s 结束，期满后才能授予") % {"end": record.notice_end}
    return None


def apply_step(
    records,
    step_name: str,
    *,
    user,
    can_review: bool,
    notice_start: datetime.date | None = None,
    notice_end: datetime.date | None = None,
    contact: str = "",
    reason: str = "",
) -> StepResult:
    """Take one workflow step on each record that may take it; report the others."""
    step = STEPS[step_name]
    today = timezone.localdate()
    result = StepResult()
    if step.needs_notice and not (notice_start and notice_end and contact):
        raise ValueError("a notice needs its start, end and objection contact")
    if step.needs_reason and not reason.strip():
        raise ValueError("this step needs a reason")
    with transaction.atomic():
        for record in records:
            why = refusal(record, step, user=user, can_review=can_review, today=today)
            if why:
                result.refused.append((record, why))
                continue
            record.status = step.target
            if step.needs_notice:
                record.notice_start, record.notice_end = notice_start, notice_end
                record.objection_contact = contact
            if step.name == "revoke":
                record.revoked_reason = reason
            # Recorded in the history with the step as its reason; a step is not an edit,
            # so updated_by stays the editor's and the four-eyes rule keeps holding.
            step_reason = f"{step.label}{'：' + reason if reason else ''}"
            if _saved(record, user, step_reason, result):
                result.moved.append(record)
    return result


def _saved(record, user, reason: str, result: StepResult) -> bool:
    """Save a record a step moved (validated, in its own savepoint); a record that does not
    validate is reported as refused, with the message, and left as it was."""
    try:
        with transaction.atomic():
            save_record(record, user=user, reason=reason, workflow_step=True)
    except ValidationError as error:
        record.refresh_from_db()
        result.refused.append((record, "；".join(error.messages)))
        return False
    return True


def set_published(records, published: bool, *, user, can_publish: bool) -> StepResult:
    """Publish or withdraw programs, activities and stock figures, under the same four-eyes
    rule; a program is the city's, so only the city's reviewers publish or withdraw it."""
    result = StepResult()
    with transaction.atomic():
        for record in records:
            if not may_write(user, record):
                result.refused.append((record, _("不在您管理的地区范围内")))
            elif not can_publish:
                result.refused.append((record, _("只有审核员可以发布或撤回")))
            elif published and record.touched_by(user):
                result.refused.append((record, _("录入或最后修改这条记录的人不能发布它")))
            else:
                record.is_published = published
                if _saved(record, user, _("发布") if published else _("撤回发布"), result):
                    result.moved.append(record)
    return result
