"""Tests for core.text: pure functions, so no database and no Django settings."""

import bz2
import re
import string

import pytest

from core.data.make_stroke_table import read_stroke_counts, render_table
from core.text import (
    NO_GAP,
    STROKE_TABLE_PATH,
    UNKNOWN_STROKES,
    normalize_for_search,
    pad_name,
    pinyin_sort_key,
    split_name,
    stroke_count,
    stroke_sort_key,
)


def by_strokes(names: list[str]) -> list[str]:
    return sorted(names, key=stroke_sort_key)


def by_pinyin(names: list[str]) -> list[str]:
    return sorted(names, key=pinyin_sort_key)


# --- stroke_count -----------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "strokes"),
    [("丁", 2), ("王", 4), ("李", 7), ("張", 11), ("劉", 15), ("刘", 6), ("㐀", 5)],
)
def test_stroke_count_reads_unihan_table(char: str, strokes: int) -> None:
    assert stroke_count(char) == strokes


def test_stroke_count_covers_every_plane() -> None:
    # 𠮷 (U+20BB7, a surname) was missing when the table covered only the BMP.
    assert stroke_count("𠮷") == 6
    assert stroke_count("\U0002a6a5") == 64  # 龘 of four dragons, Extension B


@pytest.mark.parametrize("char", ["A", "z", "7", "-", "·"])
def test_stroke_count_of_unknown_character_sorts_last(char: str) -> None:
    assert stroke_count(char) == UNKNOWN_STROKES
    assert max(stroke_count(c) for c in "一龘龍齉") < UNKNOWN_STROKES


def test_stroke_count_rejects_more_than_one_character() -> None:
    with pytest.raises(ValueError):
        stroke_count("王五")


# --- split_name -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("司馬光", ("司馬", "光")),
        ("司马光", ("司马", "光")),
        ("歐陽娜娜", ("歐陽", "娜娜")),
        ("諸葛亮", ("諸葛", "亮")),
        ("張三", ("張", "三")),
        ("王小明", ("王", "小明")),
        ("張\u3000三", ("張", "三")),
        (" 歐陽 修 ", ("歐陽", "修")),
        # A two-character name cannot be a bare compound surname.
        ("東方", ("東", "方")),
        ("", ("", "")),
    ],
)
def test_split_name(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


# --- stroke_sort_key --------------------------------------------------------


def test_stroke_key_format_is_documented_digits_and_capitals() -> None:
    # 王: count 4, sequence 1121 packed two strokes a digit (6*1+1=7, 6*2+1=D), code
    # point 738B in base 36 (0MTN); 0 after a one-character surname; 0 for the gap
    # before a one-character given name; 三: 3, 111 -> 7 and 6 (6*1+0); 0; 三's code point.
    assert stroke_sort_key("王三") == "47D0MTN0037600FEX"
    assert stroke_sort_key("歐陽修") == "89TNM0L5Z6WH70TO309KFYLI00FSE"


def test_stroke_key_is_truncated_within_the_column() -> None:
    key = stroke_sort_key("王" + "一" * 80)
    assert len(key) == 128
    assert set(key) <= set(string.digits + string.ascii_uppercase)


def test_surnames_sort_by_stroke_count_not_code_point() -> None:
    # Code point order would be 丁 劉 張 李 歐 王; counted on the simplified form
    # (刘 6, 李 7, 张 7, 欧 8), not on the stored traditional one (劉 15, 張 11).
    names = ["歐陽修", "劉備", "張三", "李四", "王五", "丁一"]
    assert by_strokes(names) == ["丁一", "王五", "劉備", "李四", "張三", "歐陽修"]


def test_same_stroke_surnames_stay_grouped() -> None:
    # 孔, 方 and 王 all have 4 strokes; ordering by (surname strokes, given
    # strokes) alone would interleave them. The first stroke decides: 王 横,
    # 方 点, 孔 折.
    names = ["王一", "方二", "王三", "孔四", "方一"]
    assert by_strokes(names) == ["王一", "王三", "方一", "方二", "孔四"]


def test_ouyang_sorts_after_every_plain_ou_and_together() -> None:
    names = ["歐陽修", "歐鑫", "歐陽娜娜", "歐一", "歐陽一"]
    ordered = by_strokes(names)
    assert ordered[:2] == ["歐一", "歐鑫"]
    assert ordered[2:] == ["歐陽一", "歐陽修", "歐陽娜娜"]


def test_given_name_single_character_first_then_by_strokes() -> None:
    # 大 (3 strokes) has a higher code point than 丑 (4 strokes); the gap of 張　大
    # counts as zero, so every one-character given name comes first.
    names = ["張丑", "張大明", "張大", "張三"]
    assert by_strokes(names) == ["張三", "張大", "張丑", "張大明"]
    assert sorted(names, key=lambda n: stroke_sort_key(n, NO_GAP)) == [
        "張三",
        "張大",
        "張大明",
        "張丑",
    ]


def test_ten_names_sort_into_official_order() -> None:
    names = [
        "諸葛亮",
        "歐陽修",
        "張三",
        "王小明",
        "劉德華",
        "歐文",
        "丁一",
        "李四",
        "王三",
        "Mary",
    ]
    assert by_strokes(names) == [
        "丁一",  # 2
        "王三",  # 4; a one-character given name first
        "王小明",
        "劉德華",  # 刘 6
        "李四",  # 7, 李 starts 横
        "張三",  # 7, 张 starts 折
        "歐文",  # 欧 8, single surname first
        "歐陽修",
        "諸葛亮",  # 诸 10
        "Mary",  # unknown characters last
    ]


def test_stroke_key_ignores_padding_spaces() -> None:
    assert stroke_sort_key("張\u3000三") == stroke_sort_key(" 張三 ")


# --- pinyin_sort_key --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("曾國藩", "zeng guo fan"),
        ("單田芳", "shan tian fang"),
        ("仇英", "qiu ying"),
        ("解縉", "xie jin"),
        ("区家麟", "ou jia lin"),
        ("尉遲恭", "yu chi gong"),
        ("歐陽修", "ou yang xiu"),
    ],
)
def test_pinyin_key_uses_surname_reading(name: str, pinyin: str) -> None:
    assert pinyin_sort_key(name).split("\x1f")[0] == pinyin


def test_shan_surname_sorts_after_sha_and_before_shao() -> None:
    names = ["邵逸夫", "單田芳", "山口", "沙寶亮"]
    assert by_pinyin(names) == ["沙寶亮", "山口", "單田芳", "邵逸夫"]


def test_zeng_surname_sorts_between_chen_and_zhang() -> None:
    assert by_pinyin(["張三", "曾國藩", "陳一"]) == ["陳一", "曾國藩", "張三"]


def test_shorter_pinyin_sorts_before_its_extension() -> None:
    assert by_pinyin(["李明", "李"]) == ["李", "李明"]


def test_equal_pinyin_has_distinct_stable_keys() -> None:
    keys = {pinyin_sort_key(name) for name in ["張三", "章三", "张三"]}
    assert len(keys) == 3
    assert "\x00" not in "".join(keys)


# --- normalize_for_search ---------------------------------------------------


def test_search_matches_across_scripts() -> None:
    assert normalize_for_search("濱城區 劉") == normalize_for_search("滨城区 刘")
    assert normalize_for_search("劉德華") == "刘德华"


def test_search_folds_case_width_and_whitespace() -> None:
    # Whitespace between two Han characters is padding (张　晨 is 张晨).
    assert normalize_for_search("  ＡＢＣ\u3000劉\t 三 ") == "abc 刘三"


# --- pad_name ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("張三", "張\u3000三"),
        ("張 三", "張\u3000三"),
        ("張\u3000三", "張\u3000三"),
        ("王小明", "王小明"),
        ("歐陽娜娜", "歐陽娜娜"),
        ("李", "李"),
    ],
)
def test_pad_name(name: str, shown: str) -> None:
    assert pad_name(name) == shown


# --- stroke table and its generator ----------------------------------------


def test_stroke_table_is_small_and_credits_unicode() -> None:
    assert STROKE_TABLE_PATH.stat().st_size < 500_000
    header = STROKE_TABLE_PATH.read_text(encoding="utf-8").splitlines()[:2]
    assert all(line.startswith("#") for line in header)
    assert re.search(r"Unihan kTotalStrokes, Unicode \d+\.\d+", header[0])
    assert "UNICODE-LICENSE.txt" in header[1]
    licence = STROKE_TABLE_PATH.with_name("UNICODE-LICENSE.txt")
    assert "UNICODE LICENSE V3" in licence.read_text(encoding="utf-8")


def test_generator_keeps_first_count_on_every_plane(tmp_path) -> None:
    source = tmp_path / "Unihan_IRGSources.txt.bz2"
    source.write_bytes(
        bz2.compress(
            b"# Date: 2022-08-01 16:36:07 GMT [JHJ]\n"
            b"# Unicode version: 15.0.0\n"
            b"U+738B\tkRSUnicode\t96.0\n"
            b"U+738B\tkTotalStrokes\t4\n"
            b"U+8303\tkTotalStrokes\t8 9\n"
            b"U+20BB7\tkTotalStrokes\t6\n"
        )
    )
    counts, version, date = read_stroke_counts(source)
    assert counts == {"王": 4, "范": 8, "𠮷": 6}
    assert (version, date) == ("15.0.0", "2022-08-01 16:36:07 GMT")
    rows = render_table(counts, version, date).splitlines()
    assert rows[-3:] == ["4\t王", "6\t𠮷", "8\t范"]


@pytest.mark.parametrize(
    ("value", "options", "written"),
    [
        (75_500, {"in_wan": True}, "7.55万"),
        (39_000, {"in_wan": True}, "3.9万"),
        (15_000_000, {"in_wan": True}, "1500万"),
        (11_046, {"step": 1000, "in_wan": True}, "1.1万余"),
        (20_215, {"step": 10_000, "in_wan": True}, "2万余"),
        (1_304_600, {"step": 100_000, "in_wan": True}, "130余万"),
        (8_736, {"step": 100}, "8700余"),
        (8_700, {"step": 100}, "8700"),
        (73, {"step": 10}, "70余"),
        (167_275, {}, "167275"),
    ],
)
def test_report_numbers_are_written_as_chinese_reports_write_them(value, options, written):
    from core.text import report_number

    assert report_number(value, **options) == written
