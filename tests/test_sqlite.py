"""SQLite, the development and small-office database, lets pages read during a long write.

In its default (rollback journal) mode a write that outgrows SQLite's page cache — an
import of 20,000 rows being checked and written — locks readers out, and public pages
answered 500 "database is locked". In WAL mode readers go on reading the last committed
data; the busy timeout makes a second writer wait instead of failing at once.
"""

import sqlite3

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite settings only",
)


@pytest.fixture
def database_file(tmp_path, django_db_blocker):
    """A connection made with the project's SQLite settings, on a file (the test database
    is in memory, where WAL does not apply)."""
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3")}, alias="file"
    )
    with django_db_blocker.unblock():  # its own file, not the test database
        wrapper.ensure_connection()
        yield wrapper
        wrapper.close()


def pragma(wrapper, name: str):
    with wrapper.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(database_file):
    assert pragma(database_file, "journal_mode") == "wal"
    assert pragma(database_file, "busy_timeout") >= 5000
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_page_reads_while_a_large_write_is_under_way(database_file, tmp_path):
    with database_file.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        cursor.execute("INSERT INTO t (v) VALUES ('committed')")
    writer = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    writer.execute("PRAGMA cache_size=1")  # the write spills to the file at once, as a big one does
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 500,)] * 2000)
    try:
        reader = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0.5)
        assert reader.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 1
        reader.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
