"""The review and public-notice workflow of honours and families, as one service.

draft → submitted → in public notice (dates, objection contact) → conferred;
submitted or in notice → rejected (back to the editor); conferred → revoked
(with a reason). Programs, activities and stock figures: draft → published.

Only reviewers move a record forward, and never a record they entered or last
changed themselves (four eyes). Every door — admin actions, commands — calls
`apply_step`, so the rules are written once. The notice (公示) rules, as DOMAIN.md
gives them:

- a notice starts today or later, and lasts at least five working days of the Chinese
  calendar (core.workdays: holidays off, 调休 weekend days on);
- conferral only after the last day, for a record whose notice was published on
  /notices/ (the step records when) by its first day — so for the whole period —
  and with no objection still open (core.objections);
- a rejection clears the notice: the editor sees the reason, and a new notice starts
  from the beginning.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import workdays
from core.models import Objection, Status
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

NOTICE_WORKING_DAYS = workdays.NOTICE_WORKING_DAYS


@dataclass
class StepResult:
    moved: list = field(default_factory=list)
    refused: list[tuple[object, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def today() -> datetime.date:
    """The day the rules are checked on (tests move it, with now())."""
    return timezone.localdate()


def now() -> datetime.datetime:
    return timezone.now()


def notice_end_after(start: datetime.date) -> datetime.date:
    """The earliest last day of a notice starting on `start`."""
    return workdays.notice_end_after(start)[0]


def check_notice_period(start: datetime.date, end: datetime.date) -> tuple[list[str], list[str]]:
    """Errors that make a notice period unacceptable, and warnings the reviewer should read."""
    errors, warnings = [], []
    if start < today():
        errors.append(
            _("公示不能从过去的日期开始：开始日期 %(start)s 早于今天 %(today)s。")
            % {"start": start.isoformat(), "today": today().isoformat()}
        )
    if end < start:
        errors.append(_("公示结束日期不能早于开始日期。"))
        return errors, warnings
    counted = workdays.working_days(start, end)
    if counted.days < NOTICE_WORKING_DAYS:
        errors.append(
            _(
                "公示期只有 %(days)s 个工作日，至少应为 %(needed)s 个工作日"
                "（法定节假日不计，调休上班日计入），最早可到 %(earliest)s 结束。"
            )
            % {
                "days": counted.days,
                "needed": NOTICE_WORKING_DAYS,
                "earliest": notice_end_after(start).isoformat(),
            }
        )
    if counted.guessed:
        warnings.append(
            _(
                "节假日安排中没有 %(first)s 至 %(last)s 的数据，这些日期按周一至周五计算；"
                "如有节假日或调休，请在“节假日与调休”中补充后再核对公示期。"
            )
            % {"first": counted.guessed[0].isoformat(), "last": counted.guessed[-1].isoformat()}
        )
    return errors, warnings


def _confer_refusal(record, day: datetime.date) -> str | None:
    if record.notice_end is None or record.notice_end >= day:
        return _("公示期到 %(end)s 结束，期满后才能授予") % {
            "end": record.notice_end.isoformat() if record.notice_end else "—"
        }
    published = record.notice_published_at
    if published is None or timezone.localdate(published) > record.notice_start:
        return _("公示没有在整个公示期内发布，需要退回后重新公示")
    if Objection.objects.for_record(record).filter(state=Objection.State.OPEN).exists():
        return _("有尚未核查的公示异议，核查后才能授予")
    return None


def refusal(record, step: Step, *, user, can_review: bool, day: datetime.date) -> str | None:
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
    if step.name == "confer":
        return _confer_refusal(record, day)
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
    """Take one workflow step on each record that may take it; report the others.

    A notice period the rules refuse (check_notice_period) refuses every record, with the
    reason; its warnings are passed on in the result."""
    step = STEPS[step_name]
    day = today()
    result = StepResult()
    if step.needs_notice and not (notice_start and notice_end and contact):
        raise ValueError("a notice needs its start, end and objection contact")
    if step.needs_reason and not reason.strip():
        raise ValueError("this step needs a reason")
    if step.needs_notice:
        errors, result.warnings = check_notice_period(notice_start, notice_end)
        if errors:
            result.refused = [(record, "；".join(errors)) for record in records]
            return result
    with transaction.atomic():
        for record in records:
            why = refusal(record, step, user=user, can_review=can_review, day=day)
            if why:
                result.refused.append((record, why))
                continue
            record.status = step.target
            if step.needs_notice:
                record.notice_start, record.notice_end = notice_start, notice_end
                record.objection_contact = contact
                record.notice_published_at = now()
            if step.name == "submit":
                record.rejected_reason = ""
            if step.name == "reject":
                # Back to the editor with the reason; a new notice starts from the beginning.
                record.rejected_reason = reason
                record.notice_start = record.notice_end = record.notice_published_at = None
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
