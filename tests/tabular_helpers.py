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
