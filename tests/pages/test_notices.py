"""/notices/: each 公示 as a document at a stable URL, and objections sent from it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core import workflow
from core.models import Objection, Region, Status
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.pdf_helpers import needs_poppler, pdf_text
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


@pytest.fixture
def noticed():
    """Three candidates of one title put in notice today by a reviewer, as the workflow does."""
    reviewer = make_staff("r602", "reviewer", "371602")
    title = HonorTitleFactory(name="测试三八红旗手", slug="test-sanba")
    honors = [
        HonorFactory(
            title=title,
            year=2026,
            recipient=RecipientFactory(name=name),
            region=Region.objects.get(code="371602"),
            status=Status.SUBMITTED,
            conferring_body="滨州市妇联",
        )
        for name in ["王书茂", "王伟", "丁一"]
    ]
    today = workflow.today()
    result = workflow.apply_step(
        honors,
        "start_notice",
        user=reviewer,
        can_review=True,
        notice_start=today,
        notice_end=workflow.notice_end_after(today),
        contact="滨州市妇联组宣部 0543-3160000",
    )
    assert len(result.moved) == 3
    return honors


def test_nothing_in_notice_is_said_plainly(client):
    from core.models import Status as S
    from honors.models import Honor

    Honor.objects.filter(status=S.NOTICE).update(status=S.SUBMITTED)
    page = client.get(reverse("notices")).content.decode()
    assert "今天没有正在公示的名单" in page and "以下名单" not in page


def test_a_notice_is_a_document_with_its_list_in_the_official_order(client, noticed):
    listing = client.get(reverse("notices")).content.decode()
    heading = "关于2026年度市级测试三八红旗手拟表彰对象的公示"
    assert heading in listing and "发布时间" in listing
    today = workflow.today()
    url = reverse("notice-document", args=["honors", "test-sanba", 2026, "city", today.isoformat()])
    assert url in listing
    page = client.get(url).content.decode()
    assert heading in page and "滨州市妇联组宣部 0543-3160000" in page
    assert "5个工作日" in page or "个工作日" in page
    # 丁 (2 strokes) first; within 王, the single-character given name first.
    positions = [page.index(name) for name in ["丁　一", "王　伟", "王书茂"]]
    assert positions == sorted(positions)


def test_an_unknown_notice_document_is_404(client):
    url = reverse("notice-document", args=["honors", "none", 2026, "city", "2026-01-01"])
    assert client.get(url).status_code == 404
    assert client.get(url.replace("2026-01-01", "not-a-day")).status_code == 404


def test_an_objection_is_stored_privately_and_holds_back_conferral(client, noticed):
    honor = noticed[0]
    url = reverse("notice-objection", args=["honors", honor.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"content": "事迹与实际不符", "name": "张三", "phone": "13900000000"}
    )
    assert response.status_code == 200 and "已收到您的异议" in response.content.decode()
    objection = Objection.objects.for_record(honor).get()
    assert objection.state == Objection.State.OPEN and objection.name == "张三"
    assert "13900000000" not in client.get(reverse("notices")).content.decode()
    # The reviewer's admin lists it.
    reviewer = make_staff("other-reviewer", "reviewer", "371602")
    client.force_login(reviewer)
    assert "张三" in client.get(reverse("admin:core_objection_changelist")).content.decode()


def test_objections_need_csrf_a_phone_and_a_record_in_notice(noticed):
    honor = noticed[0]
    url = reverse("notice-objection", args=["honors", honor.pk])
    strict = Client(enforce_csrf_checks=True)
    data = {"content": "x", "name": "李四", "phone": "13900000001"}
    assert strict.post(url, data).status_code == 403
    client = Client()
    bad_phone = client.post(url, {**data, "phone": "abc"})
    assert bad_phone.status_code == 200 and "phone" in bad_phone.context["form"].errors
    other = HonorFactory(status=Status.DRAFT)
    assert client.get(reverse("notice-objection", args=["honors", other.pk])).status_code == 404
    assert client.get(reverse("notice-objection", args=["nothing", honor.pk])).status_code == 404
    assert not Objection.objects.exists()


def test_objections_are_limited_per_address(client, noticed, settings):
    from django.core.cache import cache

    cache.clear()  # the window counts this address's earlier objections too
    settings.OBJECTIONS_PER_HOUR = 2
    url = reverse("notice-objection", args=["honors", noticed[1].pk])
    data = {"content": "x", "name": "王五", "phone": "13900000002"}
    statuses = [client.post(url, data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Objection.objects.count() == 2


@needs_poppler
@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_a_notice_prints_as_a_pdf_in_the_visitors_script(client, noticed, tmp_path, prefix):
    today = workflow.today()
    url = reverse("notice-document", args=["honors", "test-sanba", 2026, "city", today.isoformat()])
    response = client.get(f"{prefix}{url}document.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = re.sub(r"\s", "", pdf_text(response.getvalue(), tmp_path))
    heading = "关于2026年度市级测试三八红旗手拟表彰对象的公示"
    assert (heading if not prefix else "關於2026年度市級測試三八紅旗手擬表彰對象的公示") in text
    positions = [
        text.index(name)
        for name in ["丁一", "王伟" if not prefix else "王偉", "王书茂" if not prefix else "王書茂"]
    ]
    assert positions == sorted(positions)
    assert "—1—" in text
