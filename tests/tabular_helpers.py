"""Building spreadsheet files in memory for the import and export tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook


def csv_upload(rows: list[list], name: str = "list.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_upload(rows: list[list], name: str = "list.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def read_csv_response(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "CSV must start with a BOM for Excel"
    return list(csv.reader(io.StringIO(body[1:])))


def read_xlsx_response(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def docx_lines(document) -> list[str]:
    """A Word file's lines in reading order: paragraphs, and the names set in borderless
    tables (core/documents/word.py), a name with its unit and post as one line."""
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            for row in DocxTable(child, document).rows:
                cells = [cell.text for cell in row.cells]
                if len(cells) == 2:
                    lines.append("\u3000".join(cell for cell in cells if cell))
                else:
                    lines.extend(cell for cell in cells if cell)
    return lines
