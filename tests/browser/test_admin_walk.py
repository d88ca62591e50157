"""An honour's way through the admin in Chinese, in headless Chromium on a desktop screen:
editor submits → reviewer starts the notice → an objection arrives → the period ends and
conferral is refused while the objection is open → the reviewer dismisses it → she confers.
Every page on the way must show no English word and no raw code (conferred, notice, draft,
None).

The live server runs in its own process, so ``core.workflow.today`` cannot be moved there:
the time-travel step moves the record's notice dates into the past in the database instead
(``live_manage``), as if the period had been served. The objection is sent through
``core.objections.submit_objection``, the service behind the public form.
"""

import re

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -r requirements-dev.txt"
)
expect = sync_api.expect

pytestmark = pytest.mark.browser

NAME = "路试英"
PASSWORD = "walk-Passw0rd-2026"
LATIN_WORD = re.compile(r"[A-Za-z_]{2,}")
# File formats are named as their makers do, in Chinese as in English.
FORMAT_NAMES = {"csv", "excel", "word", "xlsx", "docx", "pdf"}

SETUP = f"""
from django.contrib.auth.models import User
from core.models import Region
from honors.models import Honor, HonorTitle, Recipient
from honors.services import save_honor, save_recipient
editor = User.objects.get(username="walk-editor")
editor.last_name, editor.first_name = "李", "晓燕"
editor.save()
reviewer = User.objects.get(username="walk-reviewer")
reviewer.last_name, reviewer.first_name = "张", "丽华"
reviewer.save()
recipient = Recipient(kind="individual", name="{NAME}", gender="female")
save_recipient(recipient, user=editor)
honor = Honor(
    title=HonorTitle.objects.get(slug="sanba-hongqishou"), recipient=recipient, level="city",
    year=2026, region=Region.objects.get(code="371602"), conferring_body="滨州市妇联",
    unit="滨城区市东街道妇联", post="主席",
)
save_honor(honor, user=editor, reason="新录入")
print(honor.pk)
"""

OBJECTION = """
from honors.models import Honor
from core.objections import submit_objection
submit_objection(Honor.objects.get(pk={pk}), name="赵某", phone="13800000000", content="事迹有出入")
"""

# The time-travel step: the notice was published on its first day and its period is over.
TIME_TRAVEL = """
import datetime
from django.utils import timezone
from honors.models import Honor
today = timezone.localdate()
start = today - datetime.timedelta(days=14)
Honor.objects.filter(pk={pk}).update(
    notice_start=start, notice_end=today - datetime.timedelta(days=1),
    notice_published_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9))),
)
"""


def english_words(page) -> list[str]:
    """Latin words in the page's visible text (the user names are set to Chinese names)."""
    text = page.evaluate("() => document.body.innerText")
    return [word for word in LATIN_WORD.findall(text) if word.lower() not in FORMAT_NAMES]


def assert_chinese(page, where: str) -> None:
    words = english_words(page)
    assert words == [], f"{where} ({page.url}): {sorted(set(words))}"


def log_in(browser, base_url, username):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_load_state()
    assert_chinese(page, "admin index")
    return page


def run_action(page, base_url, action: str) -> None:
    page.goto(f"{base_url}/admin/honors/honor/?q={NAME}")
    assert_chinese(page, "changelist")
    page.locator("input.action-select").first.check()
    page.select_option("select[name=action]", action)
    page.locator("button[name=index]").click()
    page.wait_for_load_state()


@pytest.fixture
def staff(live_manage):
    for username, role, region in [
        ("walk-editor", "editor", "371602"),
        ("walk-reviewer", "reviewer", "371600"),
    ]:
        live_manage(
            "create_staff",
            username,
            "--role",
            role,
            "--region",
            region,
            "--password-from-stdin",
            stdin=PASSWORD,
        )
    return int(live_manage("shell", "-c", SETUP).strip().splitlines()[-1])


def test_editor_reviewer_notice_objection_conferral_in_chinese(
    browser, live_site, staff, live_manage
):
    pk = staff
    editor = log_in(browser, live_site, "walk-editor")
    run_action(editor, live_site, "workflow_submit")
    expect(editor.locator(".messagelist")).to_contain_text("提交审核：1 条记录")
    assert_chinese(editor, "after submit")

    reviewer = log_in(browser, live_site, "walk-reviewer")
    run_action(reviewer, live_site, "workflow_start_notice")
    assert_chinese(reviewer, "notice form")
    assert reviewer.locator("#id_notice_start").input_value()  # ISO, so the browser keeps it
    reviewer.locator("input[type=submit].default").click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator(".messagelist")).to_contain_text("开始公示：1 条记录")
    assert_chinese(reviewer, "after notice")

    live_manage("shell", "-c", OBJECTION.format(pk=pk))
    live_manage("shell", "-c", TIME_TRAVEL.format(pk=pk))
    run_action(reviewer, live_site, "workflow_confer")
    expect(reviewer.locator(".messagelist")).to_contain_text("异议")
    assert_chinese(reviewer, "confer refused")

    reviewer.goto(f"{live_site}/admin/core/objection/")
    assert_chinese(reviewer, "objections")
    reviewer.locator("input.action-select").first.check()
    reviewer.select_option("select[name=action]", "dismiss")
    reviewer.locator("button[name=index]").click()
    reviewer.wait_for_load_state()
    assert_chinese(reviewer, "settle form")
    reviewer.locator("textarea, input[name=note]").first.fill("经核实，事迹属实")
    reviewer.locator("input[type=submit].default").click()
    reviewer.wait_for_load_state()
    expect(reviewer.locator(".messagelist")).to_contain_text("异议不成立")
    assert_chinese(reviewer, "after dismissal")

    run_action(reviewer, live_site, "workflow_confer")
    expect(reviewer.locator(".messagelist")).to_contain_text("公示期满，授予：1 条记录")
    assert_chinese(reviewer, "after conferral")

    for changelist in ["honors/honor", "families/family", "programs/activity"]:
        reviewer.goto(f"{live_site}/admin/{changelist}/")
        assert_chinese(reviewer, changelist)
        width = reviewer.evaluate("() => document.scrollingElement.scrollWidth")
        assert width <= 1366, f"{changelist} is {width} pixels wide"
        # A status stays on one line (已授/予 wrapped before): its text has one line box.
        lines = reviewer.locator("#result_list td.field-status").evaluate_all(
            """(cells) => cells.map((cell) => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            })"""
        )
        assert all(count <= 1 for count in lines), f"{changelist}: {lines}"

    reviewer.goto(f"{live_site}/admin/honors/honor/{pk}/change/")
    assert_chinese(reviewer, "change form")
    reviewer.goto(f"{live_site}/admin/honors/honor/{pk}/history/")
    history = reviewer.locator("#change-history")
    expect(history).to_contain_text("张丽华")
    expect(history).to_contain_text("李晓燕")
    expect(history).to_contain_text("公示中")
    expect(history).to_contain_text("已授予")
    expect(history).to_contain_text("异议不成立")
    assert_chinese(reviewer, "history")
