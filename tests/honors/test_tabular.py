"""Honour lists in and out: round trip, row checks, exports, the official list."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from core.models import Region
from core.tabular import Table, headers, read_table, rows_for
from honors.models import Honor, Recipient
from honors.tabular import COLUMNS, HonorImporter, export_queryset, roll_entry
from tests.tabular_helpers import (
    csv_upload,
    docx_lines,
    read_csv_response,
    read_xlsx_response,
    xlsx_upload,
)

pytestmark = pytest.mark.django_db
HEADERS = headers(COLUMNS)


def staff_rows(queryset) -> list[list[str]]:
    return [
        ["" if value is None else str(value) for value in row]
        for row in rows_for(export_queryset(queryset.order_by("pk")), COLUMNS)
    ]


def good_row(**changes) -> list[str]:
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "年度": "2023",
            "称号": "三八红旗手",
            "级别": "市级",
            "姓名或集体全称": "測試人",
            "性别": "女",
            "地区代码": "371602",
            "工作单位": "濱城區婦聯",
            "职务": "主席",
            "授予机关": "濱州市婦聯",
        }
    )
    row.update(changes)
    return [row[h] for h in HEADERS]


def run(rows, commit=True, archive=False):
    return HonorImporter(archive=archive).run(Table(HEADERS, rows), commit=commit)


def test_round_trip_export_import_into_an_empty_database_export_again():
    original = staff_rows(Honor.objects.all())
    Honor.objects.all().delete()
    Recipient.objects.all().delete()
    result = run(original, archive=True)  # the operator restores statuses and notices as well
    assert result.committed and result.count("new") == len(original)
    assert sorted(staff_rows(Honor.objects.all())) == sorted(original)


def test_importing_the_same_file_again_changes_nothing():
    rows = staff_rows(Honor.objects.filter(level="provincial"))
    result = run(rows)
    assert result.count("unchanged") == len(rows) and result.count("new") == 0


@pytest.mark.usefixtures("demo_year")
def test_same_person_title_level_and_year_updates_instead_of_doubling():
    honor = Honor.objects.filter(recipient__kind="individual", level="city").first()
    Honor.objects.filter(pk=honor.pk).update(status="draft")  # a conferred one is not rewritten
    row = staff_rows(Honor.objects.filter(pk=honor.pk))[0]
    row[HEADERS.index("职务")] = "新職務"
    before = Honor.objects.count()
    result = run([row])
    assert result.count("update") == 1 and Honor.objects.count() == before
    honor.refresh_from_db()
    assert honor.post == "新職務"


@pytest.mark.usefixtures("demo_year")
def test_a_partial_file_with_the_identity_columns_imports():
    keep = ["年度", "稱號", "級別", "姓名或集體全稱", "地區代碼", "授予機關"]  # traditional headers
    table = Table(keep, [["2023", "三八紅旗手", "市級", "新同志", "371603", "沾化區婦聯"]])
    result = HonorImporter().run(table, commit=True)
    assert result.count("new") == 1
    honor = Honor.objects.get(recipient__name="新同志")
    assert (honor.status, honor.recipient.gender) == ("draft", "female")


@pytest.mark.usefixtures("demo_year")
def test_bad_rows_are_named_by_line_and_column_and_nothing_is_written():
    rows = [
        good_row(姓名或集体全称="甲"),
        good_row(姓名或集体全称="乙", 性别="未知"),
        good_row(姓名或集体全称="丙", 地区代码="999999"),
        good_row(姓名或集体全称="丁", 身份证号码="110105194912310021"),
        good_row(姓名或集体全称=""),
        good_row(姓名或集体全称="戊", 年度="2999"),
        good_row(姓名或集体全称="甲"),
    ]
    before = Honor.objects.count()
    result = run(rows)
    assert not result.committed and Honor.objects.count() == before
    messages = result.error_messages
    assert "第3行「性别」应为“女”或“男”" in messages
    assert any(m.startswith("第4行「地区代码」没有代码为“999999”") for m in messages)
    assert any(m.startswith("第5行「身份证号码」") and "校验位" in m for m in messages)
    assert "第6行「姓名或集体全称」不能为空" in messages
    assert "第7行「年度」不能是将来的年份" in messages
    assert "第8行与第2行重复" in messages
    assert result.count("new") == 1  # the first row was fine, but it too was rolled back


def test_a_missing_identity_column_is_a_file_error():
    result = HonorImporter().run(Table(["年度", "称号"], [["2023", "三八紅旗手"]]), commit=True)
    assert result.file_errors and "级别" in result.file_errors[0]


@pytest.mark.usefixtures("demo_year")
def test_a_formula_in_a_cell_is_stored_as_plain_text():
    table = read_table(xlsx_upload([HEADERS, good_row(事迹='=HYPERLINK("http://x")')]))
    assert HonorImporter().run(table, commit=True).committed
    assert Honor.objects.get(recipient__name="測試人").deeds == '=HYPERLINK("http://x")'


@pytest.mark.usefixtures("demo_year")
def test_ten_thousand_rows_import_in_one_transaction():
    rows = [HEADERS] + [good_row(姓名或集体全称=f"測{i:05d}") for i in range(10_000)]
    table = read_table(csv_upload(rows))
    result = HonorImporter().run(table, commit=True)
    assert result.committed and result.count("new") == 10_000
    assert Honor.objects.filter(year=2023, recipient__name__startswith="測").count() == 10_000


@pytest.mark.usefixtures("demo_year")
def test_public_csv_is_the_filtered_list_with_public_columns_only(client):
    response = client.get(reverse("honors:export-csv"), {"year": 2022, "level": "provincial"})
    rows = read_csv_response(response)
    assert "身份证号码" not in rows[0] and "联系电话" not in rows[0] and "状态" not in rows[0]
    expected = Honor.objects.public().filter(year=2022, level="provincial").count()
    assert len(rows) - 1 == expected
    assert not any(
        r.id_number in "".join(map(str, rows)) for r in Recipient.objects.exclude(id_number="")[:20]
    )


@pytest.mark.usefixtures("demo_year")
def test_public_export_neutralises_formulas(client):
    honor = Honor.objects.public().first()
    honor.deeds = "=cmd|' /C calc'!A0"
    honor.save()
    rows = read_csv_response(client.get(reverse("honors:export-csv"), {"q": honor.recipient.name}))
    assert "'=cmd|' /C calc'!A0" in rows[1]


@pytest.mark.usefixtures("demo_year")
def test_public_xlsx_has_a_frozen_header_widths_and_the_filters(client):
    response = client.get(reverse("honors:export-xlsx"), {"year": 2022, "level": "city"})
    workbook = read_xlsx_response(response)
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == headers(
        [c for c in COLUMNS if not (c.private or c.staff)]
    )
    assert sheet.column_dimensions["E"].width > 10
    notes = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert notes["年度"] == "2022" and notes["级别"] == "市级"
    assert sheet.max_row - 1 == Honor.objects.public().filter(year=2022, level="city").count()


def test_export_with_bad_filters_is_400_with_a_message(client):
    response = client.get(reverse("honors:export-csv"), {"year": "abc"})
    assert response.status_code == 400 and "筛选条件有误" in response.content.decode()


@pytest.mark.usefixtures("demo_year")
def test_word_roll_holds_every_name_grouped_by_county_and_in_stroke_order(client):
    # An honour counted at a town still lists under its county, in stroke order.
    moved = Honor.objects.filter(year=2022, level="city", title__slug="sanba-hongqishou").last()
    moved.region = Region.objects.filter(path__startswith=moved.region.path, level="town").first()
    moved.save()
    params = {"year": 2022, "level": "city", "title": "sanba-hongqishou"}
    response = client.get(reverse("honors:roll-docx"), params)
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    lines = docx_lines(document)
    assert lines[0] == "滨州市妇联2022年度市级表彰名单"
    assert "三八红旗手（120人）" in lines
    honors = Honor.objects.public().filter(year=2022, level="city", title__slug="sanba-hongqishou")
    expected = []
    for county in Region.objects.filter(parent__code="371600").order_by("path"):
        in_county = sorted(
            honors.filter(region__path__startswith=county.path).select_related("recipient"),
            key=lambda h: (h.recipient.stroke_key, h.pk),
        )
        if in_county:
            expected.append(f"{county.name}（{len(in_county)}人）")
            expected.extend(roll_entry(h) for h in in_county)
    start = lines.index("三八红旗手（120人）") + 1
    assert lines[start : start + len(expected)] == expected
    assert sum(1 for line in expected if "（" not in line or "　" in line) >= 120


@pytest.mark.usefixtures("demo_year")
def test_printable_roll_page_notes_the_order_and_pads_names(client):
    response = client.get(reverse("honors:roll"), {"year": 2022, "level": "city"})
    page = response.content.decode()
    assert (
        "按姓氏笔画排序" in page and "三八红旗集体（60个）" in page
    )  # shown in the visitor's script
    assert "\u3000" in page


def test_import_command_reports_bad_rows_and_exits_non_zero(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_upload([HEADERS, good_row(性别="未知")]).read())
    with pytest.raises(CommandError):
        call_command("import_honors", str(path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.usefixtures("demo_year")
def test_import_command_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_upload([HEADERS, good_row()]).read())
    out = io.StringIO()
    call_command("import_honors", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "新增 1 行" in out.getvalue()
    assert not Honor.objects.filter(recipient__name="測試人").exists()
    call_command("import_honors", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert Honor.objects.filter(recipient__name="測試人").exists()
