"""Chinese names in Hanyu Pinyin: as English readers see them, and as they search.

``name_pinyin`` writes a name by GB/T 28039-2011 《中国人名汉语拼音字母拼写规则》:
surname first, then the given name, separated by a space; a compound surname
(欧阳, 司马 …) and a given name each written as one word (OUYANG Nana); the surname
capitalised, in full capitals by default (WANG Fang, as the standard allows and
passports and international lists print), or as a word (Wang Fang); no tone marks; an
apostrophe where a syllable starting a, o or e would run into the one before (Xi'an);
ü kept (LÜ Yan), or written yu (LYU Yan) where only ASCII will do.

Surnames are read as surnames (单 Shan, 解 Xie, 仇 Qiu, 区 Ou, 朴 Piao, 查 Zha, 曾 Zeng,
盖 Ge, 乐 Yue, 尉迟 Yuchi, 万俟 Moqi …: ``core.surnames.SURNAME_PINYIN``); the given name
is read by pypinyin, which can be wrong for a polyphonic given name - staff correct a
reading on the recipient (issue 14 item 4).

``pinyin_search_text`` is what a search column stores so that English pages find a
name by its pinyin (``q=Wang Fang``, ``wangfang``, ``Ouyang``).
"""

from __future__ import annotations

import functools
from typing import Final

from pypinyin import Style, lazy_pinyin

from core.script import name_to_simplified
from core.surnames import NAME_DOTS, SURNAME_PINYIN, split_name

_VOWEL_INITIALS: Final = ("a", "o", "e")


@functools.lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    # Read on the simplified form: pypinyin's phrase data is mostly simplified.
    return tuple(lazy_pinyin(name_to_simplified(text), style=Style.NORMAL, v_to_u=True))


def _surname_syllables(surname: str) -> tuple[str, ...]:
    known = SURNAME_PINYIN.get(surname) or SURNAME_PINYIN.get(name_to_simplified(surname))
    return tuple(known.split()) if known else _syllables(surname)


def _word(syllables: tuple[str, ...]) -> str:
    """Syllables written as one word, with the apostrophe of pinyin orthography."""
    word = ""
    for syllable in syllables:
        if word and syllable.startswith(_VOWEL_INITIALS):
            word += "'"
        word += syllable
    return word


def _is_han(text: str) -> bool:
    return bool(text) and all(not char.isascii() for char in text)


def name_pinyin(name: str, *, capitals: bool = True, ascii_only: bool = False) -> str:
    """A Chinese personal name in Hanyu Pinyin per GB/T 28039-2011 (module docstring).

    ``capitals``: the surname in full capitals (WANG Fang) or as a word (Wang Fang).
    ``ascii_only``: ü written yu (LYU), as passports print it. A name that is not
    Chinese (Latin letters) is returned as it is; a minority name with a dot
    (阿依古丽·买买提) is written part by part, joined by a space.
    """
    compact = "".join(name.split())
    if not _is_han(compact):
        return name.strip()
    parts = [part for part in _split_dots(compact) if part]
    if len(parts) > 1:
        return " ".join(_word(_syllables(part)).capitalize() for part in parts)
    surname, given_name = split_name(compact)
    family = _word(_surname_syllables(surname))
    family = family.upper() if capitals else family.capitalize()
    given = _word(_syllables(given_name)).capitalize() if given_name else ""
    written = f"{family} {given}".strip()
    if ascii_only:
        written = written.replace("ü", "yu").replace("Ü", "YU")
    return written


def _split_dots(text: str) -> list[str]:
    for dot in NAME_DOTS:
        text = text.replace(dot, " ")
    return text.split()


def pinyin_search_text(name: str) -> str:
    """The forms a reader may type for a name in pinyin, lower case, space-separated.

    The whole name run together (``wangfang``, ``ouyangnana``) contains every query
    of its syllables in order (``wang``, ``fang``, ``ouyang``), so a column holding this
    text and searched word by word (core.text.search_words, each word folded to lower
    case) finds ``Wang Fang``, ``wangfang`` and ``Ouyang``. ü appears in the three
    ways people type it (lü, lv, lyu; also plain lu), as separate words.
    """
    compact = "".join(name.split())
    if not _is_han(compact):
        return ""
    surname, given_name = split_name(compact.translate({ord(d): None for d in NAME_DOTS}))
    joined = "".join(_surname_syllables(surname) + _syllables(given_name))
    forms = [joined]
    if "ü" in joined:
        forms += [joined.replace("ü", spelling) for spelling in ("v", "yu", "u")]
    return " ".join(forms)
