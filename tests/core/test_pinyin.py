"""Names in Hanyu Pinyin (core/pinyin.py), GB/T 28039-2011. Pure functions."""

import pytest

from core.pinyin import name_pinyin, pinyin_search_text
from core.text import normalize_for_search, search_words


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("王芳", "WANG Fang"),
        ("欧阳娜娜", "OUYANG Nana"),
        ("歐陽娜娜", "OUYANG Nana"),
        ("司马光", "SIMA Guang"),
        ("王　芳", "WANG Fang"),
        # Polyphonic surnames read as surnames (pypinyin alone gives dan, jie, chou …).
        ("单田芳", "SHAN Tianfang"),
        ("解缙", "XIE Jin"),
        ("仇英", "QIU Ying"),
        ("区家麟", "OU Jialin"),
        ("朴槿惠", "PIAO Jinhui"),
        ("查良镛", "ZHA Liangyong"),
        ("曾国藩", "ZENG Guofan"),
        ("盖叫天", "GE Jiaotian"),
        ("乐嘉", "YUE Jia"),
        ("尉迟恭", "YUCHI Gong"),
        ("万俟卨", "MOQI Xie"),
        # The apostrophe of pinyin orthography, and ü.
        ("张西安", "ZHANG Xi'an"),
        ("吕燕", "LÜ Yan"),
        # A minority name, part by part; a name in Latin letters as it is.
        ("阿依古丽·买买提", "Ayiguli Maimaiti"),
        ("Mary Smith", "Mary Smith"),
    ],
)
def test_name_pinyin_follows_gb_t_28039(name: str, written: str) -> None:
    assert name_pinyin(name) == written


def test_name_pinyin_as_words_and_in_ascii() -> None:
    assert name_pinyin("欧阳娜娜", capitals=False) == "Ouyang Nana"
    assert name_pinyin("吕燕", ascii_only=True) == "LYU Yan"


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("王芳", "Wang Fang"),
        ("王芳", "wangfang"),
        ("王芳", "WANG"),
        ("欧阳娜娜", "Ouyang"),
        ("欧阳娜娜", "ouyang nana"),
        ("吕燕", "Lv Yan"),
        ("吕燕", "Lyu"),
        ("吕燕", "Lü Yan"),
        ("单田芳", "Shan Tianfang"),
    ],
)
def test_pinyin_search_text_finds_what_english_readers_type(name: str, query: str) -> None:
    stored = normalize_for_search(pinyin_search_text(name))
    assert all(word in stored for word in search_words(query))


def test_pinyin_search_text_of_a_latin_name_is_empty() -> None:
    assert pinyin_search_text("Mary Smith") == ""
