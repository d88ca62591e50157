"""Review, public notice, conferral, rejection and revocation — and who may do which."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core import workflow
from core.i18n import to_visitor_script
from core.models import Region, Status
from honors.models import Honor
from programs.models import Activity
from tests.honors.factories import HonorFactory
from tests.programs.factories import ActivityFactory
from tests.staff import make_staff

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def county():
    return Region.objects.get(code="371602")


@pytest.fixture
def editor():
    return make_staff("editor602", "editor", "371602")


@pytest.fixture
def reviewer():
    return make_staff("reviewer602", "reviewer", "371602")


@pytest.fixture
def draft(county, editor):
    return HonorFactory(region=county, status=Status.DRAFT, created_by=editor, updated_by=editor)


def step(records, name, user, **kwargs):
    can_review = user.has_perm("honors.review_honor")
    return workflow.apply_step(records, name, user=user, can_review=can_review, **kwargs)


def notice(start=None):
    """A notice from today (or `start`) for the shortest period the rules allow."""
    start = start or TODAY
    return {
        "notice_start": start,
        "notice_end": workflow.notice_end_after(start),
        "contact": "濱城區婦聯 0543-1234567",
    }


@pytest.fixture
def move_to(monkeypatch):
    """Move the workflow's today (and now), as the calendar would."""

    def move(day):
        noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        monkeypatch.setattr(workflow, "today", lambda: day)
        monkeypatch.setattr(workflow, "now", lambda: noon)

    return move


@pytest.mark.usefixtures("demo_year")
def test_the_whole_way_from_draft_to_conferred(draft, editor, reviewer, client, move_to):
    assert step([draft], "submit", editor).moved == [draft]
    period = notice()
    assert step([draft], "start_notice", reviewer, **period).moved
    draft.refresh_from_db()
    assert draft.status == Status.NOTICE and draft.objection_contact
    assert client.get(reverse("honors:detail", args=[draft.pk])).status_code == 404
    move_to(period["notice_end"] + datetime.timedelta(days=1))
    assert step([draft], "confer", reviewer).moved
    assert client.get(reverse("honors:detail", args=[draft.pk])).status_code == 200


@pytest.mark.usefixtures("demo_year")
def test_an_editor_cannot_take_a_reviewers_step(draft, editor):
    step([draft], "submit", editor)
    result = step([draft], "start_notice", editor, **notice())
    assert not result.moved and "只有审核员" in result.refused[0][1]


@pytest.mark.usefixtures("demo_year")
def test_whoever_entered_or_last_changed_a_record_cannot_approve_it(draft, reviewer):
    draft.status = Status.SUBMITTED
    draft.updated_by = reviewer
    draft.save()
    result = step([draft], "start_notice", reviewer, **notice())
    assert "不能审核" in result.refused[0][1]


@pytest.mark.usefixtures("demo_year")
def test_conferring_waits_for_the_end_of_the_notice(draft, reviewer):
    Honor.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    draft.refresh_from_db()
    step([draft], "start_notice", reviewer, **notice())
    result = step([draft], "confer", reviewer)
    assert "期满后才能授予" in result.refused[0][1]


@pytest.mark.usefixtures("demo_year")
def test_a_step_from_the_wrong_status_is_refused(draft, reviewer):
    result = step([draft], "confer", reviewer)
    assert "当前状态为“草稿”" in result.refused[0][1]


@pytest.mark.usefixtures("demo_year")
def test_a_reviewer_cannot_move_another_countys_record(reviewer):
    other = HonorFactory(region=Region.objects.get(code="371603"), status=Status.SUBMITTED)
    assert "不在您管理的地区" in step([other], "start_notice", reviewer, **notice()).refused[0][1]


@pytest.mark.usefixtures("demo_year")
def test_revoking_needs_a_reason_and_hides_the_honour(reviewer, client):
    honor = Honor.objects.public().filter(region__code="371602").first()
    with pytest.raises(ValueError):
        step([honor], "revoke", reviewer)
    step([honor], "revoke", reviewer, reason="事迹失實")
    honor.refresh_from_db()
    assert (honor.status, honor.revoked_reason) == (Status.REVOKED, "事迹失實")
    assert client.get(reverse("honors:detail", args=[honor.pk])).status_code == 404
    assert "撤销：事迹失實" in honor.history.first().history_change_reason


@pytest.mark.usefixtures("demo_year")
def test_notices_page_lists_what_is_in_notice_today_only(draft, reviewer, client):
    Honor.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    draft.refresh_from_db()
    step([draft], "start_notice", reviewer, **notice())
    ended = HonorFactory(
        status=Status.NOTICE,
        notice_start=TODAY - datetime.timedelta(days=20),
        notice_end=TODAY - datetime.timedelta(days=13),
        objection_contact="x",
    )
    page = client.get(reverse("notices")).content.decode()
    shown = lambda name: to_visitor_script(name, "zh-hans")  # noqa: E731 — the page's script
    assert shown(draft.recipient.name) in page and "0543-1234567" in page
    assert shown(ended.recipient.name) not in page


def test_notice_end_counts_working_days():
    friday = datetime.date(2026, 11, 27)
    assert workflow.notice_end_after(friday) == datetime.date(2026, 12, 3)


@pytest.mark.usefixtures("demo_year")
def test_workflow_as_an_admin_action_with_its_form(client, draft, editor, reviewer):
    Honor.objects.filter(pk=draft.pk).update(status=Status.SUBMITTED)
    client.force_login(reviewer)
    url = reverse("admin:honors_honor_changelist")
    form = client.post(url, {"action": "workflow_start_notice", "_selected_action": [draft.pk]})
    assert form.status_code == 200 and "公示开始" in form.content.decode()
    data = notice()
    response = client.post(
        url,
        {
            "action": "workflow_start_notice",
            "_selected_action": [draft.pk],
            "apply": "1",
            "notice_start": data["notice_start"],
            "notice_end": data["notice_end"],
            "contact": data["contact"],
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.NOTICE


@pytest.mark.usefixtures("demo_year")
def test_status_is_not_editable_in_the_change_form(client, draft, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:honors_honor_change", args=[draft.pk])).content.decode()
    assert 'name="status"' not in page


@pytest.mark.usefixtures("demo_year")
def test_publishing_activities_needs_a_reviewer_who_did_not_enter_them(editor, reviewer, county):
    activity = ActivityFactory(region=county, is_published=False, created_by=editor)
    result = workflow.set_published([activity], True, user=editor, can_publish=False)
    assert result.refused
    result = workflow.set_published([activity], True, user=reviewer, can_publish=True)
    assert result.moved and Activity.objects.get(pk=activity.pk).is_published
