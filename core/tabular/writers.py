"""Streaming downloads: CSV (by COPY on PostgreSQL or row by row), XLSX, DOCX and PDF.

Every download is named for what it holds (2022年度市级三八红旗手名单.docx) and says so the
RFC 6266 way: ``filename*`` in UTF-8 for the Chinese name, and a plain ``filename`` in
ASCII (the name in pinyin) for the clients that read no other.
"""

import codecs
import csv
import io
import re
import tempfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import quote

from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular.columns import Column, headers, sql_cells
from core.xlsx import write_xlsx

STREAM_CHUNK_BYTES = 256 * 1024


def ascii_filename(filename: str) -> str:
    """The file's name in ASCII for old clients: Chinese in toneless pinyin, one word per
    run of characters, nothing a quoted header string cannot hold
    (2022年度市级三八红旗手名单.docx → 2022-niandushijisanbahongqishoumingdan.docx)."""
    from pypinyin import lazy_pinyin

    path = PurePosixPath(filename)
    words = []
    for piece in re.split(r"([\u3400-\u9fff\U00020000-\U0003134f]+)", path.stem):
        if not piece:
            continue
        if re.match(r"[\u3400-\u9fff\U00020000-\U0003134f]", piece):
            words.append("".join(lazy_pinyin(piece, errors="ignore")))
        else:
            words.append(piece)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(words)).strip("-._") or "download"
    return f"{stem[:120]}{path.suffix}"


def attachment_disposition(filename: str) -> str:
    """Content-Disposition for a download: the ASCII name, then the exact one (RFC 6266 §4.3:
    a client that understands filename* prefers it)."""
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=utf-8''{quote(filename)}"


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def copy_csv_response(queryset, columns: list[Column], filename: str, translate=None):
    """The CSV written by PostgreSQL's COPY from the list's own query, streamed as it comes.

    Same filters and order as the Python path (the queryset is the FilterSet's), the
    same cells (labels and neutralised text are SQL expressions of the columns), and a
    fraction of the time at hundreds of thousands of rows. `translate` (str → str, e.g.
    core.script's one-to-one name table) is applied to the text as it streams.
    """
    sql, params = sql_cells(queryset, columns).query.sql_with_params()
    chunks = _copy_chunks(sql, params, columns)
    if translate is not None:
        chunks = _translated(chunks, translate)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def _copy_chunks(sql, params, columns):
    """The CSV's bytes from COPY: the header, then pieces of STREAM_CHUNK_BYTES."""
    yield ("\ufeff" + csv.writer(_Echo()).writerow(headers(columns))).encode("utf-8")
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


def _translated(chunks, translate):
    """UTF-8 pieces translated as text; a character split between two pieces waits for
    the next (an incremental decoder)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in chunks:
        yield translate(decoder.decode(chunk)).encode("utf-8")
    yield translate(decoder.decode(b"", final=True)).encode("utf-8")


def csv_response(rows: Iterable[list], columns: list[Column], filename: str):
    """A streaming CSV download, UTF-8 with a BOM so Excel on Chinese Windows reads it as text."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(headers(columns))
        for row in rows:
            yield writer.writerow(["" if value is None else value for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def xlsx_response(rows, columns, notes, filename: str):
    # FileResponse closes the file when the download is done.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(rows, columns, notes, spool)
    spool.seek(0)
    response = FileResponse(
        spool, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def workbook_response(write, filename: str):
    """An .xlsx download that ``write(file)`` lays out (several sheets, typed cells)."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    write(spool)
    spool.seek(0)
    response = FileResponse(
        spool, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def docx_response(document, filename: str):
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    response = FileResponse(
        buffer,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


def pdf_response(pdf, filename: str):
    """A PDF download: ``pdf`` is bytes or a file opened for reading (closed when sent)."""
    stream = io.BytesIO(pdf) if isinstance(pdf, bytes | bytearray) else pdf
    response = FileResponse(stream, content_type="application/pdf")
    response["Content-Disposition"] = attachment_disposition(filename)
    return response


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
