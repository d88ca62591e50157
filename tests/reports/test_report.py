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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

# DOMAIN.md's table, as the report writes it from the demo records (simplified, as staff type).
SEED = {
    "巾帼宣讲线下活动": "762场次",
    "巾帼宣讲受益人次": "7.55万人次",
    "推荐获评省级以上三八红旗集体（手）": "11个",
    "表扬市级三八红旗集体（手）": "180个",
    "最美基层妇联人（组织）": "40个",
    "培训妇女": "3.9万人",
    "“黄河人家”精品村": "20个",
    "巾帼惠企贷": "1500万元",
    "市级巾帼科技创新之星": "20名",
    "女性专场招聘会": "13场",
    "提供岗位": "8700余个",
    "手工技能、家政服务等培训": "72期",
    "巾帼志愿服务直通车": "115场",
    "乡村振兴受益妇女": "5.88万人次",
    "巧手创业工作室、暖心港湾": "8个",
    "建成各级美丽庭院": "167275户",
    "美丽庭院建成率": "38.1%",
    "市级美丽庭院": "2000户",
    "美丽庭院标杆村": "30个",
    "“最美家庭”“好媳妇”“好婆婆”等典型": "1.17万户（人）",
    "家庭教育促进法宣传": "600余场次",
    "好家庭好家教好家风巡讲巡展": "350余场",
    "“齐鲁润春蕾”公益资金": "130余万元",
    "“齐鲁润春蕾”服务儿童": "3800余人次",
    "少儿公益托管班": "70余期",
    "托管儿童": "2000人次",
    "儿童友好社区": "25个",
    "“两癌”免费检查": "11.13万人",
    "低收入“两癌”妇女救助": "190名",
    "救助金": "112万元",
    "新领域妇联": "220个",
    "“妇女微家”": "1.1万余个",
    "各级执委培训": "296场次",
    "执委培训人次": "2.17万人次",
    "领办项目": "1.8万余个",
    "办实事": "2万余件",
    "省级妇女儿童家园规范提升": "13个",
    "省级妇女儿童工作先进集体": "1个",
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
    program = Figure.objects.get(label="巾帼宣讲线下活动").programs.get()
    ActivityFactory(
        program=program,
        kind="lecture",
        date=datetime.date(2022, 5, 4),
        region=city(),
        people_served=10,
    )
    assert texts()["巾帼宣讲线下活动"] == "763场次"


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
        if r.figure.label == "巾帼宣讲线下活动"
    )
    assert lecture.previous == round(762 * 0.85) and lecture.change_text.startswith("增长")


def test_county_report_shows_each_towns_share(client):
    county = Region.objects.get(code="371602")
    response = client.get(reverse("reports:region", args=[2022, county.code]))
    lecture = next(
        r
        for s in response.context["sections"]
        for r in s.results
        if r.figure.label == "巾帼宣讲线下活动"
    )
    assert {rv.region.parent_id for rv in lecture.by_region} == {county.pk}
    assert sum(rv.value for rv in lecture.by_region) == lecture.value
    assert abs(sum(rv.share for rv in lecture.by_region) - 1) < 1e-9


def test_press_release_draft_has_the_figures_in_sentences(client):
    response = client.get(reverse("reports:docx", args=[2022]))
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "全年累计开展巾帼宣讲线下活动762场次，受益7.55万人次" in text
    assert "建成各级美丽庭院167275户，建成率38.1%" in text


def test_figures_workbook_has_a_column_per_county(client):
    workbook = read_xlsx_response(client.get(reverse("reports:xlsx", args=[2022])))
    sheet = workbook["思想引领·分县"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["指标", "单位", "合计"] and "滨城区" in header
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["巾帼宣讲线下活动"][1:3] == ("场次", 762)


@pytest.mark.parametrize("url", ["/reports/1800/", "/reports/2022/999999/", "/reports/abc/"])
def test_bad_years_and_regions_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_year_without_records_says_so(client):
    response = client.get(reverse("reports:year", args=[2015]))
    assert response.status_code == 200 and "还没有可以统计的记录" in response.content.decode()


def test_reports_index_goes_to_the_latest_year(client):
    response = client.get(reverse("reports:latest"))
    assert response.status_code == 302 and response["Location"].endswith("/reports/2022/")
