"""Pagination for long lists: a count cached under the data versions, deep pages by key first.

A page deep in a list of 200,000 (page 500, or the admin's last page) costs an
OFFSET scan. Reading only the keys of the page — which the list's order index
answers without touching the table — and then the page's rows by key keeps it near
the cost of page 1, and every page runs the same two queries. Past the middle the
keys are read from the other end, so the last page costs what the first does.

Replaces: Django's Paginator slicing (OFFSET/LIMIT). Measured: the admin's last page of
213,712 families in 19 ms instead of 1,003 ms (bench/results.md, admin). Held equal to
plain slices in every order by tests/core/test_cache.py
(test_keys_first_pages_hold_the_same_rows_as_slices).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core import cache


class KeysFirstPaginator(Paginator):
    """Pages read as keys first (an index-only scan), then the rows of those keys."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not (cache.enabled() and hasattr(queryset, "query")):
            return super().count
        key = cache.queryset_key(queryset.order_by())
        if key is None:
            return 0
        return cache.remember("count", lambda: Paginator.count.func(self), *key)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.rows(bottom, top), number, self)

    def rows(self, bottom: int, top: int) -> list:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return queryset[bottom:top]
        keys = queryset.values_list("pk", flat=True)
        if queryset.ordered and bottom > self.count // 2:
            # Past the middle, the far end is nearer: read the reversed order (the same
            # index, backwards) and turn the page round.
            keys = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            keys = list(keys[bottom:top])
        by_key = queryset.order_by().in_bulk(keys)
        return [by_key[key] for key in keys if key in by_key]
