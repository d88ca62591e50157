"""Certificates (荣誉证书): one page per conferred record of a list, in the official order,
from the title's template (issue 16, item 3)."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from core.documents.certificates import Certificate, chinese_date, render_chunk
from core.models import CertificateField, CertificateTemplate, Status
from honors.models import Honor, HonorTitle
from honors.tabular import build_honor_roll
from tests.pdf_helpers import drawable_characters, needs_poppler, page_png, pdf_text

pytestmark = [pytest.mark.django_db, needs_poppler]

SANBA = "year=2022&level=city&title=sanba-hongqishou"


def roll_names(queryset) -> list[str]:
    roll = build_honor_roll(queryset, {})
    # The roll notes a minority's ethnicity after the name; a certificate prints the name.
    return [
        re.sub(r"（.*?）", "", e.name) for g in roll.groups for r in g.regions for e in r.entries
    ]


def page_texts(pdf: bytes, tmp_path) -> list[str]:
    return [re.sub(r"\s", "", page) for page in pdf_text(pdf, tmp_path).split("\f")][:-1]


@pytest.mark.usefixtures("demo_year")
def test_the_2022_city_sanba_list_prints_one_certificate_per_name_in_the_roll_s_order(tmp_path):
    output = tmp_path / "sanba.pdf"
    call_command("print_certificates", SANBA, "-o", str(output), stdout=io.StringIO())
    pdf = output.read_bytes()
    honors = Honor.objects.public().filter(year=2022, level="city", title__slug="sanba-hongqishou")
    names = roll_names(honors)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(names) == 120
    texts = page_texts(pdf, tmp_path)
    assert len(texts) == 120
    for text, name in zip(texts, names, strict=True):
        assert text.startswith(re.sub(r"\s", "", name) + "同志："), (text[:20], name)
        assert "被评为2022年度市级三八红旗手。" in text
    drawable, not_embedded = drawable_characters(pdf)
    assert not not_embedded
    assert not {c for name in names for c in name} - drawable - {"\u3000"}
    page_png(pdf, tmp_path, page=1)  # renders


def test_a_bad_query_or_an_empty_list_writes_nothing(tmp_path):
    output = tmp_path / "none.pdf"
    with pytest.raises(CommandError, match="筛选条件有误"):
        call_command("print_certificates", "year=abc", "-o", str(output))
    with pytest.raises(CommandError, match="没有符合条件"):
        call_command("print_certificates", "q=查无此人", "-o", str(output))
    with pytest.raises(CommandError, match="没有名为"):
        call_command("print_certificates", "", "--list", "nope", "-o", str(output))
    assert list(tmp_path.iterdir()) == []


def test_a_title_s_template_sets_the_page_the_wording_and_the_positions(tmp_path):
    template = CertificateTemplate.objects.create(
        name="测试证书",
        page_width_mm=210,
        page_height_mm=297,
        name_suffix="：",
        wording="荣获{year}年度{level}{title}称号",
    )
    CertificateField.objects.create(
        template=template,
        kind="name",
        x_mm=Decimal(100),
        y_mm=Decimal(50),
        width_mm=Decimal(100),
        size_pt=30,
    )
    CertificateField.objects.create(
        template=template, kind="wording", x_mm=20, y_mm=120, width_mm=170, size_pt=20
    )
    certificate = Certificate(
        name="王\u3000伟",
        title="三八红旗手",
        level="市级",
        year=2022,
        body="滨州市妇联",
        document_number="",
        template=template,
    )
    pdf = render_chunk([certificate, certificate])
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (210, 297)
    text = page_texts(pdf, tmp_path)[0]
    assert text == "王伟：荣获2022年度市级三八红旗手称号"  # the body is not in this layout
    (tmp_path / "c.pdf").write_bytes(pdf)
    import subprocess

    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    x_min = float(re.search(r'<word xMin="([\d.]+)"[^>]*>王', bbox).group(1))
    assert abs(x_min * 25.4 / 72 - 100) < 1  # 100 mm from the left


def test_the_date_is_written_in_chinese_numerals():
    import datetime

    assert chinese_date(datetime.date(2023, 3, 8)) == "二〇二三年三月八日"
    assert chinese_date(datetime.date(2020, 12, 20)) == "二〇二〇年十二月二十日"
    assert chinese_date(datetime.date(2021, 10, 31)) == "二〇二一年十月三十一日"


def test_only_conferred_records_get_a_certificate():
    from honors.certificates import certificates
    from tests.honors.factories import HonorFactory

    title = HonorTitle.objects.create(
        name="测试称号甲", slug="test-jia", recipient_kind="individual"
    )
    HonorFactory(title=title, status=Status.CONFERRED)
    HonorFactory(title=title, status=Status.DRAFT)
    assert len(list(certificates(Honor.objects.filter(title=title)))) == 1


@pytest.mark.usefixtures("demo_year")
def test_the_families_list_prints_its_conferred_families(tmp_path):
    from families.models import Family

    output = tmp_path / "families.pdf"
    out = io.StringIO()
    call_command(
        "print_certificates",
        "level=provincial",
        "--list",
        "families",
        "-o",
        str(output),
        stdout=out,
    )
    count = Family.objects.public().filter(level="provincial").count()
    assert len(PdfReader(str(output)).pages) == count > 0
    assert f"已生成 {count} 张证书" in out.getvalue()
