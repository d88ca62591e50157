"""公示 as the rules require (issue 15): no notice in the past, five working days of the
Chinese calendar, conferral only after a whole published period and with no open
objection; objections sent by anyone, settled by a reviewer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core import objections, workdays, workflow
from core.models import CalendarDay, Objection, Region, Status
from honors.models import Honor
from tests.honors.factories import HonorFactory
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]
D = datetime.date


@pytest.fixture
def reviewer():
    return make_staff("reviewer602", "reviewer", "371602")


@pytest.fixture
def submitted():
    return HonorFactory(region=Region.objects.get(code="371602"), status=Status.SUBMITTED)


@pytest.fixture
def move_to(monkeypatch):
    """Move the workflow's today (and now), as the calendar would."""

    def move(day):
        noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        monkeypatch.setattr(workflow, "today", lambda: day)
        monkeypatch.setattr(workflow, "now", lambda: noon)

    return move


def start(records, reviewer, begin, end):
    return workflow.apply_step(
        records,
        "start_notice",
        user=reviewer,
        can_review=True,
        notice_start=begin,
        notice_end=end,
        contact="滨城区妇联 0543-1234567",
    )


def confer(records, reviewer):
    return workflow.apply_step(records, "confer", user=reviewer, can_review=True)


# ------------------------------------------------------------------ the calendar


def test_a_notice_over_national_day_lasts_into_october():
    # 2026: 10-01 … 10-07 off, Saturday 10-10 worked in lieu (State Council schedule).
    assert workflow.notice_end_after(D(2026, 9, 30)) == D(2026, 10, 12)
    assert workdays.working_days(D(2026, 9, 30), D(2026, 10, 9)).days == 3


def test_a_weekend_workday_in_lieu_counts():
    assert workdays.working_days(D(2026, 10, 10), D(2026, 10, 10)).days == 1
    assert workdays.working_days(D(2026, 10, 3), D(2026, 10, 4)).days == 0


def test_the_admins_table_overrides_the_calendar():
    assert workflow.notice_end_after(D(2026, 11, 23)) == D(2026, 11, 27)
    CalendarDay.objects.create(date=D(2026, 11, 24), is_workday=False, note="地方节日")
    assert workflow.notice_end_after(D(2026, 11, 23)) == D(2026, 11, 30)


def test_a_year_no_calendar_knows_counts_weekdays_and_warns(move_to):
    move_to(D(2027, 1, 4))
    errors, warnings = workflow.check_notice_period(D(2027, 1, 4), D(2027, 1, 8))
    assert errors == [] and warnings and "周一至周五" in warnings[0]


# ------------------------------------------------------------------ starting a notice


def test_a_notice_cannot_start_in_the_past(submitted, reviewer, move_to):
    move_to(D(2026, 12, 3))
    result = start([submitted], reviewer, D(2026, 11, 20), D(2026, 11, 26))
    assert not result.moved and "不能从过去的日期开始" in result.refused[0][1]
    assert Honor.objects.get(pk=submitted.pk).status == Status.SUBMITTED


def test_a_notice_shorter_than_five_working_days_is_refused(submitted, reviewer, move_to):
    move_to(D(2026, 9, 28))
    result = start([submitted], reviewer, D(2026, 9, 30), D(2026, 10, 9))
    assert not result.moved
    assert "只有 3 个工作日" in result.refused[0][1] and "2026-10-12" in result.refused[0][1]
    assert start([submitted], reviewer, D(2026, 9, 30), D(2026, 10, 12)).moved


# ------------------------------------------------------------------ conferring


def test_confer_only_after_the_last_day(submitted, reviewer, move_to):
    move_to(D(2026, 11, 23))
    start([submitted], reviewer, D(2026, 11, 23), D(2026, 11, 27))
    move_to(D(2026, 11, 27))
    assert "期满后才能授予" in confer([submitted], reviewer).refused[0][1]
    move_to(D(2026, 11, 30))
    assert confer([submitted], reviewer).moved


def test_a_notice_not_published_for_the_whole_period_cannot_be_conferred(
    submitted, reviewer, move_to
):
    # The old hole: a period typed in afterwards, never on /notices/.
    Honor.objects.filter(pk=submitted.pk).update(
        status=Status.NOTICE, notice_start=D(2026, 11, 20), notice_end=D(2026, 11, 26)
    )
    submitted.refresh_from_db()
    move_to(D(2026, 12, 3))
    assert "没有在整个公示期内发布" in confer([submitted], reviewer).refused[0][1]


def test_an_open_objection_blocks_conferral_until_dismissed(submitted, reviewer, move_to):
    move_to(D(2026, 11, 23))
    start([submitted], reviewer, D(2026, 11, 23), D(2026, 11, 27))
    submitted.refresh_from_db()
    objection = objections.submit_objection(
        submitted, name="张三", phone="13900000000", content="事迹与实际不符"
    )
    move_to(D(2026, 11, 30))
    assert "尚未核查的公示异议" in confer([submitted], reviewer).refused[0][1]
    objections.settle_objection(objection, user=reviewer, upheld=False, note="经核实事迹属实")
    assert confer([submitted], reviewer).moved
    reasons = list(submitted.history.values_list("history_change_reason", flat=True))
    assert any("异议不成立：经核实事迹属实" in (r or "") for r in reasons)


def test_an_upheld_objection_rejects_the_record_and_clears_its_notice(submitted, reviewer, move_to):
    move_to(D(2026, 11, 23))
    start([submitted], reviewer, D(2026, 11, 23), D(2026, 11, 27))
    submitted.refresh_from_db()
    objection = objections.submit_objection(
        submitted, name="李四", phone="13900000001", content="不符合推荐条件"
    )
    objections.settle_objection(objection, user=reviewer, upheld=True, note="属实")
    honor = Honor.objects.get(pk=submitted.pk)
    assert honor.status == Status.REJECTED and "不符合推荐条件" in honor.rejected_reason
    assert honor.notice_start is None and honor.notice_end is None
    assert Objection.objects.get(pk=objection.pk).state == Objection.State.UPHELD


def test_no_objection_outside_the_notice_period(submitted):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        objections.submit_objection(submitted, name="王五", phone="13900000002", content="x")


def test_only_a_reviewer_of_the_region_settles(submitted, reviewer, move_to):
    from django.core.exceptions import PermissionDenied

    move_to(D(2026, 11, 23))
    start([submitted], reviewer, D(2026, 11, 23), D(2026, 11, 27))
    submitted.refresh_from_db()
    objection = objections.submit_objection(
        submitted, name="赵六", phone="13900000003", content="x"
    )
    other = make_staff("reviewer603", "reviewer", "371603")
    with pytest.raises(PermissionDenied):
        objections.settle_objection(objection, user=other, upheld=True, note="x")


# ------------------------------------------------------------------ the forms


def test_the_notice_form_opens_with_iso_dates_and_the_last_contact(client, submitted, reviewer):
    HonorFactory(title=submitted.title, objection_contact="市妇联组宣部 0543-3164567")
    client.force_login(reviewer)
    page = client.post(
        reverse("admin:honors_honor_changelist"),
        {"action": "workflow_start_notice", "_selected_action": [submitted.pk]},
    ).content.decode()
    today = workflow.today()
    assert f'value="{today.isoformat()}"' in page
    assert f'value="{workflow.notice_end_after(today).isoformat()}"' in page
    assert "市妇联组宣部 0543-3164567" in page


def test_after_a_rejection_the_editor_reads_the_reason(client, submitted, reviewer):
    editor = make_staff("editor602", "editor", "371602")
    workflow.apply_step([submitted], "reject", user=reviewer, can_review=True, reason="材料不全")
    client.force_login(editor)
    page = client.get(reverse("admin:honors_honor_change", args=[submitted.pk]))
    assert "退回原因：材料不全" in page.content.decode()
