"""Caching public pages (and the costly parts of lists) under a version of the data.

One rule: every write to the public records moves the data version on, and every
cached thing is stored under the version it was computed from. A page cached before
a write is never served after it — a visitor sees a new record on the next request,
on every app server sharing the cache (Redis, when REDIS_URL is set).

Writes are noticed at the database connection, not in model signals: an execute
wrapper sees every INSERT, UPDATE and DELETE Django sends — `save()`, `QuerySet.update()`,
`bulk_create()`, the importers' bulk writes and SQL through Django's cursors alike — and
moves the version on when the transaction commits (a rolled-back write changes nothing).
What goes past Django's cursor (COPY FROM on psycopg's own) calls public_data_changed().

A key also holds the release (settings.RELEASE, or the static files' manifest), so a
deployment never serves pages cached by the one before it.

Replaces: Django's per-view cache with a time-out (pages stale until it ran out) and
invalidation by model signals (which `update()`, bulk writes and history restores do not
send). Measured: cached list pages 0.4–0.9 ms against 10–20 ms rendered (bench/results.md,
lists). Held to the plain way by tests/core/test_cache.py: every kind of write (save,
update, bulk insert, rollback) is seen, and a committed save shows on the next visit.
Invalidation stays here rather than in core.services, although every write now goes
through a service: the watcher also sees what no service writes (a region's moved
subtree, migrations, psql through Django), so it is the simpler one to trust.

Caching is on when `PUBLIC_CACHE_SECONDS` > 0 — by default only when REDIS_URL is
set, because a cache in one process's memory cannot tell another worker that the
data changed. The time-out is a safety net for writes made outside Django (psql).
"""

import functools
import hashlib
import re
import time
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.http import urlencode
from simple_history.models import HistoricalChanges

from core.models import Region

VERSION_KEY = "public-data-version"
# Files the page cache may store for views with `cache_files` (Word and Excel), and the
# largest page or file it stores: a roll of every honour of a decade is not kept in Redis.
DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
MAX_CACHED_BYTES = 8 * 1024 * 1024
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


@functools.cache
def public_tables() -> frozenset[str]:
    """The tables behind public pages; history tables are not shown and change with them."""

    # Regions, and the apps that declare `public_data` on their AppConfig (core.apps), with
    # their many-to-many tables.
    models = [Region]
    for config in apps.get_app_configs():
        if getattr(config, "public_data", False):
            models += config.get_models(include_auto_created=True)
    return frozenset(
        model._meta.db_table for model in models if not issubclass(model, HistoricalChanges)
    )


def enabled() -> bool:
    return settings.PUBLIC_CACHE_SECONDS > 0


def data_version() -> str:
    """The current version; a new one if the cache lost it (so nothing old is reused)."""
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def bump_data_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def writes_public_data(sql: str) -> bool:
    match = WRITE.match(sql)
    return bool(match and match[1] in public_tables())


def public_data_changed(alias: str = "default") -> None:
    """Move the version on when the current transaction commits (at once outside one).

    Called by the write watcher, and by writers Django does not see (COPY FROM)."""
    connection = connections[alias]
    if not connection.in_atomic_block:
        bump_data_version()
        return
    # One bump per transaction, however many statements it runs (an import runs hundreds);
    # robust: the write is committed already, a failing cache must not turn it into an error.
    if not any(func is bump_data_version for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(bump_data_version, using=alias, robust=True)


class WriteWatcher:
    """An execute wrapper: after a write to a public table, move the version on at commit."""

    def __init__(self, alias: str):
        self.alias = alias

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and writes_public_data(sql):
            public_data_changed(self.alias)
        return result


@receiver(connection_created)
def watch_writes(sender, connection, **kwargs):
    if not any(isinstance(w, WriteWatcher) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(WriteWatcher(connection.alias))


def versioned_key(*parts: str) -> str:
    digest = hashlib.blake2b("\x1f".join([release(), *parts]).encode(), digest_size=16)
    return f"public:{data_version()}:{digest.hexdigest()}"


def release() -> str:
    return settings.RELEASE or _manifest_digest(str(settings.STATIC_ROOT))


@functools.cache
def _manifest_digest(static_root: str) -> str:
    try:
        manifest = (Path(static_root) / "staticfiles.json").read_bytes()
    except OSError:
        return ""  # no collected static files (development): nothing to tell apart
    return hashlib.blake2b(manifest, digest_size=8).hexdigest()


def queryset_key(queryset) -> tuple[str, str] | None:
    """The SQL and parameters a queryset runs (None if it can match nothing)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, repr(params)


def remember(name: str, compute, *parts: str):
    """`compute()` once per data version (and these parts) when caching is on."""
    if not enabled():
        return compute()
    return cache.get_or_set(
        versioned_key(name, *parts), compute, timeout=settings.PUBLIC_CACHE_SECONDS
    )


def page_key(request, parameters=frozenset()) -> str:
    """What a public page depends on: host, language, path, the query parameters the page
    reads (`parameters`; others are left out, so `?x=<random>` is the same page) — and
    today's date, for the pages that show what is in notice today."""
    query = urlencode(
        [(name, request.GET.getlist(name)) for name in sorted(set(request.GET) & parameters)],
        doseq=True,
    )
    return versioned_key(
        "page",
        request.get_host(),
        translation.get_language() or "",
        request.path,
        query,
        timezone.localdate().isoformat(),
    )


def download_allowed(address: str) -> bool:
    """Count a file made for `address`; False once it has had DOWNLOADS_PER_MINUTE this minute.

    Only files that have to be made count: one served from the page cache costs nothing
    and is not counted (the middleware answers before the view).
    """
    return within_limit("downloads", address, settings.DOWNLOADS_PER_MINUTE, 60)


def within_limit(name: str, address: str, limit: int, seconds: int) -> bool:
    """Count one `name` for `address`; False once it has had `limit` in this window.

    A fixed window counted in the shared cache (Redis in production), so every app server
    counts together. Written here rather than taken from django-ratelimit: it is these
    lines on the cache the site already has, with no new dependency, and it fails open like
    the rest of the cache — with Redis down a visitor is served (slowly), never refused.
    """
    if limit <= 0:
        return True
    key = f"{name}:{address}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window
        return True
    return count is None or count <= limit
