import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
@pytest.mark.parametrize("table", ["honors_honor", "families_family", "programs_program"])
def test_search_columns_have_trigram_indexes_on_postgresql(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s", [table])
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin_trgm_ops" in d and "search_text" in d for d in definitions)
