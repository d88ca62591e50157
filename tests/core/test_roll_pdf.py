"""The 名单 as PDF: the page's entries in the page's order, A4, page numbers, the Word
file's title and 文号, CJK fonts embedded with a glyph for every name (issue 16, item 2)."""

import io
import re
from urllib.parse import quote

import pytest
from PIL import Image
from pypdf import PdfReader

from core.models import Level
from tests.core.factories import CountyFactory
from tests.core.test_roll_docx import page_entries
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.pdf_helpers import drawable_characters, needs_poppler, page_png, pdf_text

pytestmark = [pytest.mark.django_db, needs_poppler]

QUERY = {"year": 2041, "level": "city", "title": "sanba-2041"}
PEOPLE = ["雍桂荣", "王书茂", "王伟", "于蓝", "𠮷祥", "欧阳娜娜", "劉曉慶", "乾红梅"]


@pytest.fixture
def roll_2041():
    title = HonorTitleFactory(name="三八红旗手", name_hant="三八紅旗手", slug="sanba-2041")
    county = CountyFactory()
    for name in PEOPLE:
        HonorFactory(
            title=title,
            recipient=RecipientFactory(name=name),
            unit="沾化区妇联",
            post="主席",
            year=2041,
            level=Level.CITY,
            region=county,
            conferring_body="滨州市妇联",
            document_number="滨妇字〔2041〕7号",
        )


def assert_in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing or out of order"
        position = found + len(piece)


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_the_pdf_roll_holds_the_page_s_entries_in_order(client, tmp_path, roll_2041, prefix):
    response = client.get(f"{prefix}/honors/roll.pdf", QUERY)
    assert response["Content-Type"] == "application/pdf"
    name = "2041年度市级三八红旗手名单.pdf" if not prefix else "2041年度市級三八紅旗手名單.pdf"
    assert quote(name) in response["Content-Disposition"]
    pdf = response.getvalue()
    text = re.sub(r"\s", "", pdf_text(pdf, tmp_path))
    entries = page_entries(client, f"{prefix}/honors/roll/", QUERY)
    assert len(entries) == len(PEOPLE)
    heading = "滨州市妇联2041年度市级表彰名单" if not prefix else "濱州市婦聯2041年度市級表彰名單"
    assert_in_order(text, [heading, "滨妇字〔2041〕7号" if not prefix else "濱婦字〔2041〕7號"])
    assert_in_order(text, [e.replace("\u3000", "") for e in entries])
    assert "—1—" in text  # the page number


def test_the_pdf_roll_is_a4_with_every_name_drawn_by_an_embedded_cjk_font(
    client, tmp_path, roll_2041
):
    pdf = client.get("/honors/roll.pdf", QUERY).getvalue()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in page.mediabox.upper_right)
    assert round(width_mm) == 210 and round(height_mm) == 297
    drawable, not_embedded = drawable_characters(pdf)
    assert not not_embedded
    for entry in page_entries(client, "/honors/roll/", QUERY):
        missing = set(entry) - drawable - {"\u3000"}
        assert not missing, f"no glyph for {missing} in {entry}"
    png = Image.open(page_png(pdf, tmp_path)).convert("L")
    assert abs(png.size[0] - 210 / 25.4 * 50) <= 1 and abs(png.size[1] - 297 / 25.4 * 50) <= 1
    # Ink only inside the page's margins: the type area plus the footer's page number.
    left, top, right, bottom = png.point(lambda v: 255 if v < 128 else 0).getbbox()
    px = 50 / 25.4
    assert left >= 27 * px and right <= (210 - 25) * px and top >= 36 * px
    assert bottom <= (297 - 10) * px


def test_a_list_too_long_for_a_pdf_gets_a_message_not_a_worker_tied_up(
    client, roll_2041, monkeypatch
):
    from core.documents import views

    monkeypatch.setattr(views, "MAX_PDF_ENTRIES", 5)
    response = client.get("/honors/roll.pdf", QUERY)
    assert response.status_code == 400
    assert "超过PDF的上限5条" in response.content.decode()
