"""The report's files as they go to print: the press release in one script with every figure
in a sentence, official fonts; the workbook with numbers as numbers (issue 16, item 4)."""

import io
from urllib.parse import quote

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from reports.models import Figure
from reports.services import FigureResult
from tests.tabular_helpers import read_xlsx_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def press_release(client, prefix=""):
    response = client.get(f"{prefix}/reports/2022.docx")
    return response, Document(io.BytesIO(b"".join(response.streaming_content)))


def test_the_press_release_reads_as_written(client):
    response, document = press_release(client)
    assert quote("滨州市妇联2022年工作情况.docx") in response["Content-Disposition"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "为190名低收入“两癌”妇女发放救助金112万元" in text
    assert "发放救助金，救助金" not in text
    assert "全年累计开展巾帼宣讲线下活动762场次，受益7.55万人次" in text
    assert "一、聚焦思想引领" in text
    assert "{value}" not in text and "{}" not in text


def test_the_press_release_is_an_official_document_in_one_script(client):
    _response, document = press_release(client)
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    title = document.paragraphs[0].runs[0]
    fonts = title.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    heading = next(p for p in document.paragraphs if p.text.startswith("一、"))
    assert heading.runs[0].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    text = "\n".join(p.text for p in document.paragraphs)
    for traditional in "婦聯開導區滿總計實":
        assert traditional not in text, traditional


def test_the_traditional_press_release_is_traditional_and_keeps_region_names(client):
    response, document = press_release(client, "/zh-hant")
    assert quote("濱州市婦聯2022年工作情況.docx") in response["Content-Disposition"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "全年累計開展巾幗宣講線下活動762場次" in text
    for simplified in "妇联开导区计实":
        assert simplified not in text, simplified


def test_the_english_site_gets_the_chinese_files(client):
    _response, document = press_release(client, "/en")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "762场次" in text and "sessions" not in text


def test_a_phrase_holds_its_value_where_it_says():
    figure = Figure(label="救助金", phrase="发放救助金{value}，惠及妇女")
    assert FigureResult(figure, 1, "112万元").sentence == "发放救助金112万元，惠及妇女"
    figure.phrase = "受益{}"  # the older mark still works
    assert FigureResult(figure, 1, "7.55万人次").sentence == "受益7.55万人次"
    figure.phrase = ""
    assert FigureResult(figure, 1, "112万元").sentence == "救助金112万元"


def test_the_workbook_holds_numbers_units_and_wording_in_named_sheets(client):
    response = client.get("/reports/2022.xlsx")
    assert quote("滨州市2022年工作指标.xlsx") in response["Content-Disposition"]
    workbook = read_xlsx_response(response)
    assert workbook.sheetnames[0] == "2022年指标汇总"
    assert {"思想引领·分县", "服务发展·分县", "维权关爱·分县"} <= set(workbook.sheetnames)
    summary = workbook["2022年指标汇总"]
    assert [c.value for c in summary[1]][:5] == ["工作领域", "指标", "数值", "单位", "报告写法"]
    rows = {row[1]: row for row in summary.iter_rows(min_row=2, values_only=True) if row[1]}
    assert rows["巾帼宣讲线下活动"][2:5] == (762, "场次", "762场次")
    assert rows["巾帼宣讲受益人次"][2:5] == (75500, "人次", "7.55万人次")
    assert rows["提供岗位"][4] == "8700余个" and isinstance(rows["提供岗位"][2], int)
    assert abs(rows["美丽庭院建成率"][2] - 0.381) < 0.0005
    assert summary.cell(row=2, column=3).number_format == "#,##0.##"


def test_each_county_sheet_adds_up_to_its_totals(client):
    workbook = read_xlsx_response(client.get("/reports/2022.xlsx"))
    checked = 0
    for sheet in workbook.worksheets[1:]:
        header = [c.value for c in sheet[1]]
        assert header[-1] == "本级及其他"
        for row in sheet.iter_rows(min_row=2, values_only=True):
            label, _unit, total, *parts = row
            if total is None or "率" in label:
                continue
            assert all(isinstance(v, int | float) for v in parts if v is not None), label
            assert abs(sum(v for v in parts if v is not None) - total) < 1e-6, label
            checked += 1
    assert checked >= 30
    lectures = workbook["思想引领·分县"]
    rows = {row[0]: row for row in lectures.iter_rows(min_row=2, values_only=True)}
    assert rows["巾帼宣讲线下活动"][2] == 762
