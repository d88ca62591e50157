"""The official order 按姓氏笔画 (core/strokes.py) on the cases issue 14 names.

Pure functions: no database. Each case was wrong before the order was counted on the
simplified form with the mainland stroke sequence (see the issue's examples).
"""

import pytest

from core.data.make_stroke_table import choose_stroke_orders, read_stroke_orders
from core.text import GAP, NO_GAP, stroke_order, stroke_sort_key


def by_strokes(names, convention=GAP):
    return sorted(names, key=lambda name: stroke_sort_key(name, convention))


def test_counted_on_the_simplified_form_of_a_traditional_name() -> None:
    # 劉 has 15 strokes, 刘 6: the simplified roll printed 劉曉慶 twelve places from 刘晓红.
    names = ["刘晓红", "岳丽华", "劉曉慶", "王芳"]
    assert by_strokes(names) == ["王芳", "劉曉慶", "刘晓红", "岳丽华"]


def test_fewer_surname_strokes_first_whatever_the_code_point() -> None:
    # 雍 13 strokes was printed before 岳 8.
    assert by_strokes(["雍桂荣", "岳丽华"]) == ["岳丽华", "雍桂荣"]


def test_equal_strokes_by_first_stroke_then_second() -> None:
    # 吕 and 刘 have 6 strokes; 刘 starts 点 (4), 吕 竖 (2): 吕 first. 吴 has 7.
    assert by_strokes(["吴二", "刘一", "吕三"]) == ["吕三", "刘一", "吴二"]
    # 李 (横) before 张 (折), both 7; 王 (横横) before 方 (点) before 孔 (折), all 4.
    assert by_strokes(["张一", "李一"]) == ["李一", "张一"]
    assert by_strokes(["孔一", "方一", "王一"]) == ["王一", "方一", "孔一"]


def test_mainland_stroke_sequence_not_the_taiwan_one() -> None:
    # rime-stroke gives Taiwan's reading first (竖钩 as 折); the mainland counts it 竖.
    assert stroke_order("刘") == "413422"
    assert stroke_order("书") == "5524"
    assert stroke_order("范") == "12244155"


def test_single_character_given_name_first_under_the_surname_convention() -> None:
    # The gap of 王　伟 counts as zero: every list checked prints 王伟 before 王书茂.
    assert by_strokes(["王书茂", "王伟"]) == ["王伟", "王书茂"]
    # 按姓名笔画 (people's congresses): no gap, 书 (4) before 伟 (6).
    assert by_strokes(["王伟", "王书茂"], NO_GAP) == ["王书茂", "王伟"]
    assert by_strokes(["王伟民", "王伟"], NO_GAP) == ["王伟", "王伟民"]


def test_non_bmp_surname_sorts_by_its_strokes() -> None:
    # 𠮷 (U+20BB7) has 6 strokes; it sorted after every other name.
    assert by_strokes(["𠮷明", "王芳", "周一", "Mary"]) == ["王芳", "𠮷明", "周一", "Mary"]


def test_compound_surname_is_one_surname_after_the_plain_one() -> None:
    names = ["欧阳娜娜", "欧娜", "司马光", "司徒雷", "欧阳一", "欧丽丽", "丁一"]
    assert by_strokes(names) == ["丁一", "司马光", "司徒雷", "欧娜", "欧丽丽", "欧阳一", "欧阳娜娜"]


def test_surnames_with_the_same_sequence_stay_together() -> None:
    # 于 and 干 are both 横横竖, 土 and 士 both 横竖横: the code point keeps each
    # surname in one block instead of interleaving by the given name.
    names = ["干一", "于二", "干三", "于一", "土丁", "士一", "土一"]
    ordered = by_strokes(names)
    assert ordered == ["于一", "于二", "干一", "干三", "土一", "土丁", "士一"]


def test_name_dots_and_padding_do_not_count() -> None:
    assert stroke_sort_key("阿依古丽·买买提") == stroke_sort_key("阿依古丽・买买提")
    assert stroke_sort_key("阿依古丽·买买提") == stroke_sort_key("阿依古丽•买买提")
    assert stroke_sort_key("张\u3000晨") == stroke_sort_key("张晨")


def test_name_kept_as_stored_is_counted_as_stored() -> None:
    # 於 and 乾 are not converted (core/script.py), so they count as printed: 於 8, 乾 11.
    assert by_strokes(["乾红梅", "於梨华", "于蓝"]) == ["于蓝", "於梨华", "乾红梅"]


def test_one_name_stored_in_either_script_has_one_key() -> None:
    assert stroke_sort_key("劉曉慶") == stroke_sort_key("刘晓庆")
    assert stroke_sort_key("張\u3000華") == stroke_sort_key("张华")


@pytest.mark.parametrize("convention", [GAP, NO_GAP])
def test_key_uses_only_digits_and_capitals(convention) -> None:
    for name in ["王伟", "欧阳娜娜", "𠮷明", "Mary Smith", "阿依古丽·买买提", "龘"]:
        key = stroke_sort_key(name, convention)
        assert key and key.isascii() and key.isalnum() and key == key.upper()


def test_unknown_convention_is_refused() -> None:
    with pytest.raises(ValueError):
        stroke_sort_key("王伟", "pinyin")


def test_generator_prefers_the_mainland_reading(tmp_path) -> None:
    source = tmp_path / "stroke.dict.yaml"
    source.write_text(
        "# Rime dictionary\n---\nname: stroke\n...\n\n"
        "书\thszsn\n刘\tnhpnsz\n王\thhsh\n"  # main table (CNS 11643)
        "书\tzzsn\n刘\tnhpnss\n",  # supplement (mainland)
        encoding="utf-8",
    )
    entries, supplement = read_stroke_orders(source)
    assert supplement == 3
    orders = choose_stroke_orders(entries, supplement, {"书": 4, "刘": 6, "王": 4})
    # 书 has 4 strokes: the main table's 5-stroke reading is not the mainland one.
    assert orders == {"书": "5524", "刘": "413422", "王": "1121"}
