"""Lists in and out: streaming CSV/XLSX writers, a table reader, and the import engine.

Each app declares its columns once (`<app>/tabular.py`); the same list drives
the exports, the import template, the header matching and the row checks, so
an exported file imports again without loss.

Import flow: read the file → match headers → check every row (inside a
transaction) → report each row as new / update / unchanged / error → commit
only when asked and only when no row has an error; otherwise roll back. The
check and the commit run the same code, so what the preview says is what the
commit does.
"""

import csv
import datetime
import functools
import io
import operator
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, When
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import copy_from, text
from core.xlsx import write_xlsx

# Cells that a spreadsheet would run as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_BYTES = 50 * 1024 * 1024
STREAM_CHUNK_BYTES = 256 * 1024
MAX_IMPORT_ROWS = 250_000
IMPORT_REASON = gettext_lazy("导入")


class TableError(Exception):
    """A file that cannot be read as a table at all; the message is for the user."""


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with an apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, how to read it off a record, how to parse it back.

    `key` names the value in an imported row; `get` reads the export value off a
    record; `staff` columns (workflow state) appear only in staff files; `private`
    columns (ID numbers, phones, addresses) only in the files of staff allowed to
    see them; `identity` columns must be present for an import to find existing
    records.
    """

    key: str
    header: Any  # a lazily translated string
    get: Callable[[Any], Any]
    staff: bool = False
    private: bool = False
    identity: bool = False
    width: int = 14
    # The same cell as an SQL expression, for exports that PostgreSQL writes itself (COPY).
    sql: Callable[[], Any] | None = None


def public_columns(columns: list[Column]) -> list[Column]:
    return [column for column in columns if not (column.private or column.staff)]


def staff_columns(columns: list[Column], *, with_private: bool) -> list[Column]:
    return [column for column in columns if with_private or not column.private]


def headers(columns: list[Column]) -> list[str]:
    return [str(column.header) for column in columns]


def rows_for(records: Iterable, columns: list[Column]) -> Iterator[list]:
    for record in records:
        yield [neutralise(column.get(record)) for column in columns]


# ---------------------------------------------------------------- writers


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def sql_text(field: str):
    """A text column as an export writes it: formula-like text neutralised, as neutralise()."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Coalesce, Concat

    text = Coalesce(F(field), Value(""), output_field=CharField())
    return Case(
        When(**{f"{field}__regex": r"^[=+\-@\t\r]"}, then=Concat(Value("'"), text)),
        default=text,
        output_field=CharField(),
    )


def sql_label(field: str, choices_class):
    """A choice column as its label in the current language."""
    from django.db.models import CharField, Value

    labels = _labels(choices_class, translation.get_language() or "")
    return Case(
        *(When(**{field: key}, then=Value(label)) for key, label in labels.items()),
        default=Value(""),
        output_field=CharField(),
    )


def text_column(key: str, header, field: str, **options) -> Column:
    """A column of a text field — `field` is its ORM path ("recipient__name") — read the
    same way off a record and in SQL."""
    get = operator.attrgetter(field.replace("__", "."))
    return Column(key, header, get, sql=lambda: sql_text(field), **options)


def choice_column(key: str, header, field: str, choices_class, **options) -> Column:
    """A column of a stored choice, shown as its label, off a record and in SQL alike."""
    get = operator.attrgetter(field.replace("__", "."))
    return Column(
        key,
        header,
        lambda record: choice_label(choices_class, get(record)),
        sql=lambda: sql_label(field, choices_class),
        **options,
    )


def copy_csv_response(queryset, columns: list[Column], filename: str):
    """The CSV written by PostgreSQL's COPY from the list's own query, streamed as it comes.

    Same filters and order as the Python path (the queryset is the FilterSet's), the
    same cells (labels and neutralised text are SQL expressions of the columns), and a
    fraction of the time at hundreds of thousands of rows.
    """
    from django.db import connection

    sql, params = sql_cells(queryset, columns).query.sql_with_params()
    writer = csv.writer(_Echo())

    def chunks():
        yield ("\ufeff" + writer.writerow(headers(columns))).encode("utf-8")
        with connection.cursor() as cursor:
            statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, ENCODING 'UTF8')"
            with cursor.cursor.copy(statement, params) as copy:
                # COPY hands out rows a few kilobytes at a time; the server writes fewer,
                # larger pieces (a write and an HTTP chunk each).
                buffer = bytearray()
                for chunk in copy:
                    buffer += chunk
                    if len(buffer) >= STREAM_CHUNK_BYTES:
                        yield bytes(buffer)
                        buffer.clear()
                yield bytes(buffer)

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def sql_cells(queryset, columns: list[Column]):
    """The export's cells computed by the database: one tuple per row, no model objects."""
    names = [f"_c{index}" for index in range(len(columns))]
    expressions = {name: column.sql() for name, column in zip(names, columns, strict=True)}
    return queryset.prefetch_related(None).annotate(**expressions).values_list(*names)


def export_rows(queryset, columns: list[Column], records=None):
    """Rows of an export: from SQL expressions when every column has one, else per record."""
    if all(column.sql for column in columns):
        return sql_cells(queryset, columns).iterator(chunk_size=2000)
    return rows_for(records if records is not None else queryset, columns)


def can_copy(columns: list[Column]) -> bool:
    from django.db import connection

    return connection.vendor == "postgresql" and all(column.sql for column in columns)


def csv_response(rows: Iterable[list], columns: list[Column], filename: str):
    """A streaming CSV download, UTF-8 with a BOM so Excel on Chinese Windows reads it as text."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(headers(columns))
        for row in rows:
            yield writer.writerow(["" if value is None else value for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def xlsx_response(rows, columns, notes, filename: str):
    # FileResponse closes the file when the download is done.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(rows, columns, notes, spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def docx_response(document, filename: str):
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def filter_notes(filterset) -> list[tuple[str, str]]:
    """The filters a list was exported with, as label/value pairs for a file's notes."""
    notes = [(_("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M"))]
    form = filterset.form
    if form.is_valid():
        for name, value in form.cleaned_data.items():
            if value in (None, "", []):
                continue
            bound = form[name]
            shown = (
                dict(bound.field.choices).get(value, value)
                if hasattr(bound.field, "choices")
                else value
            )
            notes.append((str(bound.label), str(shown)))
    return notes


# ---------------------------------------------------------------- reading


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
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as error:
        raise TableError(_("无法读取这个 Excel 文件，请确认它是 .xlsx 格式且没有损坏。")) from error
    return [[_cell_text(value) for value in row] for row in rows]


# A cell's formula in a worksheet's XML (<f>…</f>, with or without a namespace prefix).
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _read_xlsx_with_formulas(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

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


# ---------------------------------------------------------------- parsing cells


def clean_text(value: str) -> str:
    """Cell text as stored: trimmed, and a leading apostrophe from our own exports removed."""
    value = (value or "").strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        value = value[1:]
    return value


@functools.cache
def _choice_lookup(choices_class, language: str) -> tuple[dict[str, str], str]:
    """Normalised keys and labels of a choices class, once per language (not once per row)."""
    lookup = {}
    for key, label in choices_class.choices:
        lookup[text.normalize_for_search(str(key))] = key
        lookup[text.normalize_for_search(str(label))] = key
    labels = "”或“".join(str(label) for _key, label in choices_class.choices)
    return lookup, labels


def parse_choice(value: str, choices_class, column: str) -> str:
    """A choice given by its key or its label, in simplified or traditional characters."""
    lookup, labels = _choice_lookup(choices_class, translation.get_language() or "")
    key = lookup.get(text.normalize_for_search(value))
    if key is None:
        raise ValidationError(
            _("「%(column)s」应为“%(labels)s”") % {"column": column, "labels": labels}
        )
    return key


@functools.cache
def _labels(choices_class, language: str) -> dict:
    return {key: str(label) for key, label in choices_class.choices}


def choice_label(choices_class, value) -> str:
    """The label of a stored choice, looked up once per language: exports and list cards call
    this per row, and Django's get_FOO_display() rebuilds and translates the whole choice
    list each time."""
    return _labels(choices_class, translation.get_language() or "").get(value, value or "")


def parse_int(value: str, column: str, minimum: int = 0) -> int:
    try:
        number = int(Decimal(value.replace(",", "")))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("「%(column)s」应为整数") % {"column": column}) from None
    if number < minimum:
        raise ValidationError(
            _("「%(column)s」不能小于 %(min)s") % {"column": column, "min": minimum}
        )
    return number


def parse_decimal(value: str, column: str) -> Decimal:
    try:
        number = Decimal(value.replace(",", "") or "0")
    except InvalidOperation:
        raise ValidationError(_("「%(column)s」应为数字") % {"column": column}) from None
    if number < 0:
        raise ValidationError(_("「%(column)s」不能为负数") % {"column": column})
    return number


def parse_date(value: str, column: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(
                value[:10] if "年" not in value else value, fmt
            ).date()
        except ValueError:
            continue
    raise ValidationError(_("「%(column)s」应为日期，如 2023-03-08") % {"column": column})


def parse_year(value: str, column: str) -> int:
    year = parse_int(value, column, minimum=1949)
    if year > timezone.localdate().year:
        raise ValidationError(_("「%(column)s」不能是将来的年份") % {"column": column})
    return year


# ---------------------------------------------------------------- the import engine


NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
STATUS_LABELS = {
    NEW: gettext_lazy("新增"),
    UPDATE: gettext_lazy("更新"),
    UNCHANGED: gettext_lazy("无变化"),
    ERROR: gettext_lazy("错误"),
}


@dataclass
class RowOutcome:
    line: int  # the row's line in the file, header = 1
    status: str
    label: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class ImportResult:
    outcomes: list[RowOutcome]
    committed: bool
    file_errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(o.status == ERROR for o in self.outcomes)

    @property
    def error_messages(self) -> list[str]:
        lines = list(self.file_errors)
        for outcome in self.outcomes:
            lines.extend(
                _("第%(line)s行%(error)s") % {"line": outcome.line, "error": error}
                for error in outcome.errors
            )
        return lines

    def to_json(self) -> dict:
        return {
            "committed": self.committed,
            "file_errors": self.file_errors,
            "outcomes": [[o.line, o.status, o.label, o.errors] for o in self.outcomes],
        }

    @classmethod
    def from_json(cls, data: dict) -> "ImportResult":
        outcomes = [RowOutcome(*values) for values in data.get("outcomes", [])]
        return cls(outcomes, data.get("committed", False), data.get("file_errors", []))

    @property
    def summary(self) -> str:
        return _("新增 %(new)s 行，更新 %(update)s 行，无变化 %(same)s 行，错误 %(error)s 行") % {
            "new": self.count(NEW),
            "update": self.count(UPDATE),
            "same": self.count(UNCHANGED),
            "error": self.count(ERROR),
        }


class RowError(Exception):
    """Raised by an importer's row handler with one or more user-facing messages."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


class Importer:
    """Base class: an app supplies `columns`, `prepare`, `import_row` and `flush`.

    `import_row` checks one row against what `prepare` loaded and queues its
    writes without touching the database; `flush` writes them all in bulk. So a
    file of 50,000 rows costs a few dozen queries, not a few per row.
    """

    columns: list[Column] = []
    review_permission = ""  # who may import a status beyond draft or submitted

    def __init__(self, user=None):
        """`user` is the staff member importing (None for a command run by the operator):
        rows outside her region, or with a status she may not set, are errors."""
        from core.scoping import staff_region

        self.user = user
        self.scope = staff_region(user) if user is not None else None
        self.can_review = user is None or (
            bool(self.review_permission) and user.has_perm(self.review_permission)
        )

    def check_status(self, status, errors: list[str]) -> None:
        from core.models import Status

        if status and status not in (Status.DRAFT, Status.SUBMITTED) and not self.can_review:
            errors.append(
                _("「%(column)s」只有审核员可以导入“%(status)s”状态")
                % {"column": self.header("status"), "status": Status(status).label}
            )

    def authored(self, instance) -> None:
        """Mark who entered or changed a record, as the admin does."""
        if self.user is not None:
            if instance.pk is None:
                instance.created_by = self.user
            instance.updated_by = self.user

    def header_keys(self, table: Table) -> dict[int, str]:
        """Map file columns to column keys by header, in either script or in English, so a
        file exported in any of the site's languages imports again; unknown ones ignored."""
        from django.conf import settings
        from django.utils import translation

        by_header = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for column in self.columns:
                    by_header[text.normalize_for_search(str(column.header))] = column.key
        return {
            index: by_header[text.normalize_for_search(title)]
            for index, title in enumerate(table.headers)
            if text.normalize_for_search(title) in by_header
        }

    def missing_identity(self, present: set[str]) -> list[str]:
        return [str(c.header) for c in self.columns if c.identity and c.key not in present]

    # The model an importer of one kind of record writes, and the fields an update changes.
    model = None
    update_fields: list[str] = []

    def prepare(self, rows: list[dict]) -> None:
        """Load what the rows need (titles, regions, existing records) in a few queries."""
        from core.models import Region

        self.regions = {region.code: region for region in Region.objects.all()}
        self.new: list = []
        self.changed: dict = {}

    def queue(self, record, label: str) -> tuple[str, str]:
        """Queue a checked record for the bulk write; return its outcome."""
        self.authored(record)
        if record.pk:
            self.changed[record.pk] = record
            return UPDATE, label
        self.new.append(record)
        return NEW, label

    def write(self, model, new, changed, fields: list[str]) -> None:
        """Insert and update in bulk, with the history rows of every record written.

        On PostgreSQL new records go in by COPY FROM (core.copy_from), several times faster.
        """
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        history = {"default_user": self.user, "default_change_reason": IMPORT_REASON}
        if copy_from.available():
            copy_from.insert_with_history(model, new, user=self.user, reason=IMPORT_REASON)
        else:
            bulk_create_with_history(list(new), model, batch_size=1000, **history)
        bulk_update_with_history(list(changed), model, fields, batch_size=1000, **history)

    def header(self, key: str) -> str:
        return next(str(c.header) for c in self.columns if c.key == key)

    def find_region(self, row: dict, errors: list[str]):
        """The row's region by code, or by a name that is unique in the tree."""
        code = row.get("region_code", "")
        if code:
            region = self.regions.get(code)
            if region is None:
                errors.append(
                    _("「%(column)s」没有代码为“%(value)s”的地区")
                    % {"column": self.header("region_code"), "value": code[:20]}
                )
            elif self.scope is not None and not region.path.startswith(self.scope.path):
                errors.append(
                    _("「%(column)s」“%(value)s”不在您管理的地区范围内")
                    % {"column": self.header("region_code"), "value": code}
                )
                return None
            return region
        wanted = text.normalize_for_search(row.get("region", ""))
        matches = [r for r in self.regions.values() if text.normalize_for_search(r.name) == wanted]
        if len(matches) != 1:
            errors.append(
                _("「%(column)s」无法确定地区，请填写地区代码") % {"column": self.header("region")}
            )
            return None
        if self.scope is not None and not matches[0].path.startswith(self.scope.path):
            errors.append(
                _("「%(column)s」“%(value)s”不在您管理的地区范围内")
                % {"column": self.header("region"), "value": matches[0].name}
            )
            return None
        return matches[0]

    def find_named(self, objects: Iterable, value: str, key: str, errors: list[str]):
        """The object whose name or slug is `value`, in either script."""
        wanted = text.normalize_for_search(value)
        for obj in objects:
            names = (obj.name, getattr(obj, "slug", ""))
            if wanted and wanted in {text.normalize_for_search(n) for n in names}:
                return obj
        errors.append(
            _("「%(column)s」没有“%(value)s”") % {"column": self.header(key), "value": value[:40]}
        )
        return None

    def identity(self, row: dict) -> tuple:
        """What makes two rows of one file the same record (a duplicate)."""
        return tuple(row.get(c.key, "") for c in self.columns if c.identity)

    def import_row(self, row: dict) -> tuple[str, str]:
        """Create or update the record of one row; return (status, label) or raise RowError."""
        raise NotImplementedError

    def flush(self) -> None:
        """Write what the rows queued, in bulk; called once, inside the transaction."""
        self.write(self.model, self.new, self.changed.values(), self.update_fields)

    def run(
        self, table: Table, *, commit: bool, progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        keys = self.header_keys(table)
        missing = self.missing_identity(set(keys.values()))
        if missing:
            message = _("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)}
            return ImportResult([], committed=False, file_errors=[message])
        rows = [
            {key: clean_text(cells[i]) if i < len(cells) else "" for i, key in keys.items()}
            for cells in table.rows
        ]
        self.prepare(rows)
        outcomes: list[RowOutcome] = []
        seen: dict[tuple, int] = {}
        total = len(rows)
        for number, row in enumerate(rows, start=2):
            identity = self.identity(row)
            if identity in seen:
                duplicate = _("与第%(line)s行重复") % {"line": seen[identity]}
                outcomes.append(RowOutcome(number, ERROR, errors=[duplicate]))
                continue
            seen[identity] = number
            try:
                status, label = self.import_row(row)
                outcomes.append(RowOutcome(number, status, label))
            except RowError as error:
                outcomes.append(RowOutcome(number, ERROR, errors=error.messages))
            if progress and (number - 1) % 1000 == 0:
                progress(number - 1, total)
        if progress:
            progress(total, total)
        result = ImportResult(outcomes, committed=False)
        if result.has_errors:
            return result  # nothing was written: rows only queue their writes
        # The preview writes too and rolls back, so it reports what the database would refuse.
        with transaction.atomic():
            try:
                with transaction.atomic():
                    self.flush()
            except IntegrityError as error:
                result.file_errors.append(_("数据库拒绝写入：%(error)s") % {"error": error})
            if commit and not result.has_errors:
                result.committed = True
            else:
                transaction.set_rollback(True)
        return result


def assign_changed(instance, values: dict) -> bool:
    """Set the values on the instance; True when any of them differs from what it held."""
    changed = False
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            # Compare keys: reading the relation itself would cost a query per row.
            current, wanted = getattr(instance, field.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            setattr(instance, name, value)
            changed = True
    return changed


class Collector:
    """Runs cell parsers and collects their messages, so one row reports every bad cell."""

    def __init__(self):
        self.errors: list[str] = []

    def __call__(self, parse, *args):
        try:
            return parse(*args)
        except ValidationError as error:
            self.errors.extend(error.messages)
            return None

    def require(self, value: str, column: str) -> str:
        if not value:
            self.errors.append(_("「%(column)s」不能为空") % {"column": column})
        return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise RowError(self.errors)


def validation_messages(error: ValidationError, instance) -> list[str]:
    """Chinese messages from a model ValidationError, each naming its field."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, field_messages in error.message_dict.items():
        try:
            label = instance._meta.get_field(name).verbose_name
        except Exception:  # NON_FIELD_ERRORS and the like
            label = ""
        messages.extend(f"「{label}」{m}" if label else m for m in field_messages)
    return messages


def chunked_in(queryset, field: str, values, size: int = 5000) -> Iterator:
    """`queryset.filter(field__in=values)` in chunks, within SQLite's limit on parameters."""
    values = sorted(values)
    for start in range(0, len(values), size):
        yield from queryset.filter(**{f"{field}__in": values[start : start + size]})


def check_fields(instance, exclude: list[str] | None = None) -> None:
    """Field-level checks of a model instance (validators, choices, blanks) without queries.

    Uniqueness and database constraints are left to the bulk write, which runs
    inside the import's transaction; the importer checks identities itself.
    Callers exclude relations they looked up, since validating one is a query.
    """
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise RowError(validation_messages(error, instance)) from None
