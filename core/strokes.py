"""The official order of personal names, 按姓氏笔画, as a plain sortable string.

The rule (DOMAIN.md; issue 14), as party congresses, the CPPCC and federations print it:

1. counted on the simplified form of the name, converted character by character by
   the one-to-one rule of core/script.py (a name keeps 於, 乾, 鍾 as stored);
2. fewer strokes of the surname first (Unihan kTotalStrokes, the mainland value,
   every plane: 𠮷 has 6);
3. equal strokes: the stroke sequence 横、竖、撇、点、折, first stroke, then the
   second … (mainland 笔顺, from rime-stroke); a compound surname (欧阳, 司马 …)
   counts as one surname, after every plain 欧;
4. within one surname, the given name character by character the same way. Under
   按姓氏笔画 (``GAP``) a single-character given name comes first: the gap printed in
   a two-character name counts as zero, so 王伟 comes before 王书茂. Under
   按姓名笔画 (``NO_GAP``, as people's congresses print) there is no gap: 王书茂 first.

Collectives are not ordered by strokes: a roll lists them by region in the
federation's order of its counties, then as entered (core/rolls.py). Their key is
still computed, so an admin list of mixed recipients has a stable order.

Characters with the same count and sequence (土/士, 于/干) are told apart by code
point, the surname's right after its sequence (so each surname stays together), the
given name's only after the whole given name, so they decide nothing else.
"""

from __future__ import annotations

import bisect
import functools
from array import array
from pathlib import Path
from typing import Final

from core.script import name_to_simplified
from core.surnames import NAME_DOTS, split_name

DATA: Final = Path(__file__).resolve().parent / "data"
STROKE_TABLE_PATH: Final = DATA / "strokes.txt"
STROKE_ORDER_PATH: Final = DATA / "stroke_order.txt"

#: Stroke count reported for characters missing from Unihan (Latin letters, digits,
#: punctuation), chosen so such names sort after all others.
UNKNOWN_STROKES: Final = 99

#: Upper bound on the length of a stroke sort key, so it fits a ``CharField``.
SORT_KEY_MAX_LENGTH: Final = 128

GAP: Final = "surname"  # 按姓氏笔画: a single-character given name first
NO_GAP: Final = "fullname"  # 按姓名笔画: character by character, no gap

# The key's alphabet: digits then upper-case letters. Those 36 characters sort in
# this order under byte order (SQLite, PostgreSQL "C") and under the usual locale
# collations too (no punctuation, which locales skip, and one case only).
_DIGITS: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BASE: Final = len(_DIGITS)
# '0' never starts a character's unit (no character has zero strokes), so it marks
# an empty place: the missing second character of a one-character surname, the
# gap before a one-character given name, and the end of the given name.
_EMPTY: Final = "0"
_CODE_POINT_DIGITS: Final = 4  # 36**4 > 0x10FFFF
_SKIPPED: Final = frozenset(NAME_DOTS) | frozenset(" \t\u3000")


@functools.cache
def _counts() -> tuple[array, bytes]:
    # Sorted code points and their counts, searched by bisection: ~100,000 characters
    # in a few hundred kB instead of a dict of Python objects (~10 MB per worker).
    pairs = []
    with STROKE_TABLE_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            count, chars = line.rstrip("\n").split("\t", 1)
            pairs.extend((ord(char), int(count)) for char in chars)
    pairs.sort()
    return array("I", (cp for cp, _ in pairs)), bytes(count for _, count in pairs)


@functools.cache
def _orders() -> tuple[array, array, str]:
    code_points, offsets, sequences = array("I"), array("I", [0]), []
    total = 0
    with STROKE_ORDER_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            char, sequence = line.rstrip("\n").split("\t")
            code_points.append(ord(char))
            sequences.append(sequence)
            total += len(sequence)
            offsets.append(total)
    return code_points, offsets, "".join(sequences)


def stroke_count(char: str) -> int:
    """Return the total stroke count of one character, per Unicode Unihan.

    Every plane is covered (𠮷 U+20BB7: 6). Where Unihan gives separate zh-Hans and
    zh-Hant counts, the zh-Hans one is used. Characters outside Unihan (Latin
    letters, digits) return ``UNKNOWN_STROKES`` so names with them sort last.
    """
    if len(char) != 1:
        raise ValueError(f"expected a single character, got {char!r}")
    code_points, counts = _counts()
    index = bisect.bisect_left(code_points, ord(char))
    if index < len(code_points) and code_points[index] == ord(char):
        return counts[index]
    return UNKNOWN_STROKES


def stroke_order(char: str) -> str:
    """The mainland five-stroke sequence of one character in digits, 1 横 2 竖 3 撇 4 点
    5 折 (王: "1121"), or "" where the table has none."""
    code_points, offsets, sequences = _orders()
    index = bisect.bisect_left(code_points, ord(char))
    if index < len(code_points) and code_points[index] == ord(char):
        return sequences[offsets[index] : offsets[index + 1]]
    return ""


def _encode_count(count: int) -> str:
    # Order-preserving and self-delimiting: 1-34 one digit, larger counts 'Z' + more.
    head, rest = divmod(count, _BASE - 1)
    return "Z" * head + _DIGITS[rest]


@functools.lru_cache(maxsize=65536)
def _unit(char: str) -> str:
    """The character's count, then its sequence two strokes to a digit (6*a + b, a 0
    for a missing stroke), padded or cut to the count so the width follows from it."""
    count = stroke_count(char)
    if count == UNKNOWN_STROKES:
        return _encode_count(count)
    strokes = [int(s) for s in stroke_order(char)[:count]]
    strokes += [0] * (count + count % 2 - len(strokes))
    pairs = (_DIGITS[6 * a + b] for a, b in zip(strokes[::2], strokes[1::2], strict=True))
    return _encode_count(count) + "".join(pairs)


@functools.lru_cache(maxsize=65536)
def _code_point(char: str) -> str:
    value, digits = ord(char), []
    for _ in range(_CODE_POINT_DIGITS):
        value, digit = divmod(value, _BASE)
        digits.append(_DIGITS[digit])
    return "".join(reversed(digits))


def stroke_sort_key(name: str, convention: str = GAP) -> str:
    """Return a key that sorts personal names in the official order (module docstring).

    ``convention`` is ``GAP`` (按姓氏笔画, the default: 王伟 before 王书茂) or
    ``NO_GAP`` (按姓名笔画: 王书茂 before 王伟).

    The key is a string of digits and upper-case letters (no other characters), so
    comparing keys as plain strings - in Python, or in SQL under byte order or any
    common collation - gives the order. Layout: each surname character's unit (count,
    packed sequence) and code point; ``0`` after a one-character surname; under GAP a
    ``0`` before a one-character given name; the given name's units; ``0``; the given
    name's code points. Spaces and name dots (·) are skipped. Keys longer than
    ``SORT_KEY_MAX_LENGTH`` are cut, which only merges ties far into long names.
    """
    simplified = "".join(c for c in name_to_simplified(name) if c not in _SKIPPED)
    surname, given_name = split_name(simplified)
    if not surname:
        return ""
    parts = [_unit(char) + _code_point(char) for char in surname]
    if len(surname) == 1:
        parts.append(_EMPTY)
    if convention == GAP and len(given_name) == 1:
        parts.append(_EMPTY)
    elif convention not in (GAP, NO_GAP):
        raise ValueError(f"unknown stroke order convention {convention!r}")
    parts += [_unit(char) for char in given_name]
    parts.append(_EMPTY)
    parts += [_code_point(char) for char in given_name]
    return "".join(parts)[:SORT_KEY_MAX_LENGTH]
