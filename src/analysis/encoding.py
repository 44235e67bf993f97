"""Bytes to text for Vietnamese files: Unicode (with or without BOM), Windows-1258, and the
pre-Unicode font encodings TCVN3 (ABC) and VNI, which are detected and converted."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import cache


class DecodeError(ValueError):
    """The bytes are not text in any encoding we know; ``reason`` says why."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16, utf-32, cp1258, tcvn3 or vni
    replaced: int = 0  # invalid bytes of an otherwise UTF-8 file, now U+FFFD

    @property
    def is_legacy(self) -> bool:
        return self.encoding in ("tcvn3", "vni")


_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# TCVN3 (ABC): one byte per lower-case letter; capitals with tone marks live in a separate
# upper-case font using the same bytes, so they come out lower-case (nothing can tell).
_TCVN3_BYTES = (
    "µ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË ® ÌÐÎÏÑ ªÒÕÓÔÖ ×ÝØÜÞ ßãáâä «åèæçé ¬êíëìî ïóñòô \u00adõøö÷ù úýûüþ ¡¢§£¤¥¦"
)
_TCVN3_LETTERS = (
    "àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ ĂÂĐÊÔƠƯ"
)
_TCVN3 = str.maketrans(_TCVN3_BYTES.replace(" ", ""), _TCVN3_LETTERS.replace(" ", ""))

# VNI: a base letter followed by one byte carrying its marks (as read in Latin-1).
_VNI_MARKS = {
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "ê": "\u0306",
    "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309", "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309", "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}  # fmt: skip
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


@cache
def _vni_table() -> dict[str, str]:
    table = {}
    for base, letter in _VNI_BASES.items():
        for mark, combining in _VNI_MARKS.items():
            for b, m, lt in ((base, mark, letter), (base.upper(), mark.upper(), letter.upper())):
                composed = unicodedata.normalize("NFC", lt + combining)
                if len(composed) == 1:
                    table[b + m] = composed
    for byte, letter in _VNI_SINGLE.items():
        table[byte] = letter
        table[byte.upper()] = letter.upper()
    return table


@cache
def _vni_pattern() -> re.Pattern:
    keys = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_TCVN3)


def vni_to_unicode(text: str) -> str:
    table = _vni_table()
    return _vni_pattern().sub(lambda m: table[m[0]], text)


_VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyz" + _TCVN3_LETTERS.replace(" ", "").lower()
)
_TOKEN = re.compile(r"\S+")
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
_NON_VIETNAMESE_LATIN1 = re.compile(
    "["
    + "".join(c for c in map(chr, range(0xA0, 0x100)) if c.lower() not in _VIETNAMESE_LETTERS)
    + "]"
)


def foreign_share(text: str, *, sample: int = 20_000) -> float:
    """Share of word tokens holding a letter outside the Vietnamese alphabet (0 for good text)."""
    text = unicodedata.normalize("NFC", text[:sample])
    words = foreign = 0
    for token in _TOKEN.findall(text):
        letters = [c for c in token.lower() if c.isalpha() or unicodedata.combining(c)]
        if letters:
            words += 1
            foreign += any(c not in _VIETNAMESE_LETTERS for c in letters)
    return foreign / words if words else 0.0


# Frequent Vietnamese syllables: the right decoding of a legacy file reads most like Vietnamese.
_COMMON_SYLLABLES = frozenset(
    "và của các là có được trong cho những với đã này không một năm người công nhà tại để về "
    "theo đến từ khi thực hiện cũng như đó việc sẽ nhiều hơn cần phải trên ra vào làm tỉnh "
    "nước dân tác chính quyền đồng thời đề nghị yêu cầu chỉ đạo tiếp tục xây dựng phát triển "
    "kinh tế xã hội cán bộ đảng viên cơ quan đơn vị hành lãnh địa phương nhân quốc gia ngày "
    "tháng thủ tướng phó chủ tịch ủy ban bộ trưởng việt nam chào tất cả mọi".split()
)


def common_share(text: str, *, sample: int = 20_000) -> float:
    """Share of word tokens that are frequent Vietnamese syllables."""
    words = _TOKEN.findall(unicodedata.normalize("NFC", text[:sample]).lower())
    return sum(w.strip(".,;:!?()\"'“”") in _COMMON_SYLLABLES for w in words) / max(len(words), 1)


def _best(candidates: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(encoding, text) of the candidate that reads most like Vietnamese, if any does."""
    scored = [(foreign_share(text), common_share(text), encoding, text)
              for encoding, text in candidates]  # fmt: skip
    plausible = [s for s in scored if s[0] <= _LEGACY_ACCEPT and
                 (s[2] == "cp1258" or s[1] >= _LEGACY_COMMON)]  # fmt: skip
    if not plausible:
        return None
    _, _, encoding, text = max(plausible, key=lambda s: s[1])
    return encoding, text


_LEGACY_SUSPICION = 0.05  # above this share of odd words, try the legacy fonts
_LEGACY_ACCEPT = 0.02  # a decoding is kept when it leaves at most this share of odd words
_LEGACY_COMMON = 0.1  # ... and a TCVN3/VNI conversion must read as Vietnamese
_STRAY_BYTES = 0.01  # UTF-8 with at most this share of invalid high bytes is still UTF-8
_HIGH_BYTES = bytes(range(0x80, 0x100))


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes, detecting BOMs, UTF-8, Windows-1258, TCVN3 and VNI.

    Raises :class:`DecodeError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise DecodeError("empty_file", "file is empty or only whitespace")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                reason = f"{encoding} byte-order mark but invalid data: {err}"
                raise DecodeError("undecodable", reason) from None
            return _check_legacy(Decoded(text, encoding))
    if b"\x00" in data[:65536]:
        raise DecodeError("binary_file", "binary data (NUL bytes; UTF-16 needs a BOM)")
    try:
        return _check_legacy(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    high_bytes = len(data) - len(data.translate(None, _HIGH_BYTES))
    if invalid <= _STRAY_BYTES * high_bytes:
        return Decoded(lenient, "utf-8", replaced=invalid)  # UTF-8 with a few stray bytes
    latin1 = data.decode("latin-1")
    candidates = [("tcvn3", tcvn3_to_unicode(latin1)), ("vni", vni_to_unicode(latin1))]
    try:
        candidates.insert(0, ("cp1258", data.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    best = _best(candidates)
    if best is None:
        raise DecodeError(
            "undecodable",
            f"not UTF-8 ({invalid} invalid sequences), and neither Windows-1258, TCVN3 nor "
            "VNI gives Vietnamese text",
        )
    return Decoded(best[1], best[0])


def _check_legacy(decoded: Decoded) -> Decoded:
    """Unicode text that is really TCVN3 or VNI read as Latin-1 gets converted."""
    text = decoded.text
    if not _NON_VIETNAMESE_LATIN1.search(text, 0, 20_000):
        return decoded
    if foreign_share(text) <= _LEGACY_SUSPICION:
        return decoded
    if _BEYOND_LATIN1.search(text):
        return decoded  # real Unicode beyond Latin-1: not a legacy font
    best = _best([("tcvn3", tcvn3_to_unicode(text)), ("vni", vni_to_unicode(text))])
    return Decoded(best[1], best[0]) if best else decoded
