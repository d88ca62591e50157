"""Migration operations that only PostgreSQL needs."""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL run on PostgreSQL and skipped elsewhere (SQLite in development and tests)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def trigram_index(table: str, column: str = "search_text") -> PostgreSQLOnly:
    """A GIN trigram index, so `LIKE '%word%'` on a normalised search column uses an index."""
    name = f"{table}_{column}_trgm"
    return PostgreSQLOnly(
        sql=[
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)",
        ],
        reverse_sql=[f"DROP INDEX IF EXISTS {name}"],
    )
