"""Every file in one script, the visitor's: the list's CSV and Excel as the page shows it."""

import io

import pytest

from tests.tabular_helpers import read_csv_response

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

QUERY = {"year": 2022, "level": "city", "title": "sanba-hongqishou"}


@pytest.mark.parametrize(("prefix", "county"), [("", "滨城区"), ("/zh-hant", "濱城區")])
def test_the_csv_is_in_the_visitors_script(client, prefix, county):
    rows = read_csv_response(client.get(f"{prefix}/honors/export.csv", QUERY))
    text = "\n".join(",".join(row) for row in rows)
    assert county in text
    other = "濱城區" if not prefix else "滨城区"
    assert other not in text


@pytest.mark.parametrize("prefix", ["", "/zh-hant"])
def test_the_excel_file_is_in_the_visitors_script(client, prefix):
    from openpyxl import load_workbook

    response = client.get(f"{prefix}/honors/export.xlsx", QUERY)
    sheet = load_workbook(io.BytesIO(response.getvalue()), read_only=True).worksheets[0]
    text = "\n".join(
        ",".join(str(c or "") for c in row) for row in sheet.iter_rows(values_only=True)
    )
    assert ("濱城區" in text) == bool(prefix) and ("滨城区" in text) == (not prefix)
