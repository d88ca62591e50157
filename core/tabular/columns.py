"""Columns of a list: declared once per app, read off a record or computed in SQL.

Each app declares its columns once (`<app>/tabular.py`); the same list drives the
exports, the import template, the header matching and the row checks, so an exported
file imports again without loss. A column's `sql` twin is the same cell as an SQL
expression, for exports that PostgreSQL writes itself (COPY); the test
tests/core/test_copy_export.py holds both ways equal.
"""

import functools
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, F, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import translation

# Cells that a spreadsheet would run as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
    # Deeds, stories, notes: converted by phrases in a traditional file; every other text
    # cell is a name, a place or a title, converted one-to-one only (core.script).
    running_text: bool = False
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


def sql_text(field: str):
    """A text column as an export writes it: formula-like text neutralised, as neutralise()."""
    text = Coalesce(F(field), Value(""), output_field=CharField())
    return Case(
        When(**{f"{field}__regex": r"^[=+\-@\t\r]"}, then=Concat(Value("'"), text)),
        default=text,
        output_field=CharField(),
    )


def sql_label(field: str, choices_class):
    """A choice column as its label in the current language."""
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
    return connection.vendor == "postgresql" and all(column.sql for column in columns)


@functools.cache
def _labels(choices_class, language: str) -> dict:
    return {key: str(label) for key, label in choices_class.choices}


def choice_label(choices_class, value) -> str:
    """The label of a stored choice, looked up once per language: exports and list cards call
    this per row, and Django's get_FOO_display() rebuilds and translates the whole choice
    list each time."""
    return _labels(choices_class, translation.get_language() or "").get(value, value or "")


def rows_in_script(rows: Iterable[list], columns: list[Column], language: str) -> Iterator[list]:
    """A public file's rows in the visitor's script, as the page shows them: names one-to-one,
    running text by phrases (core.script); numbers, dates and codes as they are."""
    from core import script  # core.script loads OpenCC's tables: only files that convert pay

    if language not in ("zh-hans", "zh-hant", "en"):
        yield from rows
        return
    language = "zh-hant" if language == "zh-hant" else "zh-hans"  # English reads simplified
    running = [column.running_text for column in columns]
    for row in rows:
        yield [
            (
                script.running_text(cell, language)
                if is_text
                else script.name_in_script(cell, language)
            )
            if isinstance(cell, str) and cell
            else cell
            for cell, is_text in zip(row, running, strict=True)
        ]
