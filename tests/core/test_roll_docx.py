"""The Word 名单 as an official document (GB/T 9704-2012), named for what it holds, in the
visitor's script and in the page's order (issue 16, item 1)."""

import io
import re
from urllib.parse import quote

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.models import Level
from tests.core.factories import CountyFactory
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.tabular_helpers import docx_lines

pytestmark = pytest.mark.django_db

NAME_MARKERS = re.compile(r"<!--/?name-->")


def page_entries(client, path: str, query: dict) -> list[str]:
    page = client.get(path, query).content.decode()
    roll = page.split('<article class="roll">')[1].split("</article>")[0]
    return [NAME_MARKERS.sub("", li) for li in re.findall(r"<li>(.*?)</li>", roll)]


def docx_entries(document) -> list[str]:
    entries = []
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells if cell.text]
            if len(row.cells) == 2:
                entries.append("\u3000".join(cells))
            else:
                entries.extend(cells)
    return entries


def eastasia(run_or_style) -> str:
    fonts = run_or_style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


@pytest.fixture
def sanba_2040():
    title = HonorTitleFactory(name="三八红旗手", name_hant="三八紅旗手", slug="sanba-2040")
    county = CountyFactory(name="沾化区", name_hant="沾化區")
    for name, unit in [
        ("雍桂荣", "滨城区妇联"),
        ("王书茂", "沾化区妇联"),
        ("王伟", "惠民县"),
        ("于蓝", ""),
    ]:
        HonorFactory(
            title=title,
            recipient=RecipientFactory(name=name),
            unit=unit,
            post="主席" if unit else "",
            year=2040,
            level=Level.CITY,
            region=county,
            conferring_body="滨州市妇联",
            document_number="滨妇字〔2040〕3号",
        )
    return title


QUERY = {"year": 2040, "level": "city", "title": "sanba-2040"}


def test_the_word_roll_is_named_for_its_filters_with_an_ascii_fallback(client, sanba_2040):
    response = client.get("/honors/roll.docx", QUERY)
    disposition = response["Content-Disposition"]
    assert f"filename*=utf-8''{quote('2040年度市级三八红旗手名单.docx')}" in disposition
    assert 'filename="2040-niandushijisanbahongqishoumingdan.docx"' in disposition
    for path, extension in [("/honors/export.csv", "csv"), ("/honors/export.xlsx", "xlsx")]:
        disposition = client.get(path, QUERY)["Content-Disposition"]
        assert quote(f"2040年度市级三八红旗手名单.{extension}") in disposition
    unfiltered = client.get("/honors/export.csv")["Content-Disposition"]
    assert quote("荣誉表彰名单.csv") in unfiltered


def test_the_word_roll_has_the_official_page_fonts_and_page_number(client, sanba_2040):
    document = Document(io.BytesIO(client.get("/honors/roll.docx", QUERY).getvalue()))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    type_width = section.page_width - section.left_margin - section.right_margin
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(type_width - Mm(156)) < Mm(0.1) and abs(type_height - Mm(225)) < Mm(0.1)
    normal = document.styles["Normal"]
    assert eastasia(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)
    title_run = document.paragraphs[0].runs[0]
    assert document.paragraphs[0].text == "滨州市妇联2040年度市级表彰名单"
    assert eastasia(title_run) == "方正小标宋简体" and title_run.font.size == Pt(22)
    assert document.paragraphs[1].text == "滨妇字〔2040〕3号"
    headings = [p for p in document.paragraphs if p.text.startswith("三八红旗手")]
    assert headings and eastasia(headings[0].runs[0]) == "黑体"
    cell_run = document.tables[0].rows[0].cells[0].paragraphs[0].runs[0]
    assert eastasia(cell_run) == "仿宋_GB2312"
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in "".join(footer._element.itertext())
        assert 'w:fldCharType="begin"' in xml and footer.paragraphs[0].text.startswith("— ")
    font_table = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    assert (
        'w:name="仿宋_GB2312"' in font_table.blob.decode()
        and "w:altName" in font_table.blob.decode()
    )


def test_the_word_roll_lists_the_page_s_entries_in_the_page_s_order(client, sanba_2040):
    document = Document(io.BytesIO(client.get("/honors/roll.docx", QUERY).getvalue()))
    entries = page_entries(client, "/honors/roll/", QUERY)
    assert [e[:3] for e in entries] == ["于\u3000蓝", "王\u3000伟", "王书茂", "雍桂荣"]
    assert docx_entries(document) == entries


def test_the_traditional_word_roll_is_all_traditional_and_keeps_names(client, sanba_2040):
    response = client.get("/zh-hant/honors/roll.docx", QUERY)
    assert quote("2040年度市級三八紅旗手名單.docx") in response["Content-Disposition"]
    document = Document(io.BytesIO(response.getvalue()))
    entries = page_entries(client, "/zh-hant/honors/roll/", QUERY)
    assert docx_entries(document) == entries
    text = "\n".join(p.text for p in document.paragraphs)
    assert "名單" in text and "名单" not in text and "三八紅旗手" in text
    assert entries[0].startswith("于\u3000藍")  # 于 is a surname of its own: never 於
    assert any("沾化區婦聯主席" in e for e in entries)  # not 霑化
    assert "沾化區（4人）" in docx_lines(document)  # the county as stored for traditional
