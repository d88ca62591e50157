"""Reading an uploaded .xlsx or .csv into a header row and rows of text."""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from python_calamine import CalamineError, CalamineWorkbook

MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_IMPORT_ROWS = 250_000
MAX_COLUMNS = 200
# Excel's own limit for the text of one cell.
MAX_CELL_CHARACTERS = 32_767
# What a workbook may inflate to, checked on the sizes its package declares before any
# member is inflated, then held to while each is read: our own export of 250,000 rows is
# ~300 MB of sheet XML at a ratio near 10; a zip bomb packs 1 GB into 1 MB (1000).
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024  # small members (styles, a short sheet) pack well: not judged
SCAN_CHUNK_BYTES = 1024 * 1024
UNREADABLE = gettext_lazy("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。")
TOO_LARGE = gettext_lazy("这个 Excel 文件解压后过大（上限 400 MB），请分成几个文件导入。")


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
    rows = list(_limited(rows))
    if not rows:
        raise TableError(_("文件中没有数据。"))
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


def _limited(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """The non-empty rows, refused as soon as one breaks a limit (rows, columns, cell length)."""
    count = 0
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        if count - 1 > MAX_IMPORT_ROWS:
            raise TableError(_("一次最多导入 %(n)s 行。") % {"n": MAX_IMPORT_ROWS})
        if len(row) > MAX_COLUMNS and any(cell.strip() for cell in row[MAX_COLUMNS:]):
            raise TableError(_("列数过多（上限 %(n)s 列）。") % {"n": MAX_COLUMNS})
        if any(len(cell) > MAX_CELL_CHARACTERS for cell in row):
            raise TableError(
                _("第%(line)s行有单元格超过 %(n)s 个字。")
                % {"line": count, "n": MAX_CELL_CHARACTERS}
            )
        yield row[:MAX_COLUMNS]


def _read_xlsx(data: bytes) -> list[list[str]]:
    """The first sheet's cells as text, once the package has been checked (_inspect).

    python-calamine (Rust) reads a sheet several times faster than openpyxl, but gives
    a formula's last computed value — or nothing, when no spreadsheet program computed
    it. A formula typed in a cell is kept as the text the staff member typed (=1+1), so
    a workbook holding any formula is read with openpyxl, which returns formulas as text.
    """
    has_formula = _inspect(data)
    if has_formula:
        return _read_xlsx_with_formulas(data)
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows()]
    except (CalamineError, OSError, ValueError) as error:
        raise TableError(str(UNREADABLE)) from error


# A cell's formula in a worksheet's XML (<f>…</f>, with or without a namespace prefix).
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")
# A document type (and with it entities, which expand: the "billion laughs").
DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
# A cell beyond column ZZ or row 999,999: the readers would lay out the grid up to it.
FAR_CELL = re.compile(rb'\sr="(?:[A-Z]{3,}|[A-Z]+[0-9]{7,})"')


def _inspect(data: bytes) -> bool:
    """Check a workbook's package before a reader inflates it; True when it holds a formula.

    The declared sizes first (each member's, the total, the packing ratio), then every
    member is streamed once — never held whole — through zipfile, which stops at the
    declared size, looking for DTDs in any XML, for cells far out, and for formulas.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TableError(str(UNREADABLE)) from error
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES or any(
        m.file_size > RATIO_FROM_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        for m in members
    ):
        raise TableError(str(TOO_LARGE))
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/sheet")]
    if not sheets:
        raise TableError(str(UNREADABLE))
    has_formula = False
    try:
        for member in members:
            is_sheet = member in sheets
            with package.open(member) as stream:
                tail = b""
                while chunk := stream.read(SCAN_CHUNK_BYTES):
                    window = tail + chunk  # a tag cut between two chunks is still found
                    if DTD.search(window):
                        raise TableError(_("Excel 文件中含有不允许的文档类型定义（DTD）。"))
                    if is_sheet and FAR_CELL.search(window):
                        raise TableError(_("列数过多（上限 %(n)s 列）。") % {"n": MAX_COLUMNS})
                    has_formula = has_formula or (is_sheet and bool(FORMULA_ELEMENT.search(window)))
                    tail = chunk[-32:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise TableError(str(UNREADABLE)) from error
    return has_formula


def _read_xlsx_with_formulas(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            return [[_cell_text(value) for value in row] for row in rows]
        finally:
            workbook.close()
    except TableError:
        raise
    except Exception as error:
        # openpyxl passes on what its XML parser and zipfile raise (ParseError, KeyError,
        # lxml's errors, …); the package was checked, so any of them is a broken file.
        raise TableError(str(UNREADABLE)) from error


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
