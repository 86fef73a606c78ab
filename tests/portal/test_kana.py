"""portal.kana: the one Japanese index order (五十音順) for the member directory and the glossary."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from portal import kana


def test_kana_sort_as_a_japanese_dictionary_does():
    words = [
        "ひ",
        "ぱあ",
        "ハー",
        "はん",
        "ばあ",
        "はあ",
        "は",
        "びよういん",
        "びょういん",
        "ああけ",
        "あーく",
        "ああく",
    ]
    assert sorted(words, key=kana.sort_key) == [
        "ああく",  # a vowel before ー
        "あーく",
        "ああけ",
        "は",  # unvoiced, voiced, semi-voiced; katakana as hiragana; ー as the vowel before it
        "はあ",
        "ハー",
        "ばあ",
        "ぱあ",
        "はん",
        "ひ",
        "びょういん",  # small kana before large
        "びよういん",
    ]


def test_half_width_katakana_and_spaces_do_not_change_the_order():
    assert kana.sort_key("ﾆﾎﾝ ﾚｼﾞｽﾄﾘ")[:2] == kana.sort_key("にほんれじすとり")[:2]


def test_latin_letters_come_first_then_kana_then_what_has_no_reading():
    words = ["鍵", "ぞーんしょめいかぎ", "REVOKE ビット", "かぎしょめいかぎ", "NSEC3", "cds レコード", "DS レコード"]
    assert sorted(words, key=kana.sort_key) == [
        "cds レコード",
        "DS レコード",
        "NSEC3",
        "REVOKE ビット",
        "かぎしょめいかぎ",
        "ぞーんしょめいかぎ",
        "鍵",
    ]


def test_sections_follow_the_gojuon_rows():
    words = ["をかし", "わかめ", "んまい", "よーよー", "ゔぃ", "じーえむおー", "ぱ", "Zone", "3", "鍵"]
    with translation.override("ja"):
        assert [(heading, items) for heading, items in kana.sections(words, str)] == [
            ("英数字", ["3", "Zone"]),
            ("あ", ["ゔぃ"]),
            ("さ", ["じーえむおー"]),
            ("は", ["ぱ"]),
            ("や", ["よーよー"]),
            ("わ", ["わかめ", "をかし", "んまい"]),
            ("その他", ["鍵"]),
        ]


@pytest.mark.parametrize("reading", ["にほんれじすとりさーびす", "ニホン レジストリ", "ﾆﾎﾝ", ""])
def test_a_reading_in_kana_is_accepted(reading):
    kana.validate_reading(reading)


@pytest.mark.parametrize("reading", ["日本", "nihon", "にほん・れじすとり", "にほん3"])
def test_a_reading_in_anything_but_kana_is_refused(reading):
    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        kana.validate_reading(reading)
    assert refused.value.messages == [
        "よみはひらがなかカタカナで入力してください（ー と空白も使えます）。例: にほんれじすとりさーびす"
    ]


def test_a_name_with_kanji_needs_a_reading():
    assert kana.check_reading("ニュースター", "") == {}
    assert kana.check_reading("Telecom-ISAC Japan", "") == {}
    assert kana.check_reading("株式会社日本レジストリサービス", "にほんれじすとりさーびす") == {}
    with translation.override("ja"):
        errors = kana.check_reading("株式会社日本レジストリサービス", " ")
        assert {field: error.messages for field, error in errors.items()} == {
            "reading": ["名前に漢字が含まれています。五十音順に並べられるよう、よみをかなで入力してください。"]
        }
