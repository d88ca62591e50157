"""Figures rolled up the region tree: per-region rows summed into their ancestors."""

from collections import defaultdict
from collections.abc import Iterable

from core.models import Region


def roll_up(rows: Iterable[dict], depth: int, fields: list[str]) -> list[tuple[Region, dict]]:
    """Sum `fields` of rows keyed by `region_id` into each region's ancestor at `depth`.

    `depth` counts from the root of the tree (0 the city, 1 its counties and zones).
    Rows whose region sits above that depth count under the region itself.
    Two queries whatever the number of rows.
    """
    rows = list(rows)
    paths = dict(
        Region.objects.filter(pk__in={row["region_id"] for row in rows}).values_list("pk", "path")
    )
    totals: dict[str, dict] = defaultdict(lambda: dict.fromkeys(fields, 0))
    for row in rows:
        codes = [code for code in paths[row["region_id"]].split("/") if code]
        code = codes[min(depth, len(codes) - 1)]
        for field in fields:
            totals[code][field] += row[field] or 0
    regions = Region.objects.in_bulk(list(totals), field_name="code")
    return [(regions[code], totals[code]) for code in sorted(totals)]
