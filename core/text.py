"""Chinese-text helpers for honour lists: name splitting, sort keys, search, display.

Official Chinese honour lists order names 按姓氏笔画 (core/strokes.py), and the same
lists are searched in both traditional and simplified script. Everything here is a
pure function of its arguments, with no Django imports, so model ``save()`` methods,
migrations, management commands and tests can all call it without a database.
The script policy (what may be converted, and how) is core/script.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from pypinyin import Style, lazy_pinyin

from core.pinyin import name_pinyin, pinyin_search_text
from core.script import fold_variants
from core.strokes import (
    GAP,
    NO_GAP,
    SORT_KEY_MAX_LENGTH,
    STROKE_ORDER_PATH,
    STROKE_TABLE_PATH,
    UNKNOWN_STROKES,
    stroke_count,
    stroke_order,
    stroke_sort_key,
)
from core.surnames import (
    COMPOUND_SURNAMES,
    NAME_DOT,
    NAME_DOTS,
    SURNAME_PINYIN,
    split_name,
    strip_spaces,
)

__all__ = [
    "COMPOUND_SURNAMES",
    "GAP",
    "IDEOGRAPHIC_SPACE",
    "NO_GAP",
    "SORT_KEY_MAX_LENGTH",
    "STROKE_ORDER_PATH",
    "STROKE_TABLE_PATH",
    "SURNAME_PINYIN",
    "UNKNOWN_STROKES",
    "name_pinyin",
    "normalize_for_search",
    "pad_name",
    "pinyin_search_text",
    "pinyin_sort_key",
    "report_number",
    "search_words",
    "split_name",
    "stroke_count",
    "stroke_order",
    "stroke_sort_key",
]

IDEOGRAPHIC_SPACE: Final = "\u3000"

# Separates the pinyin from the tie-break in pinyin_sort_key. It must sort
# below the space between syllables, so that 李 ("li") comes before 李明
# ("li ming"), and it must not be NUL, which PostgreSQL text cannot store.
_PINYIN_TIEBREAK_SEPARATOR: Final = "\x1f"


def pinyin_sort_key(name: str) -> str:
    """Return a key that sorts names alphabetically by toneless pinyin.

    The key is the lowercase pinyin, syllables separated by single spaces
    (so ``sha ...`` sorts before ``shan ...``), then ``\\x1f`` and the name
    itself with spaces removed, so that names with equal pinyin (張/章, or the
    traditional and simplified forms of one name) have a stable order.

    The surname reading comes from ``SURNAME_PINYIN`` when listed; otherwise
    pypinyin reads the surname and the given name separately, because a
    surname followed by a given name is not a word and reading them together
    lets pypinyin pick a phrase reading (曾經 would give "ceng jing"). ü is
    written ``v`` (pypinyin's convention), which sorts 呂 after 路 as pinyin
    dictionaries do.

    The key is not truncated: long collective names need more room than a
    stroke key, and slicing it to a column's length keeps the order of all but
    ties beyond the cut. Unlike ``stroke_sort_key`` it relies on spaces and a
    control character sorting below letters, so in SQL it must be ordered with
    a byte-wise collation (PostgreSQL ``"C"``); locale collations may ignore
    them.
    """
    surname, given_name = split_name(name)
    if not surname:
        return ""
    known = SURNAME_PINYIN.get(surname)
    syllables = (known,) if known else _reading(surname)
    pinyin = " ".join(syllables + _reading(given_name)).lower()
    return f"{pinyin}{_PINYIN_TIEBREAK_SEPARATOR}{surname}{given_name}"


@functools.lru_cache(maxsize=65536)  # given names repeat: 秀英, 桂英 … (imports read thousands)
def _reading(text: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(text, style=Style.NORMAL))


# Whitespace with a Han character (or a name dot) on both sides is padding, as printed
# lists put a U+3000 gap inside two-character names; elsewhere it separates words.
_HAN = r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u00b7]"
_PADDING_RE: Final = re.compile(rf"(?<={_HAN})\s+(?={_HAN})")
_DOTS_TABLE: Final = str.maketrans(dict.fromkeys(NAME_DOTS, NAME_DOT))


@functools.lru_cache(maxsize=65536)  # imports normalise the same titles and labels again and again
def normalize_for_search(text: str) -> str:
    """Fold text so that the forms a reader may type for the same name compare equal.

    1. NFKC (full-width Latin and digits, compatibility ideographs), ``casefold()``;
    2. every variant class to one character (core/script.py ``fold_variants``, from
       OpenCC's dictionaries): 劉/刘, 锺/钟/鍾/鐘, 濱城區/滨城区 match;
    3. the name dots ·, ・, •, ‧ (and their look-alikes) to one, U+00B7;
    4. whitespace between two Han characters dropped (张　晨 is 张晨), other runs of
       whitespace, U+3000 included, collapsed to one space.

    Apply it to the stored search column and to each word of the query. The result is
    lossy (發 and 髮 both become 发, 于 and 於 one character), so it is for matching
    only: never use it to overwrite a name or any other text that is shown or printed.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = fold_variants(text).translate(_DOTS_TABLE)
    return " ".join(_PADDING_RE.sub("", text).split())


def search_words(query: str) -> list[str]:
    """The words of a typed query, each normalised: every one must appear in the stored
    ``search_text``. The query is split first, so 刘 滨城区 stays two words although
    normalising the whole would join two Han characters across the space."""
    return [word for part in query.split() for word in normalize_for_search(part).split()]


def pad_name(name: str) -> str:
    """Return a name as printed in a list: two-character names get a U+3000 gap.

    Printed Chinese lists put an ideographic space between the characters of a
    two-character name so it lines up with three-character names (張三 becomes
    張　三). Existing spaces are removed first; other lengths are returned
    without spaces but otherwise unchanged.
    """
    compact = strip_spaces(name)
    if len(compact) == 2:
        return f"{compact[0]}{IDEOGRAPHIC_SPACE}{compact[1]}"
    return compact


WAN: Final = 10_000


def report_number(value, *, step: int = 0, in_wan: bool = False) -> str:
    """A figure written the way Chinese reports write it.

    `step` rounds down to a multiple of it and marks the rest with 余 ("more
    than"): 8736 with step 100 is 8700余. `in_wan` counts in 万 (ten thousands)
    with at most two decimals: 75500 is 7.55万; a rounded 万 figure of ten or
    more puts 余 before 万 (1304600, step 100000: 130余万), a smaller one after
    it (20215, step 10000: 2万余). Without either, the whole number is written
    plainly, as reports do (167275).
    """
    exact = Decimal(value)
    shown = (exact // step) * step if step else exact
    more = "余" if step and shown < exact else ""
    if not in_wan:
        return f"{_plain(shown)}{more}"
    wan = (shown / WAN).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = _plain(wan)
    if more and wan >= 10 and wan == wan.to_integral_value():
        return f"{text}余万"
    return f"{text}万{more}"


def _plain(number: Decimal) -> str:
    """Digits without grouping and without trailing zeros after the point."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
