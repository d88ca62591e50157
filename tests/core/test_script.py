"""The script policy (core/script.py): names converted one-to-one only, and search
folding. Pure functions: no database."""

import pytest

from core.data.make_script_tables import one_to_one_pairs
from core.script import (
    NAME_CHARS_PATH,
    fold_variants,
    name_in_script,
    name_to_simplified,
    name_to_traditional,
    running_text,
)
from core.text import normalize_for_search, search_words

# Every pair issue 14 names: a character with more than one counterpart, or that is a
# standard character of the other script, stays as stored in both directions.
KEPT = "于於干乾幹余餘范範杰傑闇暗后後里裏沾霑岳嶽钟鍾锺叶葉姜薑游遊发發髮云雲"


@pytest.mark.parametrize("char", KEPT)
def test_ambiguous_characters_stay_as_stored(char: str) -> None:
    assert name_to_simplified(char) == char
    assert name_to_traditional(char) == char


@pytest.mark.parametrize(
    ("stored", "simplified", "traditional"),
    [
        # Names the whole-page OpenCC changed on /zh-hant/ …
        ("于蓝", "于蓝", "于藍"),
        ("干秀英", "干秀英", "干秀英"),
        ("余秋燕", "余秋燕", "余秋燕"),
        ("范丽娟", "范丽娟", "范麗娟"),
        ("王杰", "王杰", "王杰"),
        ("沾化区", "沾化区", "沾化區"),
        # … and on simplified pages.
        ("杨闇公", "杨闇公", "楊闇公"),
        ("乾红梅", "乾红梅", "乾紅梅"),
        ("於梨华", "於梨华", "於梨華"),
        # The demo's wrong traditional surnames are not "corrected" either way.
        ("餘金鳳", "餘金凤", "餘金鳳"),
        ("遊晨", "遊晨", "遊晨"),
        ("锺秀英", "锺秀英", "锺秀英"),
        ("鍾秀英", "鍾秀英", "鍾秀英"),
        # One-to-one characters do convert, in both directions.
        ("刘晓庆", "刘晓庆", "劉曉慶"),
        ("劉曉慶", "刘晓庆", "劉曉慶"),
        ("张华", "张华", "張華"),
        ("張華", "张华", "張華"),
        # 買 stays: it has a second simplified form, 𧹒 (Extension B).
        ("阿依古丽·买买提", "阿依古丽·买买提", "阿依古麗·买买提"),
    ],
)
def test_names_convert_one_to_one_only(stored: str, simplified: str, traditional: str) -> None:
    assert name_to_simplified(stored) == simplified
    assert name_to_traditional(stored) == traditional
    # A converted name converts back to what it was converted from.
    assert name_to_simplified(name_to_traditional(simplified)) == simplified
    assert name_to_traditional(name_to_simplified(traditional)) == traditional


def test_name_in_script_reads_simplified_on_english_pages() -> None:
    assert name_in_script("劉曉慶", "en") == "刘晓庆"
    assert name_in_script("劉曉慶", "zh-hans") == "刘晓庆"
    assert name_in_script("刘晓庆", "zh-hant") == "劉曉慶"
    assert name_in_script("于蓝", "zh-hant") == "于藍"


def test_name_table_is_a_bijection() -> None:
    rows = [
        line.split("\t")
        for line in NAME_CHARS_PATH.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    traditional = [trad for trad, _ in rows]
    simplified = [simp for _, simp in rows]
    assert len(set(traditional)) == len(traditional) == len(set(simplified)) > 2000
    assert not set(traditional) & set(simplified)


def test_generator_drops_pairs_with_a_second_counterpart() -> None:
    dicts = {
        "TSCharacters": {"劉": ["刘"], "於": ["于", "於"], "鍾": ["钟", "锺"], "鐘": ["钟"]},
        "TSCharactersExt": {},
        "STCharacters": {"刘": ["劉"], "于": ["於", "于"], "钟": ["鍾", "鐘"], "锺": ["鍾"]},
    }
    assert one_to_one_pairs(dicts) == [("劉", "刘")]


def test_running_text_keeps_phrase_aware_conversion() -> None:
    assert running_text("头发很干", "zh-hant") == "頭髮很乾"
    assert running_text("頭髮很乾", "zh-hans") == "头发很干"


# --- search ---------------------------------------------------------------


@pytest.mark.parametrize("query", ["钟", "鍾", "锺", "鐘"])
def test_variant_forms_find_each_other(query: str) -> None:
    stored = normalize_for_search("锺秀英 鍾秀英 钟秀英")
    assert all(normalize_for_search(query) in part for part in stored.split())


def test_printed_padding_and_spaces_are_ignored() -> None:
    assert normalize_for_search("张　晨") == normalize_for_search("张晨") == "张晨"
    assert normalize_for_search("张 晨") == "张晨"
    assert normalize_for_search("張　晨") == "张晨"


@pytest.mark.parametrize("dot", ["·", "・", "•", "‧", "･"])
def test_name_dots_are_one_character(dot: str) -> None:
    assert normalize_for_search(f"阿依古丽{dot}买买提") == "阿依古丽·买买提"


def test_query_words_stay_separate() -> None:
    # Normalising the whole query would join 刘 and 滨城区 into one word.
    assert search_words("刘 滨城区") == ["刘", "滨城区"]
    assert search_words("张　晨") == ["张", "晨"]
    assert search_words("  ") == []


def test_folding_is_for_matching_only() -> None:
    # Lossy on purpose: 發 and 髮 become one character; never shown or stored as a name.
    assert fold_variants("發髮发") == "发发发"


# --- pages ----------------------------------------------------------------


def test_marked_names_convert_one_to_one_and_the_rest_by_phrases() -> None:
    from core.i18n import name_html, to_visitor_script

    page = f"<p>{name_html('于蓝')}，{name_html('沾化区妇联')}：头发很干</p>"
    assert to_visitor_script(page, "zh-hant") == ("<p>于藍，沾化區婦聯：頭髮很乾</p>")
    page = f"<p>{name_html('乾红梅')} {name_html('杨闇公')} 乾隆</p>"
    assert "乾红梅" in to_visitor_script(page, "zh-hans")
    assert "杨闇公" in to_visitor_script(page, "zh-hans")
    assert name_html("<b>") == "<!--name-->&lt;b&gt;<!--/name-->"
