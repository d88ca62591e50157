"""On PostgreSQL the public CSV is written by COPY; it must equal the file built from
model objects, cell by cell."""

import pytest
from django.db import connection
from django.urls import reverse

from core import tabular
from families.models import Family
from honors.models import Honor
from tests.tabular_helpers import read_csv_response

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
    pytest.mark.usefixtures("demo_year"),  # the lists of a whole year, compared cell by cell
]


@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("honors:export-csv", {"year": 2022, "level": "city"}),
        ("families:export-csv", {"level": "provincial", "order": "pinyin"}),
        ("honors:export-csv", {"q": "婦聯"}),
    ],
)
def test_copy_and_python_paths_write_the_same_file(client, monkeypatch, url_name, params):
    Honor.objects.filter(pk=Honor.objects.public().first().pk).update(deeds="=HYPERLINK(1)")
    Family.objects.filter(level="provincial").update(story='+引號 "與" 逗號,換行\n完')
    copied = read_csv_response(client.get(reverse(url_name), params))
    # The reference: cells read off model objects by each column's Python getter.
    monkeypatch.setattr(tabular, "can_copy", lambda columns: False)
    monkeypatch.setattr(
        tabular, "export_rows", lambda qs, columns, records: tabular.rows_for(records, columns)
    )
    python = read_csv_response(client.get(reverse(url_name), params))
    assert copied == python and len(copied) > 1
