"""Workbooks are read with limits: sizes checked before inflating, DTDs and bad XML refused.

The hostile files are built here, in memory.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.tabular import TableError, read_table, readers
from tests.tabular_helpers import csv_upload, xlsx_upload


def rebuilt(upload, replace: dict[str, bytes]) -> SimpleUploadedFile:
    """The workbook with some members' content replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(upload.read()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replace.pop(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            target.writestr(name, content)
    return SimpleUploadedFile("list.xlsx", buffer.getvalue())


def sheet(body: str, *, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + prolog + '<worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + body
        + "</sheetData></worksheet>"
    ).encode()


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>年度</t></is></c></row>'
FORMULA_ROW = HEADER_ROW + '<row r="2"><c r="A2"><f>1+1</f></c></row>'


def test_a_workbook_that_inflates_far_is_refused_before_it_is_inflated():
    bomb = sheet("<!--" + " " * (200 * 2**20) + "-->")  # 200 MB of nothing, ~200 KB packed
    upload = rebuilt(xlsx_upload([["年度"], ["2023"]]), {"xl/worksheets/sheet1.xml": bomb})
    del bomb
    assert upload.size < 2 * 2**20
    tracemalloc.start()
    with pytest.raises(TableError, match="解压后"):
        read_table(upload)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 30 * 2**20, f"{peak / 2**20:.0f} MB held while refusing"


def test_the_total_uncompressed_size_is_capped(monkeypatch):
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED_BYTES", 20_000)
    rows = [["年度", "姓名"]] + [[str(n), f"名{n:05d}"] for n in range(2000)]
    with pytest.raises(TableError, match="解压后"):
        read_table(xlsx_upload(rows))


@pytest.mark.parametrize(
    "content",
    [
        sheet(FORMULA_ROW, prolog='<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'),
        sheet(FORMULA_ROW)[:-40],  # cut off: malformed XML
    ],
    ids=["dtd", "malformed"],
)
def test_a_dtd_or_malformed_xml_is_a_clean_refusal(content):
    upload = rebuilt(xlsx_upload([["年度"], ["2023"]]), {"xl/worksheets/sheet1.xml": content})
    with pytest.raises(TableError):
        read_table(upload)


def test_too_many_columns_or_too_long_a_cell_is_refused():
    with pytest.raises(TableError, match="列"):
        read_table(csv_upload([[f"列{n}" for n in range(readers.MAX_COLUMNS + 1)], ["1"]]))
    with pytest.raises(TableError, match="字"):
        read_table(csv_upload([["年度"], ["2" * (readers.MAX_CELL_CHARACTERS + 1)]]))
    long_cell = f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"2" * 40_000}</t></is></c></row>'
    upload = rebuilt(
        xlsx_upload([["年度"]]), {"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + long_cell)}
    )
    with pytest.raises(TableError, match="字"):
        read_table(upload)


def test_a_cell_far_out_is_refused_before_the_grid_is_laid_out():
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    upload = rebuilt(xlsx_upload([["年度"]]), {"xl/worksheets/sheet1.xml": sheet(HEADER_ROW + far)})
    with pytest.raises(TableError, match="列数过多"):
        read_table(upload)
