"""Chinese-text helpers for honour lists: name splitting, sort keys, search, display.

Official Chinese honour lists order names 按姓氏筆畫 (by the stroke count of the
surname), and the same lists are searched in both traditional and simplified
script. Everything here is a pure function of its arguments, with no Django
imports, so model ``save()`` methods, migrations, management commands and
tests can all call it without a database.
"""

from __future__ import annotations

import functools
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Final

import opencc
from pypinyin import Style, lazy_pinyin

STROKE_TABLE_PATH: Final = Path(__file__).resolve().parent / "data" / "strokes.txt"

#: Stroke count reported for characters missing from the table (Latin letters,
#: digits, Extension B+ ideographs), chosen so such names sort after all others.
UNKNOWN_STROKES: Final = 99

#: Upper bound on the length of a stroke sort key, so it fits a ``CharField``.
SORT_KEY_MAX_LENGTH: Final = 64

IDEOGRAPHIC_SPACE: Final = "\u3000"

# Each character of a stroke key is two decimal digits of strokes followed by
# five hex digits of code point. Five hex digits reach U+FFFFF, which covers
# every ideograph plane; only plane-16 private-use characters get clamped.
_STROKE_UNIT_WIDTH: Final = 7
_MAX_CODE_POINT_IN_KEY: Final = 0xFFFFF
# Pads a one-character surname to the width of a compound one. All zeros sorts
# below every real character (no character has zero strokes), so 歐 sorts
# before 歐陽 and the 歐陽 names stay together.
_EMPTY_STROKE_UNIT: Final = "0" * _STROKE_UNIT_WIDTH
_SURNAME_UNITS: Final = 2

# Separates the pinyin from the tie-break in pinyin_sort_key. It must sort
# below the space between syllables, so that 李 ("li") comes before 李明
# ("li ming"), and it must not be NUL, which PostgreSQL text cannot store.
_PINYIN_TIEBREAK_SEPARATOR: Final = "\x1f"

COMPOUND_SURNAMES: Final[frozenset[str]] = frozenset(
    {
        "上官",
        "万俟",
        "萬俟",
        "令狐",
        "公冶",
        "公孫",
        "公孙",
        "南宮",
        "南宫",
        "單于",
        "单于",
        "司徒",
        "司空",
        "司馬",
        "司马",
        "呼延",
        "夏侯",
        "太史",
        "完顏",
        "完颜",
        "宇文",
        "尉遲",
        "尉迟",
        "慕容",
        "拓跋",
        "東方",
        "东方",
        "歐陽",
        "欧阳",
        "淳于",
        "澹臺",
        "澹台",
        "濮陽",
        "濮阳",
        "獨孤",
        "独孤",
        "申屠",
        "皇甫",
        "端木",
        "聞人",
        "闻人",
        "西門",
        "西门",
        "諸葛",
        "诸葛",
        "赫連",
        "赫连",
        "軒轅",
        "轩辕",
        "長孫",
        "长孙",
        "鮮于",
        "鲜于",
    }
)
"""Two-character surnames, in traditional and simplified forms.

Only surnames whose first character is rarely a surname on its own are safe
here: every name starting with one of these is split after two characters.
"""

SURNAME_PINYIN: Final[dict[str, str]] = {
    # pypinyin gives the everyday reading, which is wrong for these surnames
    # (checked against pypinyin 0.55.0).
    "曾": "zeng",
    "單": "shan",
    "单": "shan",
    "仇": "qiu",
    "解": "xie",
    "區": "ou",
    "区": "ou",
    "查": "zha",
    "樸": "piao",
    "朴": "piao",
    "繁": "po",
    "翟": "zhai",
    "尉遲": "yu chi",
    "蓋": "ge",
    "盖": "ge",
    "種": "chong",
    "种": "chong",
    "祭": "zhai",
    "秘": "bi",
    "覃": "qin",
    "黑": "he",
    "員": "yun",
    "员": "yun",
    "便": "pian",
    "繆": "miao",
    "缪": "miao",
    "召": "shao",
    "句": "gou",
    "薄": "bo",
    "澹臺": "tan tai",
    "單于": "chan yu",
    "阚": "kan",
    "洗": "xian",
    "折": "she",
    "乜": "nie",
    "佴": "nai",
    "能": "nai",
    "賁": "ben",
    "隗": "wei",
    "藏": "zang",
    "角": "jue",
    # pypinyin currently reads these correctly; they are pinned because they
    # are polyphonic and a dictionary update must not reorder a printed list.
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "萬俟": "mo qi",
    "沈": "shen",
    "那": "na",
    "葛": "ge",
    "華": "hua",
    "华": "hua",
    "任": "ren",
    "燕": "yan",
    "紀": "ji",
    "纪": "ji",
    "宿": "su",
    "相": "xiang",
    "盛": "sheng",
    "長孫": "zhang sun",
    "长孙": "zhang sun",
    "澹台": "tan tai",
    "单于": "chan yu",
    "闞": "kan",
    "贲": "ben",
    "冼": "xian",
}
"""Toneless pinyin of surnames whose surname reading differs from the usual one."""


@functools.cache
def _stroke_table() -> dict[str, int]:
    # Loaded on first use rather than at import so that importing this module
    # (e.g. from models.py during Django start-up) stays cheap.
    table: dict[str, int] = {}
    with STROKE_TABLE_PATH.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            count, chars = line.rstrip("\n").split("\t", 1)
            table.update(dict.fromkeys(chars, int(count)))
    return table


@functools.cache
def _t2s_converter() -> opencc.OpenCC:
    # Building a converter parses OpenCC's dictionaries; do it once per process.
    return opencc.OpenCC("t2s")


def _strip_spaces(text: str) -> str:
    # str.split() with no argument also splits on U+3000, which people type
    # between the characters of a name to line it up.
    return "".join(text.split())


def stroke_count(char: str) -> int:
    """Return the total stroke count of one character, per Unicode Unihan.

    Characters outside the table (Latin letters, digits, rare ideographs beyond
    the BMP) return ``UNKNOWN_STROKES`` so names containing them sort last
    instead of failing. Where Unihan gives separate zh-Hans and zh-Hant counts
    (a handful of characters such as 范), the zh-Hans count is used.
    """
    if len(char) != 1:
        raise ValueError(f"expected a single character, got {char!r}")
    return _stroke_table().get(char, UNKNOWN_STROKES)


def split_name(name: str) -> tuple[str, str]:
    """Split a Chinese personal name into ``(surname, given_name)``.

    Spaces (including the ideographic space U+3000) are removed first, since
    names are often typed padded. A compound surname from ``COMPOUND_SURNAMES``
    counts as one surname, except in a two-character name: a person always has
    a given name, so 東方 is 東 + 方, not a bare surname.
    """
    compact = _strip_spaces(name)
    if len(compact) > 2 and compact[:2] in COMPOUND_SURNAMES:
        return compact[:2], compact[2:]
    return compact[:1], compact[1:]


def _stroke_unit(char: str) -> str:
    return f"{stroke_count(char):02d}{min(ord(char), _MAX_CODE_POINT_IN_KEY):05X}"


def stroke_sort_key(name: str) -> str:
    """Return a key that sorts names in official 按姓氏筆畫 order.

    The key is plain ASCII (digits and upper-case hex) made of fixed-width
    7-character units, one per character: ``f"{strokes:02d}{ord(ch):05X}"``.
    The surname always takes two units, a one-character surname being padded
    with ``0000000``; the given-name units follow. Because every unit has the
    same width and uses only digits and ``A``-``F``, comparing keys as plain
    strings - in Python or in SQL under any common collation - orders names:

    1. by the stroke count of the surname's first character;
    2. then by surname as a unit (code point breaks ties), so all 王 are
       together, and all 歐陽 come after every plain 歐;
    3. then by each given-name character's stroke count, then code point,
       a shorter given name sorting before a longer one it prefixes.

    At most ``SORT_KEY_MAX_LENGTH // 7`` characters are encoded (63 ASCII
    characters), so the key fits a ``CharField(max_length=64)``; longer names
    are truncated, which only affects ties beyond the ninth character.
    """
    surname, given_name = split_name(name)
    if not surname:
        return ""
    units = [_stroke_unit(char) for char in surname]
    units += [_EMPTY_STROKE_UNIT] * (_SURNAME_UNITS - len(units))
    units += [_stroke_unit(char) for char in given_name]
    return "".join(units[: SORT_KEY_MAX_LENGTH // _STROKE_UNIT_WIDTH])


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


@functools.lru_cache(maxsize=65536)  # imports normalise the same titles and labels again and again
def normalize_for_search(text: str) -> str:
    """Fold text so traditional/simplified and width/case variants compare equal.

    Applies NFKC (full-width Latin and digits, compatibility ideographs), then
    OpenCC ``t2s`` (traditional to simplified, so 劉/刘 and 濱城區/滨城区 match),
    then ``casefold()``, then collapses runs of whitespace, including U+3000,
    to one space. Apply it to both the stored search column and the query.

    The result is lossy (t2s merges distinct traditional characters, e.g.
    髮 and 發 both become 发), so it is for matching only: never use it to
    overwrite a name or any other text that is displayed or printed.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _t2s_converter().convert(text).casefold()
    return " ".join(text.split())


def pad_name(name: str) -> str:
    """Return a name as printed in a list: two-character names get a U+3000 gap.

    Printed Chinese lists put an ideographic space between the characters of a
    two-character name so it lines up with three-character names (張三 becomes
    張　三). Existing spaces are removed first; other lengths are returned
    without spaces but otherwise unchanged.
    """
    compact = _strip_spaces(name)
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
