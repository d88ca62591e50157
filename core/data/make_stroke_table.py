"""Regenerate ``strokes.txt``, the stroke-count table behind 按姓氏筆畫 ordering.

Run from the project root::

    python core/data/make_stroke_table.py

It reads ``kTotalStrokes`` from Debian's ``unicode-data`` package
(``apt-get install unicode-data``), so the table can be rebuilt offline and
reviewed as a plain diff when Unicode revises a count. The output is committed:
the application never needs the Unihan files at runtime.

Output format: ``#`` header lines, then one line per stroke count, ``N<TAB>``
followed by every character with that count, concatenated, in code point order.
"""

from __future__ import annotations

import argparse
import bz2
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
DEFAULT_OUTPUT = HERE / "strokes.txt"

# Only BMP ideographs: they cover every surname and virtually every given name
# in use, and leaving out Extensions B+ keeps the committed table small.
# Characters outside these blocks simply sort last (see core.text.stroke_count).
BMP_IDEOGRAPH_BLOCKS = (
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
)

_VERSION_RE = re.compile(r"^#\s*Unicode version:\s*(\S+)")
# The date line ends with the editor's initials, e.g. "... GMT [JHJ]".
_DATE_RE = re.compile(r"^#\s*Date:\s*([^\[]+?)\s*(?:\[.*)?$")


def _in_bmp_blocks(code_point: int) -> bool:
    return any(start <= code_point <= end for start, end in BMP_IDEOGRAPH_BLOCKS)


def read_stroke_counts(source: Path) -> tuple[dict[str, int], str, str]:
    """Return ``(char -> strokes, unicode_version, file_date)`` from a Unihan file.

    A value such as ``"8 9"`` gives the zh-Hans count first and the zh-Hant one
    second; the first is kept so each character has a single, stable count.
    """
    counts: dict[str, int] = {}
    version = "unknown"
    date = "unknown"
    with bz2.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                if match := _VERSION_RE.match(line):
                    version = match.group(1)
                elif match := _DATE_RE.match(line):
                    date = match.group(1)
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or fields[1] != "kTotalStrokes":
                continue
            code_point = int(fields[0].removeprefix("U+"), 16)
            if _in_bmp_blocks(code_point):
                counts[chr(code_point)] = int(fields[2].split()[0])
    return counts, version, date


def render_table(counts: dict[str, int], version: str, date: str) -> str:
    """Render the table text, deterministically so regeneration diffs cleanly."""
    by_strokes: defaultdict[int, list[str]] = defaultdict(list)
    for char, strokes in counts.items():
        by_strokes[strokes].append(char)
    header = [
        (
            f"# Generated from Unicode Unihan kTotalStrokes, Unicode {version} "
            f"(Unihan_IRGSources.txt, {date}) by core/data/make_stroke_table.py."
        ),
        (
            "# Modified: BMP ideographs only; first (zh-Hans) value where two are "
            "given. Licence: Unicode License v3, see UNICODE-LICENSE.txt."
        ),
    ]
    rows = [f"{strokes}\t{''.join(sorted(chars))}" for strokes, chars in sorted(by_strokes.items())]
    return "\n".join(header + rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()

    counts, version, date = read_stroke_counts(args.source)
    if not counts:
        raise SystemExit(f"no kTotalStrokes entries found in {args.source}")
    args.output.write_text(render_table(counts, version, date), encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {len(counts)} characters, {size} bytes, to {args.output}")


if __name__ == "__main__":
    main()
