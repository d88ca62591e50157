"""Small charts drawn on the server as SVG: no script, no CDN, and they print well.

Each chart carries a title and description for screen readers; pages put a
table of the same numbers beside it.
"""

import zlib

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR = "#a61b29"
TEXT = "#1d1d1f"


# CSS pixels. The SVG has no viewBox, so nothing scales its text down on a phone: a label
# is as large at 360 pixels as at 1366 (a 640-unit viewBox drew 13-unit labels 7 pixels high).
LABEL_SIZE = 13
LABEL_GAP = 5
ROW_GAP = 10


def bar_chart(
    items: list[tuple[str, float]],
    *,
    title: str,
    value_labels: list[str] | None = None,
    bar_height: int = 14,
) -> SafeString:
    """A horizontal bar chart of (label, value) pairs: each label and its value on a line,
    the bar under them, its length a percentage of the chart's width."""
    if not items:
        return mark_safe("")
    labels = value_labels or [f"{value:g}" for _label, value in items]
    top = max(value for _label, value in items) or 1
    row = LABEL_SIZE + LABEL_GAP + bar_height + ROW_GAP
    height = len(items) * row
    rows = []
    for index, ((label, value), shown) in enumerate(zip(items, labels, strict=True)):
        baseline = index * row + LABEL_SIZE
        percent = round(max(0.0, 100 * float(value) / float(top)), 2)
        rows.append(
            format_html(
                '<text x="0" y="{}" font-size="{}" fill="{}">{}</text>'
                '<text x="100%" y="{}" font-size="{}" fill="{}" text-anchor="end">{}</text>'
                '<rect x="0" y="{}" width="{}%" height="{}" fill="{}" rx="2"></rect>',
                baseline,
                LABEL_SIZE,
                TEXT,
                label,
                baseline,
                LABEL_SIZE,
                TEXT,
                shown,
                baseline + LABEL_GAP,
                percent,
                bar_height,
                BAR,
            )
        )
    return format_html(
        '<svg class="chart" width="100%" height="{}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}</svg>',
        height,
        _id(title),
        _id(title),
        title,
        mark_safe("".join(rows)),
    )


def _id(title: str) -> str:
    return f"chart-{zlib.crc32(title.encode()):08x}"
