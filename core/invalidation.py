"""Which versions a write moves on, seen at the database connection (the rule: core.cache).

The write watcher (an execute wrapper on every connection) sees each INSERT, UPDATE and
DELETE Django sends to a public table; COPY FROM, which Django does not see, says so itself
(`table_written`). A write inside `writes_in(models, paths)` — core.services declares one
around each record it saves, deletes or writes in bulk, with the record's stored and new
regions — moves on the versions of that app for those regions; any other write to an app's
table moves on the whole app's version, and to the region table (or the `every_page` app's)
the reference version. The versions are moved on together when the transaction commits (one
on_commit callback per transaction; none if it rolls back).
"""

import contextlib
import re

from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from core import cache, versions

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def writes_public_data(sql: str) -> bool:
    match = WRITE.match(sql)
    return bool(match and match[1] in versions.public_tables())


@contextlib.contextmanager
def writes_in(models, paths, *, using: str = "default"):
    """Writes to these models' tables inside the block touch records of the regions at `paths`
    only (their stored and new regions): their app's versions of those regions move on, not
    the whole app's. No paths (a record the city owns, a title): nothing is declared."""
    # The nodes once here, not at each statement (an import writes thousands of regions).
    nodes = frozenset(node for path in paths for node in versions.nodes(path))
    if not nodes:
        yield
        return
    connection = connections[using]
    declared = {model._meta.db_table: nodes for model in models}
    stack = connection.__dict__.setdefault("declared_writes", [])
    stack.append(declared)
    try:
        yield
    finally:
        stack.pop()


def _declared_nodes(connection, table: str):
    for declared in reversed(connection.__dict__.get("declared_writes", ())):
        if table in declared:
            return declared[table]
    return None


class VersionBump:
    """The versions one transaction moves on, called once when it commits (on_commit)."""

    def __init__(self):
        self.keys: set[str] = set()
        self.added: set[tuple[str, frozenset]] = set()
        self.done = False

    def add(self, table: str, nodes: frozenset | None) -> None:
        """A write to `table` of records under `nodes` (None: not declared)."""
        owner = versions.public_tables()[table]
        if owner == versions.REFERENCE or nodes is None:
            self.keys.add(owner)
        elif (owner, nodes) not in self.added:
            self.added.add((owner, nodes))
            label = owner.removeprefix(versions.PREFIX)
            self.keys.update(versions.node_key(label, node) for node in nodes)

    def __call__(self) -> None:
        self.done = True
        cache.move_on(self.keys)
        try:
            cache.check_facts(self.keys)
        except Exception:
            # Not known whether a fact changed: as if it had (the whole apps move on).
            labels = {key.split(":")[1] for key in self.keys if key.count(":") == 2}
            cache.move_on({versions.app_key(label) for label in labels})
            raise


def table_written(table: str, alias: str = "default") -> None:
    """A write to `table` in the current transaction: its versions move on at commit (at once
    outside a transaction). Called by the write watcher and by writers Django does not see."""
    if table not in versions.public_tables():
        return
    connection = connections[alias]
    nodes = _declared_nodes(connection, table)
    if not connection.in_atomic_block:
        bump = VersionBump()
        bump.add(table, nodes)
        bump()
        return
    # One callback per transaction, however many statements it runs (an import runs hundreds).
    # A savepoint rolled back takes the callback registered inside it along, so look again
    # (and never add to one that has run: a test runs its callbacks without committing).
    # Robust: the write is committed already; a failing cache must not make it an error.
    bump = next(
        (
            func
            for _sids, func, _robust in connection.run_on_commit
            if isinstance(func, VersionBump) and not func.done
        ),
        None,
    )
    if bump is None:
        bump = VersionBump()
        transaction.on_commit(bump, using=alias, robust=True)
    bump.add(table, nodes)


class WriteWatcher:
    """An execute wrapper: a write to a public table moves its versions on at commit."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and (match := WRITE.match(sql)):
            table_written(match[1], self.alias)
        return result


@receiver(connection_created)
def watch_writes(sender, connection, **kwargs):
    if not any(isinstance(w, WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection.alias))
