"""The site identity every page shows, read once per data version, not once per page."""

import threading

from core import cache
from pages.models import SiteIdentity

_lock = threading.Lock()
_memo: dict[str, SiteIdentity | None] = {}


def current_identity() -> SiteIdentity | None:
    """The federation's identity row, or None before the administrator has entered it.

    Read from the database once per data version (core.cache): a save of the row moves
    the version on (pages declares `public_data`), so every worker that shares the cache
    reads the new row on its next page; the pages themselves cost no query for it.
    """
    version = cache.data_version()
    with _lock:
        if version in _memo:
            return _memo[version]
    identity = SiteIdentity.objects.first()
    with _lock:
        _memo.clear()
        _memo[version] = identity
    return identity


def forget() -> None:
    """Drop the remembered row (tests, and a save inside a transaction not yet committed)."""
    with _lock:
        _memo.clear()


def site_identity(request) -> dict:
    """Context processor: `site_identity` for the header and footer (None: not entered)."""
    return {"site_identity": current_identity()}
