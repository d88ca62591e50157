"""The site identity every page shows, read once per reference version, not once per page."""

import threading
import time

from core import cache, versions
from pages.models import SiteIdentity

# Without a shared cache (no REDIS_URL) another worker's save does not move this process's
# reference version: the row is then read again at least this often.
UNSHARED_SECONDS = 60

_lock = threading.Lock()
_memo: dict[str, tuple[float, SiteIdentity | None]] = {}


def current_identity() -> SiteIdentity | None:
    """The federation's identity row, or None before the administrator has entered it.

    Read from the database once per reference version (core.cache): a save of the row moves
    it on (pages declares `public_data` and `every_page`), so every worker that shares the
    cache reads the new row on its next page; the pages themselves cost no query for it.
    """
    version = versions.token(versions.REFERENCE_ONLY)
    with _lock:
        found = _memo.get(version)
    if found is not None and (cache.enabled() or time.monotonic() - found[0] < UNSHARED_SECONDS):
        return found[1]
    identity = SiteIdentity.objects.first()
    with _lock:
        _memo.clear()
        _memo[version] = (time.monotonic(), identity)
    return identity


def forget() -> None:
    """Drop the remembered row (the admin's save, and tests)."""
    with _lock:
        _memo.clear()


def site_identity(request) -> dict:
    """Context processor: `site_identity` for the header and footer (None: not entered)."""
    return {"site_identity": current_identity()}
