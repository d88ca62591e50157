"""Streaming downloads: CSV (by COPY on PostgreSQL or row by row), XLSX and DOCX."""

import csv
import io
import tempfile
from collections.abc import Iterable

from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from core.tabular.columns import Column, headers, sql_cells
from core.xlsx import write_xlsx

STREAM_CHUNK_BYTES = 256 * 1024


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def copy_csv_response(queryset, columns: list[Column], filename: str):
    """The CSV written by PostgreSQL's COPY from the list's own query, streamed as it comes.

    Same filters and order as the Python path (the queryset is the FilterSet's), the
    same cells (labels and neutralised text are SQL expressions of the columns), and a
    fraction of the time at hundreds of thousands of rows.
    """
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
