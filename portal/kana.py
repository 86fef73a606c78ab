"""Japanese index order (五十音順): one sort key and one set of section headings for every Japanese list.

Lists sort by a reading (よみ) that editors type in kana: readings are data, never guessed from kanji at
run time. The order is a Japanese dictionary's or index's (JIS X 4061): katakana count as hiragana; first
the voiced and semi-voiced marks are ignored (が as か, ぱ as は), small kana count as large ones (っ as
つ) and the long vowel mark ー as the vowel of the kana before it (サーバー as さあばあ); words still equal
then go small kana before large, unvoiced before voiced before semi-voiced, and a vowel before ー.

Text in Latin letters or digits (a glossary term such as "DS レコード" with no reading) sorts before the
kana, A to Z with case ignored, as the 英数字 section at the head of a Japanese technical glossary. Text that
starts with anything else (kanji with no reading) comes last, under その他.

ICU's Japanese collation would give the kana order too, but PyICU ships no wheels (it needs ICU's C++
headers and a compiler), and the folding below is a few lines of the standard library.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_VOICED_MARKS = {0x3099: None, 0x309A: None}  # combining (semi-)voiced sound marks, after NFD
_LONG_VOWEL = "ー"
# The 五十音 rows, each kana with its vowel's place (あいうえお); や and わ rows have gaps.
_ROWS = (
    "あいうえお",
    "かきくけこ",
    "さしすせそ",
    "たちつてと",
    "なにぬねの",
    "はひふへほ",
    "まみむめも",
    "や\0ゆ\0よ",
    "らりるれろ",
    "わゐ\0ゑを",
)
_VOWEL_OF = {kana: "あいうえお"[place] for row in _ROWS for place, kana in enumerate(row) if kana != "\0"}
_ROW_HEADING = {kana: row[0] for row in _ROWS for kana in row if kana != "\0"}
_ROW_HEADING["ん"] = "わ"
# The section headings of a Japanese list, in order.
LATIN_HEADING = _("A–Z")
KANA_HEADINGS = tuple(row[0] for row in _ROWS)
OTHER_HEADING = _("Other")

_KANA = "\u3041-\u3096\u30a1-\u30fa"
_READING = re.compile(rf"[{_KANA}{_LONG_VOWEL} ]+")
# Han ideographs (with 々): a name written with them cannot be sorted without a reading.
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々]")

_LATIN, _KANA_GROUP, _OTHER = 0, 1, 2


def hiragana(text: str) -> str:
    """`text` after NFKC (half-width katakana become full-width), with katakana as hiragana and no spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split()).translate(_KATAKANA_TO_HIRAGANA)


def _primary(kana: str) -> str:
    folded = unicodedata.normalize("NFD", kana).translate(_VOICED_MARKS).translate(_SMALL_TO_LARGE)
    out = []
    for char in folded:
        if char == _LONG_VOWEL and out:
            char = _VOWEL_OF.get(out[-1], char)
        out.append(char)
    return "".join(out)


def _group(text: str) -> int:
    first = text[:1]
    if first and (first.isascii() and first.isalnum()):
        return _LATIN
    if first and _primary(first)[:1] in _ROW_HEADING:
        return _KANA_GROUP
    return _OTHER


def sort_key(text: str) -> tuple:
    """The key that sorts `text` (a reading, or a name that needs none) in Japanese index order."""
    unfolded = hiragana(text)
    group = _group(unfolded)
    if group == _LATIN:
        return (group, unfolded.casefold(), unfolded)
    return (group, _primary(unfolded), unfolded, text)


def heading(text: str) -> str:
    """The section `text` sorts under: A–Z, a 五十音 row's first kana (あ か さ … わ), or その他."""
    unfolded = hiragana(text)
    group = _group(unfolded)
    if group == _LATIN:
        return str(LATIN_HEADING)
    if group == _KANA_GROUP:
        return _ROW_HEADING[_primary(unfolded)[0]]
    return str(OTHER_HEADING)


def sections(items, text_of):
    """[(heading, [item, ...]), ...]: `items` sorted by `sort_key(text_of(item))` and cut at each heading."""
    found = []
    for item in sorted(items, key=lambda item: sort_key(text_of(item))):
        title = heading(text_of(item))
        if not found or found[-1][0] != title:
            found.append((title, []))
        found[-1][1].append(item)
    return found


def has_kanji(text: str) -> bool:
    return bool(_KANJI.search(text or ""))


def normalise_reading(text: str) -> str:
    """A typed reading as stored: NFKC (half-width katakana become full-width), spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def validate_reading(text: str) -> None:
    """A reading holds kana, the long vowel mark ー and spaces only."""
    if text and not _READING.fullmatch(normalise_reading(text)):
        raise ValidationError(
            _("Write the reading in hiragana or katakana (ー and spaces are allowed), e.g. にほんれじすとりさーびす."),
            code="invalid_reading",
        )


def check_reading(name: str, reading: str, field: str = "reading") -> dict:
    """{field: error} when `name` has kanji and no reading was given (it could not be placed in the list)."""
    if has_kanji(name) and not (reading or "").strip():
        return {
            field: ValidationError(
                _("The name contains kanji: give its reading in kana, so that it sorts in 五十音 order."),
                code="reading_required",
            )
        }
    return {}
