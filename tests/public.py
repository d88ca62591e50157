"""Helpers the public-page tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def query_count(client, url, params=None) -> int:
    """How many SQL queries one GET of the page takes (after a warm-up request)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)
