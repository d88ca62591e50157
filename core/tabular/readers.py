"""Reading an uploaded .xlsx or .csv into a header row and rows of text."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from python_calamine import CalamineError, CalamineWorkbook

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_IMPORT_ROWS = 250_000


class TableError(Exception):
    """A file that cannot be read as a table at all; the message is for the user."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]


def read_table(uploaded) -> Table:
    """Read an uploaded .xlsx or .csv into header and rows of text; refuse anything else."""
    name = (getattr(uploaded, "name", "") or "").lower()
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_IMPORT_BYTES:
        raise TableError(_("文件太大（上限 50 MB）。"))
    data = uploaded.read()
    if not data:
        raise TableError(_("文件是空的。"))
    if data[:4] == b"PK\x03\x04":
        if not name.endswith((".xlsx", ".xlsm")):
            raise TableError(_("只能导入 .xlsx 或 .csv 文件。"))
        rows = _read_xlsx(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = _read_csv(data)
    else:
        raise TableError(_("只能导入 .xlsx 或 .csv 文件。"))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise TableError(_("文件中没有数据。"))
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise TableError(_("一次最多导入 %(n)s 行。") % {"n": MAX_IMPORT_ROWS})
    header, *body = rows
    return Table(headers=[cell.strip() for cell in header], rows=body)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's cells as text.

    python-calamine (Rust) reads a sheet several times faster than openpyxl, but gives
    a formula's last computed value — or nothing, when no spreadsheet program computed
    it. A formula typed in a cell is kept as the text the staff member typed (=1+1), so
    a workbook holding any formula is read with openpyxl, which returns formulas as text.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        if not sheets:
            raise KeyError("no worksheet")
        has_formula = any(FORMULA_ELEMENT.search(package.read(name)) for name in sheets)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(_("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。")) from error
    if has_formula:
        return _read_xlsx_with_formulas(data)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as error:
        raise TableError(_("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。")) from error
    return [[_cell_text(value) for value in row] for row in rows]


# A cell's formula in a worksheet's XML (<f>…</f>, with or without a namespace prefix).
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _read_xlsx_with_formulas(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(_("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    # Excel on Chinese Windows saves CSV as GB18030 unless told otherwise.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(_("无法识别文件的文字编码，请保存为 UTF-8 编码的 CSV。"))
    if "\x00" in decoded:
        raise TableError(_("只能导入 .xlsx 或 .csv 文件。"))
    try:
        return list(csv.reader(io.StringIO(decoded)))
    except csv.Error as error:
        raise TableError(_("CSV 文件格式有误：%(error)s") % {"error": error}) from error
