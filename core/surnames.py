"""Chinese personal names: surnames, compound surnames and their readings.

Pure functions and tables with no Django imports (see core/text.py).
"""

from __future__ import annotations

from typing import Final

# Separators inside minority and foreign names (阿依古丽·买买提): typed as any of
# these, printed as the middle dot U+00B7.
NAME_DOTS: Final = "\u00b7\u30fb\u2022\u2027\u2219\u22c5\uff65\u0387\u16eb"
NAME_DOT: Final = "\u00b7"

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
    "乐": "yue",
    "樂": "yue",
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


def strip_spaces(text: str) -> str:
    # str.split() with no argument also splits on U+3000, which people type
    # between the characters of a name to line it up.
    return "".join(text.split())


def split_name(name: str) -> tuple[str, str]:
    """Split a Chinese personal name into ``(surname, given_name)``.

    Spaces (including the ideographic space U+3000) are removed first, since
    names are often typed padded. A compound surname from ``COMPOUND_SURNAMES``
    counts as one surname, except in a two-character name: a person always has
    a given name, so 東方 is 東 + 方, not a bare surname.
    """
    compact = strip_spaces(name)
    if len(compact) > 2 and compact[:2] in COMPOUND_SURNAMES:
        return compact[:2], compact[2:]
    return compact[:1], compact[1:]
