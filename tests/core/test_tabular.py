import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.tabular import TableError, clean_text, neutralise, read_table
from tests.tabular_helpers import csv_upload, xlsx_upload


@pytest.mark.parametrize("value", ["=1+1", "+86", "-2", "@SUM(A1)", '=HYPERLINK("x")'])
def test_cells_a_spreadsheet_would_run_are_neutralised(value):
    assert neutralise(value) == "'" + value
    assert clean_text(neutralise(value)) == value  # and read back as the same text


def test_ordinary_cells_are_left_alone():
    assert neutralise("張三") == "張三" and neutralise(2022) == 2022


def test_reads_csv_in_utf8_and_in_gb18030():
    assert read_table(csv_upload([["姓名"], ["劉芳"]])).rows == [["劉芳"]]
    gbk = SimpleUploadedFile("list.csv", "姓名\n刘芳\n".encode("gb18030"))
    assert read_table(gbk).rows == [["刘芳"]]


@pytest.mark.parametrize("formula", ["", "=1+1"])  # without a formula and with one
def test_reads_xlsx_cells_as_text_whichever_reader_reads_them(formula):
    upload = xlsx_upload(
        [
            ["年度", "日期", "金额", "姓名", "事迹"],
            [2022, datetime.date(2023, 3, 8), 12.5, "劉芳", formula or None],
            [None, None, None, "", "x"],
        ]
    )
    assert read_table(upload).rows == [
        ["2022", "2023-03-08", "12.5", "劉芳", formula],
        ["", "", "", "", "x"],
    ]


def test_reads_xlsx_and_keeps_a_formula_as_text():
    table = read_table(xlsx_upload([["年度", "事迹"], [2022, "=1+1"]]))
    assert table.rows == [["2022", "=1+1"]]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("list.xlsx", b""), "空"),
        (SimpleUploadedFile("list.xlsx", b"%PDF-1.7 not a sheet"), ".xlsx"),
        (SimpleUploadedFile("list.pdf", b"%PDF-1.7"), ".xlsx"),
        (SimpleUploadedFile("list.xlsx", b"PK\x03\x04broken zip"), "Excel"),
        (SimpleUploadedFile("list.csv", b"\n\n,,\n"), "没有数据"),
        (SimpleUploadedFile("list.csv", b"\xff\xfe\x00\x00\xff"), "编码"),
    ],
)
def test_a_file_that_is_not_a_readable_table_gets_a_chinese_message(upload, message):
    with pytest.raises(TableError) as error:
        read_table(upload)
    assert message in str(error.value)


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
@pytest.mark.parametrize("app", ["honors", "families"])
def test_cells_computed_in_sql_equal_the_python_getters(app):
    """Every column with an SQL form (public, staff and private) gives the same cell both ways."""
    from django.apps import apps
    from django.utils.module_loading import import_string

    from core.tabular import rows_for, sql_cells

    model = apps.get_model(app, {"honors": "Honor", "families": "Family"}[app])
    module = f"{app}.tabular"
    columns = [c for c in import_string(f"{module}.COLUMNS") if c.sql]
    text_field = {"honors": "deeds", "families": "story"}[app]
    first = model.objects.order_by("pk").first()
    model.objects.filter(pk=first.pk).update(**{text_field: "@SUM(A1)"})  # neutralised both ways
    records = model.objects.order_by("pk")[:200]
    by_sql = [list(row) for row in sql_cells(model.objects.order_by("pk"), columns)[:200]]
    by_python = list(rows_for(import_string(f"{module}.export_queryset")(records), columns))
    assert by_sql == by_python
    assert any(row[[c.key for c in columns].index(text_field)] == "'@SUM(A1)" for row in by_sql)
    assert {"status", "objection_contact", "id_number", "phone"} <= {c.key for c in columns}
