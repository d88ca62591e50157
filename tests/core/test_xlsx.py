"""The XLSX writer: XlsxWriter's layout with the data rows spliced in, read back by openpyxl."""

import datetime
import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from core.tabular import Column, read_table
from core.xlsx import SHEET, write_xlsx

COLUMNS = [
    Column("name", "姓名", str, width=20),
    Column("year", "年度", str),
    Column("amount", "金额", str),
    Column("date", "日期", str),
    Column("note", "备注", str, width=40),
]
ROWS = [
    ["王秀英", 2022, Decimal("1500.50"), datetime.date(2023, 3, 8), '=HYPERLINK("x")'],
    ["A&B <合作社>", 2021, None, None, "  前后有空格  "],
    ["控制\x01字符", 2020, 0, "", "+1"],
]


def written(rows=ROWS, notes=(("年度", "2022"),)) -> bytes:
    target = io.BytesIO()
    write_xlsx(rows, COLUMNS, list(notes), target)
    return target.getvalue()


@pytest.mark.parametrize("read_only", [False, True])
def test_cells_read_back_with_their_types(read_only):
    workbook = load_workbook(io.BytesIO(written()), read_only=read_only)
    sheet = workbook.worksheets[0]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["姓名", "年度", "金额", "日期", "备注"],
        ["王秀英", 2022, 1500.5, "2023-03-08", '=HYPERLINK("x")'],
        ["A&B <合作社>", 2021, None, None, "  前后有空格  "],
        ["控制字符", 2020, 0, None, "+1"],
    ]
    assert sheet.max_row == 4 and sheet.max_column == 5  # the dimension is the real size


def test_text_is_never_a_formula_and_the_layout_is_kept():
    workbook = load_workbook(io.BytesIO(written()))
    sheet = workbook.worksheets[0]
    assert sheet["E2"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width
    assert [list(r) for r in workbook.worksheets[1].iter_rows(values_only=True)] == [
        ["年度", "2022"]
    ]


def test_the_sheet_is_well_formed_xml_and_an_empty_list_has_just_the_header():
    package = zipfile.ZipFile(io.BytesIO(written(rows=[])))
    ElementTree.fromstring(package.read(SHEET))
    assert b'<dimension ref="A1:E1"/>' in package.read(SHEET)
    sheet = load_workbook(io.BytesIO(written(rows=[])), read_only=True).worksheets[0]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["姓名", "年度", "金额", "日期", "备注"]
    ]


def test_the_importer_reads_what_the_writer_wrote():
    upload = io.BytesIO(written())
    upload.name = "名单.xlsx"
    table = read_table(upload)
    assert table.headers == ["姓名", "年度", "金额", "日期", "备注"]
    assert table.rows[0][:4] == ["王秀英", "2022", "1500.5", "2023-03-08"]


def test_what_a_cell_cannot_hold_is_written_as_text_or_cut():
    rows = [["x" * 40_000, float("nan"), Decimal("Infinity"), None, None]]
    sheet = load_workbook(io.BytesIO(written(rows=rows))).worksheets[0]
    assert [c.value for c in sheet[2]][:3] == ["x" * 32_767, "nan", "Infinity"]
