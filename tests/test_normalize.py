import json
import re
import unicodedata

import pytest

from analysis.normalize import (
    count_syllables,
    normalize_text,
    normalize_texts,
    normalize_tone_marks,
    normalize_unicode,
    normalize_whitespace,
    syllable_counts,
)


def test_unicode_nfc_eth_and_invisible_characters():
    decomposed = unicodedata.normalize("NFD", "Việt Nam")
    assert normalize_unicode(decomposed) == "Việt Nam"
    assert normalize_unicode("\u00d0à Nẵng, \u00f0ồng") == "Đà Nẵng, đồng"
    assert normalize_unicode("a\ud800b\u200bc\udfff") == "a\ufffdbc\ufffd"  # lone UTF-16 halves
    assert normalize_unicode("dân\u200b vận\ufeff") == "dân vận"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("thuỷ lợi", "thủy lợi"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("khoẻ mạnh, tuỳ theo", "khỏe mạnh, tùy theo"),
        ("(Hoà Bình)", "(Hòa Bình)"),
    ],
)
def test_old_tone_placement_becomes_new(old, new):
    assert normalize_tone_marks(old) == new


def test_words_that_contain_an_old_form_are_left_alone():
    text = "hoàn thành, Hoàng Sa, toàn quốc, giá cả, quả, hoạt động, quý, thuở"
    assert normalize_tone_marks(text) == text


def test_whitespace():
    assert normalize_whitespace(" a\u00a0 b  c\t\td \u3000e ") == "a b c d e"
    assert normalize_whitespace(" x  \r\n\r\n y\u2028z ", keep_lines=True) == "x\ny\nz"
    assert normalize_whitespace("một\ndòng") == "một dòng"


def test_normalize_text_composes_all_steps():
    raw = unicodedata.normalize("NFD", "  Tỉnh  Thanh Hoá\u00a0và \u00d0ồng Nai  ")
    assert normalize_text(raw) == "Tỉnh Thanh Hóa và Đồng Nai"


def test_count_syllables():
    assert count_syllables("Năm 2018, toàn tỉnh đã xây dựng được 2.883 mô hình") == 11
    assert count_syllables("kinh tế-xã hội (05-CT/TW)") == 7
    assert count_syllables("") == 0


def test_syllable_counts_agree_with_pythons_definition():
    python = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")  # the definition
    texts = ["Năm 2018: 2.883 mô hình, 1,5%", "x² ½ Ⅻ ٣٤ foo_bar", "kinh tế-xã hội", "", "…",
             "x𝐀y 😀 1.2.3 1..2 ,5 a1.5b 7."]  # fmt: skip
    expected = [len(python.findall(text)) for text in texts]
    assert syllable_counts(texts).tolist() == expected == [6, 6, 4, 0, 0, 9]


def test_syllable_counts_on_real_text(shared):
    python = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
    with open(shared / "corpora" / "baomoi_2017_gov.jsonl", encoding="utf-8") as lines:
        texts = [json.loads(line)["body"] for line in lines]
    assert syllable_counts(texts).tolist() == [len(python.findall(text)) for text in texts]


def test_normalisation_is_idempotent_on_real_text(shared):
    with open(shared / "corpora" / "vmds_baomoi_2013.jsonl", encoding="utf-8") as lines:
        bodies = [json.loads(line)["body"] for line in lines][:200]
    for body in bodies:
        once = normalize_text(body, keep_lines=True)
        assert normalize_text(once, keep_lines=True) == once
        assert unicodedata.is_normalized("NFC", once)


_MIXED = [
    "Thanh Hoá", "  hoàn thành\u00a0 toàn quốc ", "(Hoà Bình)", "giá cả, quả", "\nuỷ ban",
    "Uỷ\r\n\r\nban", "thuỷ中", "中hoà", "qui định", "hoà1", "", "Thanh Hoá",
    "a  b\n\n c \n", " x \x1c\n y\u2028z ", "o\u0300a  b", "\u00d0à\u200b  Nẵng", "\tthuỷ",
    "dòng một\ndòng hai", "\u2001hoà\u3000", "HOÀ BÌNH", "hOà", "THUỶ.",
]  # fmt: skip


@pytest.mark.parametrize("copies", [1, 20_000])  # each text on its own, and RE2 over them all
def test_normalize_texts_is_normalize_text_of_each(copies):
    texts = [f"{copy} {text}" for copy in range(copies) for text in _MIXED] + _MIXED
    keep = [i % 2 == 0 for i in range(len(texts))]
    assert normalize_texts(texts, keep_lines=keep) == [
        normalize_text(text, keep_lines=k) for text, k in zip(texts, keep, strict=True)
    ]
    assert normalize_texts(texts) == [normalize_text(text) for text in texts]


def test_normalize_texts_with_half_a_utf16_pair():  # no UTF-8 for it: no RE2, each text in full
    texts = [*_MIXED, "a\ud800  b"] * 20_000
    assert normalize_texts(texts, keep_lines=True) == [
        normalize_text(text, keep_lines=True) for text in texts
    ]


def test_normalize_texts_on_real_text(shared):
    texts = [value for path in sorted((shared / "corpora").glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines()
             for value in json.loads(line).values() if isinstance(value, str)]  # fmt: skip
    assert normalize_texts(texts, keep_lines=True) == [
        normalize_text(text, keep_lines=True) for text in texts
    ]
