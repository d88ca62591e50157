"""Regenerate the two tables behind 按姓氏笔画 ordering.

Run from the project root::

    python core/data/make_stroke_table.py

``strokes.txt``: total stroke counts, from ``kTotalStrokes`` in Debian's
``unicode-data`` package (Unihan), for every ideograph of every plane. Where
Unihan gives two values (zh-Hans first, zh-Hant second) the first, mainland,
one is kept. Licence: Unicode License v3 (``UNICODE-LICENSE.txt``).

``stroke_order.txt``: the five-stroke sequence (横1 竖2 撇3 点4 折5) of each
character, from Debian's ``rime-data-stroke`` (``stroke.dict.yaml``). That file
has a main table from Taiwan's CNS 11643 and a supplement from the mainland
(北大中文论坛); where a character has both, the readings differ by standard
(刘: Taiwan counts 竖钩 as 折, the mainland GB 13000.1 规范 as 竖), so the
mainland reading is taken, and among several the one whose length equals the
mainland stroke count. Licence: LGPL-3 (``LGPL-3.txt``, ``GPL-3.txt``).

``apt-get install unicode-data rime-data-stroke`` provides both sources, so the
tables can be rebuilt offline and reviewed as plain diffs. The output is
committed: the application never needs the sources at runtime.
"""

from __future__ import annotations

import argparse
import bz2
import re
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
DEFAULT_STROKE_ORDER_SOURCE = Path("/usr/share/rime-data/stroke.dict.yaml")
DEFAULT_OUTPUT = HERE / "strokes.txt"
DEFAULT_ORDER_OUTPUT = HERE / "stroke_order.txt"

# rime writes h s p n z for 横 竖 撇 点(捺) 折; the tables use the digits of the
# mainland 笔顺编号, which sort in the official order 横竖撇点折.
_STROKE_DIGITS = str.maketrans("hspnz", "12345")

_VERSION_RE = re.compile(r"^#\s*Unicode version:\s*(\S+)")
# The date line ends with the editor's initials, e.g. "... GMT [JHJ]".
_DATE_RE = re.compile(r"^#\s*Date:\s*([^\[]+?)\s*(?:\[.*)?$")


def read_stroke_counts(source: Path) -> tuple[dict[str, int], str, str]:
    """Return ``(char -> strokes, unicode_version, file_date)`` from a Unihan file.

    A value such as ``"8 9"`` gives the zh-Hans count first and the zh-Hant one
    second; the first is kept so each character has a single, stable count.
    Every plane is read: 𠮷 (U+20BB7) is a surname.
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
            counts[chr(int(fields[0].removeprefix("U+"), 16))] = int(fields[2].split()[0])
    return counts, version, date


def read_stroke_orders(source: Path) -> tuple[list[tuple[str, str]], int]:
    """Return ``[(char, sequence in h/s/p/n/z), ...]`` in file order, and the index
    of the first supplementary (mainland) entry.

    The supplement is recognised as the second run of the file: the main table is
    in code point order, and the supplement starts again from its lowest one.
    """
    entries: list[tuple[str, str]] = []
    in_body = False
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("..."):
                in_body = True
                continue
            if not in_body or line.startswith("#") or not line.strip():
                continue
            char, sequence, *_weight = line.rstrip("\n").split("\t")
            if len(char) == 1 and sequence:
                entries.append((char, sequence))
    supplement = len(entries)
    for index in range(1, len(entries)):
        if ord(entries[index][0]) < ord(entries[index - 1][0]):
            supplement = index
            break
    return entries, supplement


def choose_stroke_orders(
    entries: list[tuple[str, str]], supplement: int, counts: dict[str, int]
) -> dict[str, str]:
    """One mainland sequence per character, written in digits 1-5.

    Preference: a supplementary (mainland) reading of the right length, then a
    main-table reading of the right length, then any supplementary reading,
    then the main one. The key function pads or cuts a sequence to the stroke
    count, so a reading of the wrong length still orders sensibly.
    """
    readings: defaultdict[str, list[tuple[bool, str]]] = defaultdict(list)
    for index, (char, sequence) in enumerate(entries):
        readings[char].append((index >= supplement, sequence.translate(_STROKE_DIGITS)))
    chosen: dict[str, str] = {}
    for char, options in readings.items():
        count = counts.get(char)

        def rank(option: tuple[bool, str], count: int | None = count) -> tuple[bool, bool]:
            mainland, sequence = option
            return (len(sequence) == count, mainland)

        chosen[char] = max(options, key=rank)[1]
    return chosen


def render_table(counts: dict[str, int], version: str, date: str) -> str:
    """Render the stroke-count table, deterministically so regeneration diffs cleanly."""
    by_strokes: defaultdict[int, list[str]] = defaultdict(list)
    for char, strokes in counts.items():
        by_strokes[strokes].append(char)
    header = [
        (
            f"# Generated from Unicode Unihan kTotalStrokes, Unicode {version} "
            f"(Unihan_IRGSources.txt, {date}) by core/data/make_stroke_table.py."
        ),
        (
            "# Modified: first (zh-Hans) value where two are given; every plane. "
            "Licence: Unicode License v3, see UNICODE-LICENSE.txt."
        ),
    ]
    rows = [f"{strokes}\t{''.join(sorted(chars))}" for strokes, chars in sorted(by_strokes.items())]
    return "\n".join(header + rows) + "\n"


def render_order_table(orders: dict[str, str]) -> str:
    """Render the stroke-order table: one ``char<TAB>digits`` line per character."""
    header = [
        "# Five-stroke sequences (1 横 2 竖 3 撇 4 点 5 折), mainland reading where two are",
        "# given, from rime-stroke stroke.dict.yaml (Debian rime-data-stroke), generated by",
        "# core/data/make_stroke_table.py. Licence: LGPL-3, see LGPL-3.txt and GPL-3.txt.",
    ]
    rows = [f"{char}\t{orders[char]}" for char in sorted(orders)]
    return "\n".join(header + rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--order-source", type=Path, default=DEFAULT_STROKE_ORDER_SOURCE)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--order-output", type=Path, default=DEFAULT_ORDER_OUTPUT)
    args = parser.parse_args()

    counts, version, date = read_stroke_counts(args.source)
    if not counts:
        raise SystemExit(f"no kTotalStrokes entries found in {args.source}")
    args.output.write_text(render_table(counts, version, date), encoding="utf-8")
    print(f"wrote {len(counts)} characters, {args.output.stat().st_size} bytes, to {args.output}")

    entries, supplement = read_stroke_orders(args.order_source)
    orders = choose_stroke_orders(entries, supplement, counts)
    args.order_output.write_text(render_order_table(orders), encoding="utf-8")
    size = args.order_output.stat().st_size
    print(f"wrote {len(orders)} sequences, {size} bytes, to {args.order_output}")


if __name__ == "__main__":
    main()
