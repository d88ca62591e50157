"""Caching public pages (and the costly parts of lists) under versions of the data they show.

One rule: a page, or a count or choice list remembered for it, is stored under the versions
of what it shows, and a committed write moves on the versions of what it changed. A page
cached before a write that touches it is never served after it — a visitor sees a new record
on the next request, on every app server sharing the cache (Redis, when REDIS_URL is set) —
and a write that does not touch it leaves it cached.

The versions (core.versions): one per app and region node, for the regions down to the
county (6-digit codes: a town or village counts under its county), the node "" being the
whole site; one per app as a whole; and a reference version for what every page shows (the
region tree, the site identity). A page of app A filtered to region F (none: the whole site)
is kept under the reference, A's whole version and A's version of F's node; a page of several
apps (home, a region's page, the report, the notices) under each one's. A view says which
apps it shows and which parameter names its region (core.views.CachedPageMixin), so the
middleware has the key before the view runs; the versions come in one get_many. Per app and
region because that is what a URL says before anything is read (a filter names a region, a
view its apps), down to the county because a write then moves on three or four versions
however deep its region, and a province keeps a few hundred of them, not a version a village.

The writes (core.invalidation): core.services declares the stored and the new regions of each
record it saves, deletes or writes in bulk, and the write watcher — an execute wrapper that
sees every INSERT, UPDATE and DELETE Django sends; COPY FROM says so itself — moves on, for
writes to that record's tables, A's versions of every node at or above those regions (the
whole site's included). A write nobody declared (a title, a cross-row UPDATE, a migration,
a shell) moves on A's whole version; one to the region tree or the site identity, the
reference. All of a transaction's together when it commits; nothing if it rolls back. This is
right because a record at R is shown under F exactly when F is R or above it, so F's node is
R's or above it too. What a page of one region shows about all records — the years a list
offers, the year the report opens at — is a `Fact`: computed again after each commit that
moved a region of its apps on, and when it changed, those apps' whole versions move on.

A key also holds the release (settings.RELEASE, or the static files' manifest), so a
deployment never serves pages cached by the one before it.

Replaces: one data version for all public data, which any committed write moved on — one
editor's save anywhere emptied every cached page (before that, Django's per-view cache with a
time-out and signals, which `update()` and bulk writes do not send). Measured with
`python -m bench.write_stream` (one admin save a second in half of the city bench's counties
while wrk -c32 reads 77 lists and reports of the others, 2 gunicorn workers): 100.0 % of
18,665 answers from the cache, p95 145 ms; with one data version (the same script on d538984)
27.0 % of 625, p95 2.05 s. (p95 ≤ 25 ms is not met on that loaded 2-core machine even without
writes: 218 ms in the same run.) Held to the plain way by tests/core/test_invalidation.py (every
kind of write — save, move, deletion, bulk, COPY, undeclared UPDATE, region, identity, a new
year — empties each page that shows it, a rollback none, and pages of other regions and apps
stay) and tests/core/test_cache.py (every write is seen; a committed save shows next visit).
Invalidation stays at the connection, with the services only saying where: the watcher still
sees what no service writes (a region's moved subtree, migrations, psql through Django).

Caching is on when `PUBLIC_CACHE_SECONDS` > 0 — by default only when REDIS_URL is
set, because a cache in one process's memory cannot tell another worker that the
data changed. The time-out is a safety net for writes made outside Django (psql).
"""

import contextlib
import contextvars
import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.urls import get_resolver
from django.utils import timezone, translation
from django.utils.http import urlencode

from core import versions
from core.versions import EVERYTHING, Scope

# Files the page cache may store for views with `cache_files` (Word and Excel), and the
# largest page or file it stores: a roll of every honour of a decade is not kept in Redis.
DOCUMENT_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
MAX_CACHED_BYTES = 8 * 1024 * 1024

_page_scope: contextvars.ContextVar[Scope | None] = contextvars.ContextVar(
    "page_scope", default=None
)


def enabled() -> bool:
    return settings.PUBLIC_CACHE_SECONDS > 0


@contextlib.contextmanager
def serving(scope: Scope):
    """While a public page of `scope` is made: what it remembers (a list's count) is kept
    under its scope."""
    token = _page_scope.set(scope)
    try:
        yield
    finally:
        _page_scope.reset(token)


def data_version() -> str:
    """The versions of everything as one string: it changes with any committed write."""
    return versions.token(EVERYTHING)


def versioned_key(scope: Scope, *parts: str) -> str:
    return _key([release(), versions.token(scope), *parts])


def _key(parts: list[str]) -> str:
    return f"public:{hashlib.blake2b(chr(31).join(parts).encode(), digest_size=16).hexdigest()}"


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


def remember(name: str, compute, *parts: str, scope: Scope | None = None):
    """`compute()` once per version of `scope` (and these parts) when caching is on. Without
    a scope: the page's being made (a list's count is its page's), else everything."""
    if not enabled():
        return compute()
    scope = scope or _page_scope.get() or EVERYTHING
    return cache.get_or_set(
        versioned_key(scope, name, *parts), compute, timeout=settings.PUBLIC_CACHE_SECONDS
    )


def page_key(request, scope: Scope, parameters=frozenset()) -> str:
    """What a public page depends on: the versions of its scope, host, language, path, the
    query parameters the page reads (`parameters`; others are left out, so `?x=<random>` is
    the same page) — and today's date, for the pages that show what is in notice today."""
    query = urlencode(
        [(name, request.GET.getlist(name)) for name in sorted(set(request.GET) & parameters)],
        doseq=True,
    )
    return versioned_key(
        scope,
        "page",
        request.get_host(),
        translation.get_language() or "",
        request.path,
        query,
        timezone.localdate().isoformat(),
    )


# ---------------------------------------------------------------- facts

FACTS: dict[str, "Fact"] = {}


class Fact:
    """A value computed over all of some apps' records that pages of every region show (the
    years a list offers, the year the report opens at): kept under those apps' whole
    versions only, and computed again after a commit that moved on a region's version of one
    of them — if it changed, the apps' whole versions move on too (check_facts).

    Define one at import time, in the module of the page that shows it: the URLconf imports
    them all, so every process that writes knows every fact. The check costs the saving
    request about 4 ms after an honour's commit and 13 ms after an activity's on the city
    bench data (the activities' years are read whole: no index starts with their date).
    Kept without a time-out, as the versions are (so it is not evicted before the pages that
    show it); the value the cache holds wins over one computed meanwhile, so a page never
    shows an older one than it.
    """

    def __init__(self, name: str, apps: tuple[str, ...], compute):
        self.name, self.apps, self.compute = name, tuple(apps), compute
        self.version_keys = [versions.REFERENCE, *(versions.app_key(a) for a in self.apps)]
        FACTS[name] = self

    def key(self) -> str:
        found = versions.read(self.version_keys)
        return _key([release(), "fact", self.name, *(found[key] for key in self.version_keys)])

    def __call__(self):
        if not enabled():
            return self.compute()
        key = self.key()
        stored = cache.get(key)
        if stored is None:
            computed = (self.compute(),)
            if not cache.add(key, computed, timeout=None):
                stored = cache.get(key)  # another process's, computed meanwhile: it wins
            stored = stored or computed
        return stored[0]


def move_on(keys: set[str]) -> None:
    """Move these versions on, and drop the facts kept under their old values."""
    stale = [fact.key() for fact in FACTS.values() if keys.intersection(fact.version_keys)]
    versions.move_on(keys)
    if stale:
        cache.delete_many(stale)


def check_facts(moved: set[str]) -> None:
    """After a commit that moved on `moved`: compute again the facts of the apps whose
    region versions moved (and not their whole version, which renews their facts anyway);
    where one changed, move those apps' whole versions on."""
    if not enabled() or versions.REFERENCE in moved:
        return
    written = {
        label
        for label in versions.apps_with_records()
        if versions.node_key(label, versions.SITE) in moved and versions.app_key(label) not in moved
    }
    if not written:
        return
    get_resolver().url_patterns  # noqa: B018 — imports every page's module, so its facts
    facts = [fact for fact in FACTS.values() if written & set(fact.apps)]
    if not facts:
        return
    keys = {fact: fact.key() for fact in facts}
    stored = cache.get_many(list(keys.values()))
    changed = {}
    for fact, key in keys.items():
        value = (fact.compute(),)
        if key not in stored and cache.add(key, value, timeout=None):
            continue  # no page showed it under these versions
        if (stored[key] if key in stored else cache.get(key)) != value:
            changed[fact] = value
    if changed:
        move_on({versions.app_key(label) for fact in changed for label in written & set(fact.apps)})
        for fact, value in changed.items():
            cache.set(fact.key(), value, timeout=None)


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
