"""The annual report is computed from the records and reproduces the 2022 figures."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from core.models import Region
from reports.models import Figure
from reports.services import year_report
from tests.programs.factories import ActivityFactory
from tests.tabular_helpers import read_xlsx_response

pytestmark = pytest.mark.django_db

# DOMAIN.md's table, as the report writes it (the interface writes 万 in simplified).
SEED = {
    "巾幗宣講線下活動": "762場次",
    "巾幗宣講受益人次": "7.55万人次",
    "推薦獲評省級以上三八紅旗集體（手）": "11個",
    "表揚市級三八紅旗集體（手）": "180個",
    "最美基層婦聯人（組織）": "40個",
    "培訓婦女": "3.9万人",
    "「黃河人家」精品村": "20個",
    "巾幗惠企貸": "1500万元",
    "市級巾幗科技創新之星": "20名",
    "女性專場招聘會": "13場",
    "提供崗位": "8700余個",
    "手工技能、家政服務等培訓": "72期",
    "巾幗志願服務直通車": "115場",
    "鄉村振興受益婦女": "5.88万人次",
    "巧手創業工作室、暖心港灣": "8個",
    "建成各級美麗庭院": "167275戶",
    "美麗庭院建成率": "38.1%",
    "市級美麗庭院": "2000戶",
    "美麗庭院標桿村": "30個",
    "「最美家庭」「好媳婦」「好婆婆」等典型": "1.17万戶（人）",
    "家庭教育促進法宣傳": "600余場次",
    "好家庭好家教好家風巡講巡展": "350余場",
    "「齊魯潤春蕾」公益資金": "130余万元",
    "「齊魯潤春蕾」服務兒童": "3800余人次",
    "少兒公益託管班": "70余期",
    "託管兒童": "2000人次",
    "兒童友好社區": "25個",
    "「兩癌」免費檢查": "11.13万人",
    "低收入「兩癌」婦女救助": "190名",
    "救助金": "112万元",
    "新領域婦聯": "220個",
    "「婦女微家」": "1.1万余個",
    "各級執委培訓": "296場次",
    "執委培訓人次": "2.17万人次",
    "領辦項目": "1.8万余個",
    "辦實事": "2万余件",
    "省級婦女兒童家園規範提升": "13個",
    "省級婦女兒童工作先進集體": "1個",
}


def city():
    return Region.objects.get(code="371600")


def texts(year=2022, region=None):
    sections = year_report(year, region or city(), by_region=False)
    return {r.figure.label: r.text for s in sections for r in s.results}


def result_of(response, label):
    results = [r for section in response.context["sections"] for r in section.results]
    return next(r for r in results if r.figure.label == label)


def test_the_2022_report_reproduces_the_seed_figures_from_records():
    assert texts() == SEED


def test_a_new_lecture_activity_changes_762_to_763():
    program = Figure.objects.get(label="巾幗宣講線下活動").programs.get()
    ActivityFactory(
        program=program,
        kind="lecture",
        date=datetime.date(2022, 5, 4),
        region=city(),
        people_served=10,
    )
    assert texts()["巾幗宣講線下活動"] == "763場次"


def test_a_figure_staff_add_in_the_admin_is_computed(staff_client):
    response = staff_client.post(
        reverse("admin:reports_figure_add"),
        {
            "focus_area": "family",
            "position": "1",
            "label": "好婆婆",
            "unit": "人",
            "phrase": "",
            "is_published": "on",
            "source": "families",
            "measure": "count",
            "family_titles": [],
            "family_levels": ["city"],
            "rounding_step": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert texts()["好婆婆"].endswith("人")


def test_a_measure_that_does_not_fit_the_source_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:reports_figure_add"),
        {
            "focus_area": "family",
            "position": "1",
            "label": "錯",
            "source": "honors",
            "measure": "people_served",
            "rounding_step": "0",
        },
    )
    assert response.status_code == 200
    assert "这个统计方式不适用于所选的数据来源" in response.content.decode()


def test_report_page_shows_figures_charts_and_the_year_before(client):
    response = client.get(reverse("reports:year", args=[2022]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "762场次" in page and "167275户" in page  # shown in simplified
    assert "<svg" in page and 'role="img"' in page and "<title" in page
    assert response.context["has_previous"]  # the demo has 2021 too
    lecture = next(
        r
        for s in response.context["sections"]
        for r in s.results
        if r.figure.label == "巾幗宣講線下活動"
    )
    assert lecture.previous == round(762 * 0.85) and lecture.change_text.startswith("+")


def test_county_report_shows_each_towns_share(client):
    county = Region.objects.get(code="371602")
    response = client.get(reverse("reports:region", args=[2022, county.code]))
    lecture = next(
        r
        for s in response.context["sections"]
        for r in s.results
        if r.figure.label == "巾幗宣講線下活動"
    )
    assert {rv.region.parent_id for rv in lecture.by_region} == {county.pk}
    assert sum(rv.value for rv in lecture.by_region) == lecture.value
    assert abs(sum(rv.share for rv in lecture.by_region) - 1) < 1e-9


def test_press_release_draft_has_the_figures_in_sentences(client):
    response = client.get(reverse("reports:docx", args=[2022]))
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "全年累計開展巾幗宣講線下活動762場次，受益7.55万人次" in text
    assert "建成各級美麗庭院167275戶，建成率38.1%" in text


def test_figures_workbook_has_a_column_per_county(client):
    workbook = read_xlsx_response(client.get(reverse("reports:xlsx", args=[2022])))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["工作领域", "指标", "合计"] and "濱城區" in header
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["巾幗宣講線下活動"][2] == "762場次"


@pytest.mark.parametrize("url", ["/reports/1800/", "/reports/2022/999999/", "/reports/abc/"])
def test_bad_years_and_regions_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_year_without_records_says_so(client):
    response = client.get(reverse("reports:year", args=[2015]))
    assert response.status_code == 200 and "还没有可以统计的记录" in response.content.decode()


def test_reports_index_goes_to_the_latest_year(client):
    response = client.get(reverse("reports:latest"))
    assert response.status_code == 302 and response["Location"].endswith("/reports/2022/")
