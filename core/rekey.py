"""Recompute derived columns (sort keys, search text) of existing rows, in batches.

Data migrations call this when the functions behind a derived column change (the
official stroke order and the search folding of issue 14), so every stored key is
the one the current code would write. Rows are read in primary-key order, a batch at
a time, and written back with one bulk UPDATE per batch, so memory stays flat on
tables of hundreds of thousands of rows.
"""

from __future__ import annotations

from collections.abc import Callable

BATCH_SIZE = 2000


def recompute(
    queryset, fields: list[str], derive: Callable[[object], None], batch_size: int = BATCH_SIZE
) -> int:
    """Call ``derive(row)`` on every row of ``queryset`` and save ``fields``; return the
    number of rows. ``derive`` sets the fields on the row it is given."""
    done = 0
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:batch_size])
        if not rows:
            return done
        for row in rows:
            derive(row)
        queryset.model.objects.bulk_update(rows, fields, batch_size=batch_size)
        done += len(rows)
        last = rows[-1].pk
