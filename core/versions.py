"""The versions cached things are stored under: which a page reads, and which a write moves
on (the rule is in core.cache's docstring).

A version is a random value in the shared cache (Redis) at a key of its own, kept without a
time-out: `version:reference` (what every page shows), `version:<app>` (all of an app) and
`version:<app>:<node>` (the app's records in a region subtree; the node "" is the whole site).
"""

import contextlib
import contextvars
import functools
import re
import threading
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from simple_history.models import HistoricalChanges

from core.models import Region

PREFIX = "version:"
REFERENCE = f"{PREFIX}reference"
SITE = ""  # the node above every region: a page without a region filter
# Regions with a code of this length (GB/T 2260: province, city, county and the zones numbered
# like counties) have versions of their own; a town or village (12 digits) counts under its
# county, so a province has a few hundred nodes, not tens of thousands.
NODE_CODE_LENGTH = 6
CODE = re.compile(r"^\d{6}(\d{6})?$")
PATHS_KEPT = 20_000  # codes remembered per process (any 6- or 12-digit code may be asked for)


@dataclass(frozen=True)
class Scope:
    """What a cached thing shows: the records of `apps` (None: of every public app) in the
    region subtree `node` (a region code, or SITE for everything)."""

    apps: tuple[str, ...] | None = None
    node: str = SITE


EVERYTHING = Scope()
REFERENCE_ONLY = Scope(apps=())


@functools.cache
def public_tables() -> dict[str, str]:
    """Each table behind public pages → the key its writes move on when no service says where
    (`version:<app>`, or the reference version for regions and what every page shows).

    The apps that declare `public_data` on their AppConfig (core.apps), with their many-to-many
    tables; history tables are not shown and change with their records.
    """
    tables = {Region._meta.db_table: REFERENCE}
    for config in apps.get_app_configs():
        if not getattr(config, "public_data", False):
            continue
        key = REFERENCE if getattr(config, "every_page", False) else app_key(config.label)
        for model in config.get_models(include_auto_created=True):
            if not issubclass(model, HistoricalChanges):
                tables[model._meta.db_table] = key
    return tables


@functools.cache
def versioned_apps() -> tuple[str, ...]:
    """The apps with versions of their own (the `every_page` app is in the reference)."""
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "public_data", False) and not getattr(config, "every_page", False)
    )


@functools.cache
def apps_with_records() -> frozenset[str]:
    """The apps whose records sit in regions (`record_models`), so have versions per node."""
    return frozenset(
        label
        for label in versioned_apps()
        if getattr(apps.get_app_config(label), "record_models", ())
    )


def app_key(label: str) -> str:
    return f"{PREFIX}{label}"


def node_key(label: str, node: str) -> str:
    return f"{PREFIX}{label}:{node}"


def nodes(path: str) -> list[str]:
    """The nodes a record at `path` counts under: the whole site, and each region above it or
    itself down to the county."""
    return [SITE, *(code for code in path.split("/") if len(code) == NODE_CODE_LENGTH)]


def node_of(path: str) -> str:
    """The node a page filtered to the region at `path` is kept under: the lowest of its nodes.
    Every record shown under that region counts under this node too (it is the region or above
    it), so its writes move this node's version on."""
    return nodes(path)[-1]


def keys_of(scope: Scope) -> list[str]:
    keys = [REFERENCE]
    for label in versioned_apps() if scope.apps is None else scope.apps:
        keys.append(app_key(label))
        if label in apps_with_records():
            keys.append(node_key(label, scope.node))
    return keys


# ---------------------------------------------------------------- reading


_request_versions: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "request_versions", default=None
)


@contextlib.contextmanager
def one_read_per_request():
    """Within the block (a public request) each version is read from the cache once.

    Safe: a value computed after its versions were read is at least as new as they are."""
    token = _request_versions.set({})
    try:
        yield
    finally:
        _request_versions.reset(token)


def read(keys: list[str]) -> dict[str, str]:
    """The versions at `keys`, in one round trip (get_many); a version the cache lost (or
    never had) is given a new value, so nothing stored under an older one is reused."""
    memo = _request_versions.get()
    found = {key: memo[key] for key in keys if key in memo} if memo is not None else {}
    wanted = [key for key in keys if key not in found]
    if wanted:
        found.update(cache.get_many(wanted))
        for key in wanted:
            if key not in found:
                value = uuid.uuid4().hex
                added = cache.add(key, value, timeout=None)
                found[key] = value if added else (cache.get(key) or value)  # None: Redis down
        if memo is not None:
            memo.update({key: found[key] for key in wanted})
    return found


def token(scope: Scope) -> str:
    """The versions of `scope` as one string, for a key."""
    keys = keys_of(scope)
    found = read(keys)
    return ".".join(found[key] for key in keys)


def move_on(keys) -> None:
    """Give each version a new value, in one round trip."""
    values = {key: uuid.uuid4().hex for key in keys}
    if values:
        cache.set_many(values, timeout=None)


# ---------------------------------------------------------------- regions by code


_paths_lock = threading.Lock()
_paths: dict = {"reference": None, "nodes": {}}


def scope_of_page(apps: tuple[str, ...] | None, code: str) -> Scope:
    """The scope of a page of `apps` filtered to the region with this code ("" or an unknown
    code: the whole site, the coarsest, right for whatever such a page shows).

    Code → node is remembered in this process while the reference version (which every write
    to the region table moves on) stays, so a known region costs no query and its versions are
    read with the reference in one round trip; the memo is checked against the reference read.
    """
    if not code or not CODE.match(code):
        return Scope(apps, SITE)
    with _paths_lock:
        reference, known = _paths["reference"], _paths["nodes"].get(code)
    if known is not None and read(keys_of(Scope(apps, known)))[REFERENCE] == reference:
        return Scope(apps, known)
    reference = read([REFERENCE])[REFERENCE]
    path = Region.objects.filter(code=code).values_list("path", flat=True).first()
    node = node_of(path) if path else SITE
    with _paths_lock:
        if _paths["reference"] != reference or len(_paths["nodes"]) >= PATHS_KEPT:
            _paths.update(reference=reference, nodes={})
        _paths["nodes"][code] = node
    return Scope(apps, node)


def paths_of(region_ids) -> set[str]:
    """The paths of regions by id (for writes in bulk), a query per 900 ids."""
    ids = sorted({pk for pk in region_ids if pk is not None})
    paths = set()
    for start in range(0, len(ids), 900):  # SQLite's limit on parameters
        chunk = ids[start : start + 900]
        paths.update(Region.objects.filter(pk__in=chunk).values_list("path", flat=True))
    return paths
