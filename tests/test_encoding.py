import codecs
import json
import unicodedata

import pytest

from analysis.encoding import DecodeError, decode_bytes, tcvn3_to_unicode, vni_to_unicode
from conftest import to_cp1258

TEXT = "Phó Thủ tướng yêu cầu đẩy mạnh cải cách thủ tục hành chính ở Đắk Lắk và Quảng Ngãi."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (to_cp1258(TEXT), "cp1258"),
    ],
)
def test_unicode_and_windows_1258(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert unicodedata.normalize("NFC", decoded.text) == TEXT


def test_tcvn3_known_samples():
    assert tcvn3_to_unicode("hép møt tÕt") == "hộp mứt tết"
    assert tcvn3_to_unicode("Xin chµo tÊt c¶ mäi ng\u00adêi") == "Xin chào tất cả mọi người"


def test_vni_known_samples():
    assert vni_to_unicode("Xin chaøo caùc baïn") == "Xin chào các bạn"
    assert vni_to_unicode("Vieät Nam") == "Việt Nam"
    assert vni_to_unicode("ÑAÛNG COÄNG SAÛN") == "ĐẢNG CỘNG SẢN"


def test_tcvn3_and_vni_files_are_detected_and_converted():
    tcvn3 = "Xin chµo tÊt c¶ mäi ng\u00adêi, hép møt tÕt".encode("latin-1")
    vni = "Xin chaøo caùc baïn, Vieät Nam".encode("latin-1")
    assert decode_bytes(tcvn3).encoding == "tcvn3"
    assert decode_bytes(tcvn3).text == "Xin chào tất cả mọi người, hộp mứt tết"
    assert decode_bytes(vni).encoding == "vni"
    assert decode_bytes(vni).text == "Xin chào các bạn, Việt Nam"


def test_tcvn3_saved_as_utf8_is_converted_too():
    decoded = decode_bytes("Xin chµo tÊt c¶ mäi ng\u00adêi".encode())
    assert (decoded.encoding, decoded.text) == ("tcvn3", "Xin chào tất cả mọi người")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty_file"),
        (b"  \n\t \r\n", "empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary_file"),
        (bytes(range(0x80, 0x100)) * 20, "undecodable"),
    ],
)
def test_bad_bytes_raise_with_a_kind_and_reason(data, kind):
    with pytest.raises(DecodeError) as caught:
        decode_bytes(data)
    assert caught.value.kind == kind
    assert caught.value.reason


def test_real_text_round_trips_through_windows_1258(shared):
    with open(shared / "corpora" / "baomoi_2017_gov.jsonl", encoding="utf-8") as lines:
        bodies = [unicodedata.normalize("NFC", json.loads(line)["body"]) for line in lines][:50]
    for body in bodies:
        body = "".join(c for c in body if c.isascii() or "LATIN" in unicodedata.name(c, ""))
        decoded = decode_bytes(to_cp1258(body))
        assert unicodedata.normalize("NFC", decoded.text) == body


def test_foreign_latin_text_in_utf8_is_not_converted():
    for text in ["Le président français a visité l'école de Müller à Zürich.",
                 "Größe, Übung und Maßnahmen für die Bürger"]:  # fmt: skip
        decoded = decode_bytes(text.encode())
        assert (decoded.encoding, decoded.text) == ("utf-8", text)


def test_a_few_stray_bytes_do_not_lose_a_utf8_file():
    data = (TEXT + "\n").encode() * 20 + b"\xff" + (TEXT + "\n").encode() * 20
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)
    assert decoded.text.count(TEXT) == 40 and "\ufffd" in decoded.text
