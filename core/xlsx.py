"""Writing .xlsx files of any length: XlsxWriter lays out the workbook, the rows go in as text.

XlsxWriter makes everything besides the data rows: the sheet with its bold, frozen
header row and column widths, the notes sheet, styles and properties. Writing the
data through it costs ~6 µs a cell (its per-cell checks and XML writer) — 13 s for
200,000 families — so the rows are written here as SpreadsheetML, streamed to a
temporary file, and spliced into XlsxWriter's sheet, whose <dimension> is set to the
real size (openpyxl's read-only mode trusts it). Memory stays flat at any length.

Text is always an inline string — a cell starting with "=" is text, never a formula —
numbers are numbers, dates are written as ISO text (2023-03-08, times in local time), as
the importer reads them.

Replaces: XlsxWriter's own write_row for the data rows (measured: 201,792 families in
12.5 s through it, 2.9 s spliced — bench/results.md, exports). Held equal to the plain
way by tests/core/test_xlsx.py: the cells read back with their types in both openpyxl
modes, and the importer reads what the writer wrote.
"""

import datetime
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from decimal import Decimal

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

SHEET = "xl/worksheets/sheet1.xml"
# Excel's limit for the text of one cell; longer text is cut there (XlsxWriter does the same).
MAX_CELL_CHARACTERS = 32_767
# Characters XML 1.0 does not allow in text (a spreadsheet could not open the file).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if NOT_XML.search(value):
        value = NOT_XML.sub("", value)
    return value


def row_xml(number: int, row: Iterable, refs: list[str]) -> str:
    """One <row> of SpreadsheetML: `refs` are the column letters."""
    cells = []
    for ref, value in zip(refs, row, strict=False):
        if value is None or value == "":
            continue
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            if math.isfinite(value):
                cells.append(f'<c r="{ref}{number}"><v>{value}</v></c>')
                continue
            value = str(value)  # NaN and infinity are no numbers a spreadsheet can hold
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        if isinstance(value, datetime.date):
            value = (
                value.isoformat(sep=" ")
                if isinstance(value, datetime.datetime)
                else value.isoformat()
            )
        text = _text(str(value)[:MAX_CELL_CHARACTERS])
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        cells.append(f'<c r="{ref}{number}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def write_xlsx(rows: Iterable[list], columns: list, notes: list[tuple[str, str]], target):
    """Write a workbook with a frozen header row, column widths and a sheet of notes.

    `columns` are core.tabular Columns (a header and a width each); this module imports
    nothing of core.tabular, so the two have no import cycle."""
    width = len(columns)
    refs = [xl_col_to_name(index) for index in range(width)]
    with tempfile.TemporaryFile() as data, tempfile.SpooledTemporaryFile(2**20) as layout:
        last = 1
        lines = []
        for last, row in enumerate(rows, start=2):
            lines.append(row_xml(last, row, refs))
            if len(lines) == 1000:
                data.write("".join(lines).encode())
                lines.clear()
        data.write("".join(lines).encode())
        data.seek(0)
        _layout(columns, [str(column.header) for column in columns], notes, layout)
        layout.seek(0)
        dimension = f'<dimension ref="A1:{refs[-1] if refs else "A"}{last}"/>'
        _splice(layout, data, dimension, target)


def _layout(columns, header_row, notes, target) -> None:
    """The workbook without data rows, by XlsxWriter."""
    workbook = xlsxwriter.Workbook(
        target,
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    sheet = workbook.add_worksheet(_("名单"))
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width)
    sheet.write_row(0, 0, header_row, workbook.add_format({"bold": True}))
    about = workbook.add_worksheet(_("说明"))
    about.set_column(0, 0, 16)
    about.set_column(1, 1, 60)
    for number, (label, value) in enumerate(notes):
        about.write_row(number, 0, [label, value])
    workbook.close()


def _splice(layout, data, dimension: str, target) -> None:
    """Copy XlsxWriter's package into `target`, with the data rows in its first sheet."""
    with (
        zipfile.ZipFile(layout) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename != SHEET:
                package.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
                continue
            sheet = content.decode()
            sheet = re.sub(r"<dimension ref=\"[^\"]*\"/>", dimension, sheet, count=1)
            head, end, tail = sheet.partition("</sheetData>")
            with package.open(SHEET, "w", force_zip64=True) as out:
                out.write(head.encode())
                shutil.copyfileobj(data, out, 2**20)
                out.write((end + tail).encode())
