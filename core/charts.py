"""Small charts drawn on the server as SVG: no script, no CDN, and they print well.

Each chart carries a title and description for screen readers; pages put a
table of the same numbers beside it.
"""

import zlib

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR = "#a61b29"
TEXT = "#1d1d1f"


def bar_chart(
    items: list[tuple[str, float]],
    *,
    title: str,
    value_labels: list[str] | None = None,
    width: int = 640,
    bar_height: int = 22,
) -> SafeString:
    """A horizontal bar chart of (label, value) pairs, longest label on the left."""
    if not items:
        return mark_safe("")
    labels = value_labels or [f"{value:g}" for _label, value in items]
    label_width = max(4, max(len(label) for label, _value in items)) * 15 + 10
    plot = width - label_width - 90
    top = max(value for _label, value in items) or 1
    height = len(items) * (bar_height + 8) + 8
    rows = []
    for index, ((label, value), shown) in enumerate(zip(items, labels, strict=True)):
        y = 8 + index * (bar_height + 8)
        length = round(max(0.0, plot * float(value) / float(top)), 1)
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="13" fill="{}">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
                '<text x="{}" y="{}" font-size="13" fill="{}">{}</text>',
                label_width - 6,
                y + bar_height - 6,
                TEXT,
                label,
                label_width,
                y,
                length,
                bar_height,
                BAR,
                label_width + length + 6,
                y + bar_height - 6,
                TEXT,
                shown,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}</svg>',
        width,
        height,
        _id(title),
        _id(title),
        title,
        mark_safe("".join(rows)),
    )


def _id(title: str) -> str:
    return f"chart-{zlib.crc32(title.encode()):08x}"
