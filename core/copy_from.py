"""New records in bulk through PostgreSQL's COPY FROM, each with its history row.

An import of 50,000 honours writes ~43,000 recipients, 50,000 honours and a history
row for each (django-simple-history). Django's bulk_create spends most of that time
compiling INSERT statements value by value; COPY takes the same values as a stream.
The keys come from each table's own sequence first, so records can point at one
another (an honour at its new recipient) and their history rows at them.

The values are prepared as bulk_create prepares them (`pre_save`, `get_db_prep_save`),
and the history rows hold what simple-history's bulk_history_create would put there.
COPY is not an INSERT Django sees, so it tells the page cache itself (core.invalidation).
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import connections
from django.utils import timezone

from core import invalidation

# What simple-history records about the change itself, beside the record's own fields.
HISTORY_FIELDS = {"history_date", "history_user", "history_change_reason", "history_type"}


def available(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def insert_with_history(model, objs: Iterable, *, user, reason: str, using: str = "default"):
    """Insert new instances of `model` (keys are set on them) and one history row each."""
    insert(model, objs, history=True, user=user, reason=reason, using=using)


def insert(
    model, objs: Iterable, *, history: bool, user=None, reason: str = "", using: str = "default"
):
    """Insert new instances of `model` (keys are set on them), with a history row each
    when `history` (and simple-history is on)."""
    objs = list(objs)
    if not objs:
        return
    connection = connections[using]
    history_model = getattr(getattr(model, "history", None), "model", None) if history else None
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        history_model = None
    history_fields = _history_fields(history_model) if history_model is not None else None
    _take_keys(model, objs, connection)
    fields = model._meta.concrete_fields
    _copy(
        connection,
        model,
        fields,
        ([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs),
    )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
    if history_model is not None:
        _copy_history(connection, history_model, history_fields, objs, user, str(reason))
    invalidation.table_written(model._meta.db_table, using)


def _take_keys(model, objs: list, connection) -> None:
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(objs)],
        )
        for obj, (key,) in zip(objs, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, key)


def _history_fields(history_model) -> list:
    """The history table's columns, checked before anything is written: a field this
    writer would not know how to fill (a custom one) stops the import whole."""
    fields = [f for f in history_model._meta.concrete_fields if not f.primary_key]
    tracked = {f.attname for f in history_model.tracked_fields}
    unknown = [f.name for f in fields if f.attname not in tracked and f.name not in HISTORY_FIELDS]
    if unknown:
        raise ValueError(f"history fields this writer does not fill: {sorted(unknown)}")
    return fields


def _copy_history(connection, history_model, fields, objs: list, user, reason: str) -> None:
    now = timezone.now()
    tracked = {f.attname for f in history_model.tracked_fields}
    about = {
        "history_date": now,
        "history_user_id": user.pk if user is not None else None,
        "history_change_reason": reason,
        "history_type": "+",
    }

    def value(obj, field):
        raw = getattr(obj, field.attname) if field.attname in tracked else about[field.attname]
        return field.get_db_prep_save(raw, connection)

    _copy(connection, history_model, fields, ([value(obj, f) for f in fields] for obj in objs))


def _copy(connection, model, fields, rows: Iterable[list]) -> None:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # psycopg's own errors (a unique key taken meanwhile) become Django's IntegrityError,
    # which the importer reports as a refused write, as it does for bulk_create.
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)
