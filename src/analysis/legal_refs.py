"""Legal documents cited in the text: "Chỉ thị số 05-CT/TW", "Nghị định 61/2018/NĐ-CP",
"Quyết định 1234/QĐ-TTg", "Nghị quyết số 202/2025/QH15", "Luật Tiếp công dân năm 2013", and
short: "Nghị định 67", "Luật Thủ đô".

A document number encodes type, year and issuer; ``key`` writes it one way ("05-CT/TW") so that
spacing and dash variants of one document group together. A short citation takes the key of
the full number of its type cited in the same text; a law named without a year keeps its name.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import ahocorasick
import pandas as pd
import yaml

from .normalize import lower_keeping_offsets, normalize_text
from .patterns import occurrences
from .schema import LEGAL_REFS_SCHEMA, per_article
from .terms import spellings

# Type codes of document numbers, and the type words that may precede a number.
TYPE_CODES = {
    "CT": "chỉ thị", "NQ": "nghị quyết", "NĐ": "nghị định", "QĐ": "quyết định",
    "TT": "thông tư", "KL": "kết luận", "TB": "thông báo", "CĐ": "công điện",
    "TTLT": "thông tư", "NQLT": "nghị quyết",  # joint circulars and resolutions
}  # fmt: skip
# Words before a number; when present they name the type (a "Quy định" coded QĐ is a quy định).
TYPE_WORDS = (*dict.fromkeys(TYPE_CODES.values()), "luật", "bộ luật", "quy định",
              "thông tư liên tịch", "nghị quyết liên tịch")  # fmt: skip
# Codes as sometimes written, and as they are meant
_SPELLINGS = {"TƯ": "TW", "ND": "NĐ", "QD": "QĐ", "QDD": "QĐ", "CD": "CĐ", "Ttg": "TTg"}
_GLUED = {"NĐCP": ("NĐ", "CP")}  # a code and issuer written without their dash: 78/2013/NĐCP

_DASH = r"\s*[-–—]\s*"
_CODE = r"(?P<{}>[A-ZĐ]{{2,4}}i?)"
_ISSUER = r"(?P<{}>[A-ZĐƯ][A-Za-zĐđƯư]{{0,9}}\d{{0,2}}(?:-[A-ZĐƯ][A-Za-zĐđƯư]{{0,9}}\d{{0,2}})*)"
# The number comes first in the pattern, behind a look-ahead at a digit, so that the scan only
# stops at digits (1.5x faster than without the look-ahead); the type word before it is looked
# for afterwards.
NUMBER = re.compile(
    r"(?=\d)(?<![\w/.-])(?P<number>\d{1,5}[a-z]?)(?:"
    rf"{_DASH}{_CODE.format('code')}\s*/\s*{_ISSUER.format('issuer')}"  # 05-CT/TW
    rf"|\s*[/-]\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?:{_CODE.format('code2')}{_DASH})?"
    rf"{_ISSUER.format('issuer2')}"  # 61/2018/NĐ-CP, 202/2025/QH15, 19-2017/NQ-CP
    rf"|\s*/\s*{_CODE.format('code3')}{_DASH}{_ISSUER.format('issuer3')}"  # 1234/QĐ-TTg
    rf"|\s*/\s*{_ISSUER.format('issuer4')}"  # 64/CP, 51/C46: only after a type word
    r")(?![\w/])"
)
_TYPE_WORD = "|".join(
    ("Bộ Luật", "Thông tư Liên tịch", "Nghị quyết Liên tịch",
     *(f"{w[0].upper()}{w[1:]}|{w}" for w in sorted(TYPE_WORDS, key=len, reverse=True)))
)  # fmt: skip
_CAPITALISED_TYPES = sorted({w[0].upper() + w[1:] for w in TYPE_CODES.values()})
_NOT_IN_A_NAME = (r"có|từ|được|đã|sẽ|dự kiến|cuối|đầu|trong|vào|của|và|với|theo|tại|khi|là|"
                  r"năm|số|Luật|"  # nor the next document's type: "Luật Thanh tra, Nghị định số"
                  + "|".join(_CAPITALISED_TYPES))  # fmt: skip
_NAME_REST = r"\w*,?(?: (?!(?:" + _NOT_IN_A_NAME + r")\b)[^\s.;:()]+){0,7}?"
_LAW_NAME = rf"[A-ZĐ]{_NAME_REST}"  # "Tiếp công dân", "Phòng, chống tham nhũng"
# A name in lower case, only after a capital "Luật" or "Bộ luật" ("kỷ luật theo ..." is none)
_LOWER_LAW_NAME = rf"(?:(?<=Luật )|(?<=Bộ luật ))(?!(?:{_NOT_IN_A_NAME})\b)\w{_NAME_REST}"
# Before a number: a type word, for a law also its name ("Bộ luật Hình sự số 100/2015/QH13",
# "Luật thi hành tạm giữ tạm giam số 94/2015/QH13").
TYPE_BEFORE = re.compile(
    rf"(?P<word>{_TYPE_WORD})(?:\s+(?P<name>{_LAW_NAME}|{_LOWER_LAW_NAME}))?(?:\s+số)?\s*$"
)
LAW = re.compile(  # a law named, not numbered: "Luật Tiếp công dân năm 2013", "Bộ luật Lao động"
    rf"(?:Bộ [Ll]uật|Luật)\s+(?!sư\b)(?P<name>{_LAW_NAME}),?\s+(?:năm\s+)?"
    r"(?P<year>(?:19|20)\d\d)(?!\d)"
)

# Text also names a document short: "Nghị định 67", "Chỉ thị số 05", "quyết định số 58",
# "Nghị quyết 19/2017" (a year, no issuer), never before a count ("Thông báo 114 ca", "Quyết
# định 3 năm sau"). A type word that is also a verb, in lower case without "số", only before a
# year or a word that goes on about a document ("theo quyết định 96 của Bộ"): "Quốc hội quyết
# định 4 nhóm vấn đề" and "luật quy định 31 tội" are verbs; "nghị định 67" is always a noun.
_SHORT_TYPES = sorted({*TYPE_CODES.values(), "quy định"}, key=len, reverse=True)
_COUNTED = r"\s*%|\s+(?:ca|người|lần|tháng|tuần|giờ|vụ|điểm|hộ|triệu|tỷ|nghìn|ngàn)\b"
SHORT = re.compile(
    r"(?<!\w)(?:(?P<word>{capitalised})(?:\s+số)?|(?P<lower>{lower})(?P<số>\s+số)?)"
    r"\s+(?P<number>\d{{1,5}}[a-z]?)(?!{counted}|\s+năm\s+(?!(?:19|20)\d\d))"
    r"(?:\s+năm\s+(?P<year>(?:19|20)\d\d)|\s*/\s*(?P<slash_year>(?:19|20)\d\d))?"
    r"(?![\w/–-]|[.,]\d)".format(
        capitalised="|".join(w[0].upper() + w[1:] for w in _SHORT_TYPES),
        lower="|".join(_SHORT_TYPES),
        counted=_COUNTED,
    )
)
_SHORT_STARTS = tuple(f"{word} " for word in _SHORT_TYPES)  # in the lower-cased text
_ONLY_NOUNS = {"nghị định", "nghị quyết", "thông tư", "công điện"}
_CITING_AFTER = re.compile(
    r"\s+(?:của|về|đã|thì|là|chưa|trước|tại|khoản\s+\d|điều\s+\d|chính là|hướng dẫn|để|nêu|"
    r"được|có|ban hành|quy định|ngày\s+\d)(?!\w)"
)
# A stop after the number cites only after a word that governs a document: "theo quyết định 326,"
# ("Thường vụ quyết định 5." is a verb)
_STOP_AFTER = re.compile(r"\s*(?:[.,;:)…\"”(]|$)")
_CITING_BEFORE = re.compile(
    r"(?:^|\W)(?:theo|của|tại|thực hiện|triển khai|ban hành|áp dụng|ra|các|những|trong|với)\s+$"
)

# Tests that a text may cite: each match of NUMBER holds a "/" before a capital, each of LAW
# "uật" (of "Luật", "luật"). On news text they take a fiftieth of the scans' time, and most
# texts then skip the scans.
_SLASH_CAPITAL = re.compile(r"/\s*[A-ZĐƯ]")


def find_legal_refs(text: str, *, lowered: str | None = None) -> list[dict]:
    """Every legal document cited in ``text`` with its offsets, type, number, year, issuer, key
    (``lowered``: the text by :func:`~analysis.normalize.lower_keeping_offsets`, if at hand)."""
    refs = []
    laws = _named_laws(text) if "uật" in text else []
    numbers = NUMBER.finditer(text) if _SLASH_CAPITAL.search(text) else ()
    for match in numbers:
        if _STANDARD.search(text, max(0, match.start() - 8), match.start()) or (
            _NOT_A_DOCUMENT.search(text, max(0, match.start() - 16), match.start())
        ):
            continue  # "QCVN 109/2017/BTTTT": a technical standard; "Tờ trình số 338/TT-ĐC"
        start, kind = _type_before(text, match.start(), laws)
        ref = _numbered(match.groupdict(), kind)
        if ref is not None:
            refs.append({"start": start, "end": match.end(), "raw": text[start : match.end()],
                         **ref})  # fmt: skip
    for match in LAW.finditer(text) if "uật" in text else ():
        if _CONVENTION.search(text, max(0, match.start() - 80), match.start()):
            continue  # "Công ước Liên hợp quốc về Luật Biển năm 1982" is no law of Vietnam
        kind = "bộ luật" if match[0].startswith("Bộ") else "luật"
        written = f"{match[0].split(match['name'])[0].strip()} {match['name']}"
        name = next((n for s, e, n in laws if s == match.start() and e == match.end("name")),
                    written)  # fmt: skip
        refs.append({
            "start": match.start(), "end": match.end(), "raw": match[0], "type": kind,
            "number": None, "year": int(match["year"]), "issuer": None,
            "key": f"{name} {match['year']}",
        })  # fmt: skip
    refs += _short_refs(text, lowered or lower_keeping_offsets(text), refs)
    refs += _laws_by_name(text, laws, refs)
    return sorted(refs, key=lambda ref: ref["start"])


def _type_before(text: str, at: int, laws: list[tuple[int, int, str]]) -> tuple[int, str | None]:
    """Where the citation of the number at ``at`` starts and the type word written before it:
    a type word, for a law with its name, however long if the name is in ``data/laws.yml``."""
    law = next((law for law in laws if _SỐ.fullmatch(text, law[1], at)), None)
    if law:
        return law[0], "bộ luật" if law[2].startswith("Bộ") else "luật"
    word = TYPE_BEFORE.search(text, max(0, at - 60), at)
    if word and word["name"] and word["word"].lower() not in ("luật", "bộ luật"):
        word = TYPE_BEFORE.search(text, max(0, at - 16), at)
    return (word.start(), word["word"].lower()) if word else (at, None)


_NOT_A_LAW_BEFORE = re.compile(r"(?:pháp|kỷ|quy|Bộ|bộ) $")  # "pháp luật", "quy luật", "Bộ luật"
_SỐ = re.compile(r"\s+(?:số\s+)?")
_STANDARD = re.compile(r"(?:QCVN|TCVN)\s*:?\s*$")
# A submission is no legal document, though its code TT reads as a thông tư's: "Tờ trình số
# 338/TT-ĐC" (but "văn bản số 219/TB-VPCP" is the thông báo it names)
_NOT_A_DOCUMENT = re.compile(r"[Tt]ờ trình(?:\s+số)?\s*$")
_CONVENTION = re.compile(r"Công ước\b[^.;:]*\bvề\s+$")
_YEAR_AFTER = re.compile(r",?\s+(?:năm\s+)?((?:19|20)\d\d)(?!\d)")  # "Bộ luật hình sự năm 2015"


@cache
def _law_automaton() -> tuple[ahocorasick.Automaton, int]:
    """Lower-cased written forms of the laws in ``data/laws.yml``, each with its name, and the
    length of the longest."""
    data = yaml.safe_load(files("analysis").joinpath("data/laws.yml").read_text("utf-8"))
    automaton, longest = ahocorasick.Automaton(), 0
    for written, name in {**{law: law for law in data["laws"]}, **data["aliases"]}.items():
        written, name = normalize_text(written), normalize_text(name)
        forms = {written, *spellings(written)}
        if ", " in written:  # "Thi đua , khen thưởng", "Thi đua - khen thưởng", "Thi đua-khen"
            forms |= {written.replace(", ", dash) for dash in (" , ", " - ", "-", " – ", "–")}
        for form in forms:
            automaton.add_word(form.lower(), (len(form), name))
            longest = max(longest, len(form))
    automaton.make_automaton()
    return automaton, longest


def _law_starts(text: str) -> list[tuple[int, bool]]:
    """Where a law may be named, and whether only with a year after its name: "Luật ", "Bộ
    luật ", "luật " before a capital ("dự án luật Hỗ trợ DNNVV"), and "luật " before a name in
    lower case with a year ("luật ban hành văn bản quy phạm pháp luật năm 2015"; not "luật đất
    đai"); never "kỷ luật Đảng", "pháp luật PCTN", "quy luật"."""
    starts = [(at, False) for at in occurrences(text, ("Luật ", "Bộ luật ", "Bộ Luật "))]
    for at in occurrences(text, ("luật ",)):
        if not _NOT_A_LAW_BEFORE.search(text, at - 6, at):
            starts.append((at, not text[at + 5 : at + 6].isupper()))
    return sorted(start for start in starts if not (start[0] and text[start[0] - 1].isalnum()))


def _named_laws(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each law of ``data/laws.yml`` named in ``text`` (see
    :func:`_law_starts`): the longest name that ends a syllable, none inside another."""
    automaton, longest = _law_automaton()
    found = []
    for start, needs_a_year in _law_starts(text):
        if found and start < found[-1][1]:
            continue  # "Luật hình sự" inside "Bộ Luật hình sự"
        window = lower_keeping_offsets(text[start : start + longest + 1])
        lengths = [(length, name) for last, (length, name) in automaton.iter(window)
                   if last + 1 == length and not window[length:][:1].isalnum()]  # fmt: skip
        if lengths:
            length, name = max(lengths)
            if not needs_a_year or _YEAR_AFTER.match(text, start + length):
                found.append((start, start + length, name))
    return found


def _laws_by_name(text: str, laws: list[tuple[int, int, str]], cited: list[dict]) -> list[dict]:
    """The laws of ``data/laws.yml`` named in ``text`` outside the ``cited`` ones, with the
    year written after the name if any. A year the text gives the law elsewhere is not taken:
    it may be the old law the new one replaces ("so với Luật Du lịch 2005")."""
    refs = []
    for start, end, name in laws:
        if any(r["start"] <= start < r["end"] for r in cited) or _CONVENTION.search(
            text, max(0, start - 80), start
        ):
            continue
        year = None
        if written := _YEAR_AFTER.match(text, end):  # a lower-case name: LAW missed its year
            year, end = int(written[1]), written.end()
        refs.append({
            "start": start, "end": end, "raw": text[start:end],
            "type": "bộ luật" if name.startswith("Bộ") else "luật", "number": None, "year": year,
            "issuer": None, "key": f"{name} {year}" if year else name,
        })  # fmt: skip
    return refs


def _short_refs(text: str, lowered: str, cited: list[dict]) -> list[dict]:
    """The short citations of ``text`` ("Nghị định 67"), outside the ``cited`` ones; each takes
    the key, year and issuer of the one full number of its type and number cited in ``text``
    (67/2014/NĐ-CP), else states what is written ("Nghị định 67")."""
    full: dict[tuple[str, str], list[dict]] = {}
    for ref in cited:
        if ref["number"] is not None:
            full.setdefault((ref["type"], ref["number"].lstrip("0")), []).append(ref)
    refs = []
    starts = occurrences(lowered, _SHORT_STARTS)
    for match in filter(None, (SHORT.match(text, start) for start in starts)):
        if any(r["start"] < match.end() and match.start() < r["end"] for r in cited):
            continue  # the start of a full number: "Nghị định 61 /2018/NĐ-CP"
        kind = (match["word"] or match["lower"]).lower()
        year = int(match["year"] or match["slash_year"] or 0) or None
        if (match["lower"] and kind not in _ONLY_NOUNS and not match["số"] and not year
                and not _cites(text, match.start(), match.end())):  # fmt: skip
            continue  # "quyết định 4 nhóm vấn đề": a verb
        same = [r for r in full.get((kind, match["number"].lstrip("0")), ())
                if year is None or r["year"] in (None, year)]  # fmt: skip
        known = same[0] if len({r["key"] for r in same}) == 1 else None
        refs.append({
            "start": match.start(), "end": match.end(), "raw": match[0], "type": kind,
            "number": match["number"], "year": known["year"] if known else year,
            "issuer": known["issuer"] if known else None,
            "key": known["key"] if known else _stated(kind, match["number"], year),
        })  # fmt: skip
    return refs


def _cites(text: str, start: int, end: int) -> bool:
    """Whether a lower-case type word that is also a verb, before a number at ``start:end``,
    names a document: words after it go on about one, or a stop follows after a word that
    governs one."""
    return bool(_CITING_AFTER.match(text, end)) or bool(
        _STOP_AFTER.match(text, end) and _CITING_BEFORE.search(text, max(0, start - 20), start)
    )


def _stated(kind: str, number: str, year: int | None) -> str:
    """The key of a short citation of no known full number: "Nghị quyết 35 năm 2017"."""
    return f"{kind[0].upper()}{kind[1:]} {number}" + (f" năm {year}" if year else "")


def _numbered(groups: dict, word: str | None) -> dict | None:
    number = groups["number"]
    code = groups["code"] or groups["code2"] or groups["code3"]
    code = _SPELLINGS.get(code, code)
    issuer = groups["issuer"] or groups["issuer2"] or groups["issuer3"] or groups["issuer4"]
    issuer = _SPELLINGS.get(issuer, issuer)
    year = groups["year"]
    if not code and issuer in _GLUED:
        code, issuer = _GLUED[issuer]
    elif not code and issuer in TYPE_CODES:  # "Nghị quyết 42/NQ": a code, no issuer
        code, issuer = issuer, None
    if (code and code not in TYPE_CODES or not (code or year)) and not word:
        return None  # "12-AB/XY", "12/UBND" without a type word are not known to be documents
    if groups["code"]:
        key = f"{number}-{code}/{issuer}"
    elif year:
        key = f"{number}/{year}/{code}-{issuer}" if code else f"{number}/{year}/{issuer}"
    else:
        key = f"{number}/{code}-{issuer}" if code and issuer else f"{number}/{code or issuer}"
    return {
        "type": _type(word, code),
        "number": number,
        "year": int(year) if year else None,
        "issuer": issuer,
        "key": key,
    }


def _type(word: str | None, code: str | None) -> str | None:
    """The type word when written ("Quy định 102-QĐ/TW" is a quy định), else the code's type;
    joint documents count as their kind ("thông tư liên tịch" as "thông tư")."""
    if word:
        return word.removesuffix(" liên tịch")
    return TYPE_CODES.get(code) if code else None


def extract_legal_refs(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``legal_refs`` table of an articles table: one row per citation."""
    return per_article(articles, lambda text, _: find_legal_refs(text), LEGAL_REFS_SCHEMA)
