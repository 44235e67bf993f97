"""Province mentions: which provinces an article names, in the 63-province system (until
30 June 2025) and the 34-province system (from 1 July 2025, Resolution 202/2025/QH15).

Names, codes, centroids and the merger come from ``vietnamadminunits``; the aliases of news
text and the data of the trap rules are in ``data/provinces.yml``. A candidate name found by a
multi-pattern scan is dropped when a rule says it names something else: a phrase such as
"Thái Bình Dương", a bare "Hồ Chí Minh" (the person), a place inside a province ("huyện Quảng
Ninh"), a person ("anh Bình Định"), a place abroad ("Hà Nam (Trung Quốc)"); and, when a
capitalised word touches it, unless word segmentation keeps it a word of its own ("Trương Hòa
Bình" is one name).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import ahocorasick
import pandas as pd
import yaml

from .dates import TIMEZONE, parse_published
from .normalize import UPPER, lower_keeping_offsets, normalize_text
from .patterns import alternatives
from .schema import PROVINCE_MENTIONS_SCHEMA, per_article
from .segment import is_one_word
from .terms import spellings

MERGER = pd.Timestamp("2025-07-01", tz=TIMEZONE)  # the 34-province system applies from here


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Gazetteer:
    """Both systems of provinces and how the 63 merged into the 34."""

    legacy: dict[str, Unit]  # the 63, by short name
    current: dict[str, Unit]  # the 34, by short name
    merged_into: dict[str, str]  # 63 name -> 34 name

    @property
    def unchanged(self) -> frozenset[str]:
        """The 34 units that are exactly one old province of the same name."""
        sources: dict[str, list[str]] = {}
        for old, new in self.merged_into.items():
            sources.setdefault(new, []).append(old)
        return frozenset(new for new, olds in sources.items() if olds == [new])


@cache
def load_gazetteer() -> Gazetteer:
    from vietnamadminunits import convert_address

    database = files("vietnamadminunits").joinpath("data/dataset.db")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        query = ("select provinceShort, provinceCode, provinceLat, provinceLon, min(ward), "
                 "province from {} group by provinceCode")  # fmt: skip
        legacy = db.execute(query.format("admin_units_legacy")).fetchall()
        current = db.execute(query.format("admin_units")).fetchall()
    merged_into = {
        name: convert_address(f"{ward}, {province}").short_province
        for name, _, _, _, ward, province in legacy
    }
    return Gazetteer(
        legacy={row[0]: Unit(row[1], row[0], row[2], row[3]) for row in legacy},
        current={row[0]: Unit(row[1], row[0], row[2], row[3]) for row in current},
        merged_into=merged_into,
    )


_UNIT_WORDS = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s*", re.IGNORECASE)


def province_named(name: str) -> str | None:
    """The short name (either system) that ``name`` as a person types it refers to: any case,
    an alias ("TP.HCM", "Đắc Lắc") or a "tỉnh"/"thành phố" prefix; None when it is no province."""
    by_lower = {surface.casefold(): short for surface, short in _rules().surfaces.items()}
    key = normalize_text(name).strip().casefold()
    return by_lower.get(key) or by_lower.get(_UNIT_WORDS.sub("", key))


def _words(items) -> re.Pattern:
    """Matches text that ends with one of the words ``items``."""
    return re.compile(rf"(?:^|(?<=[^\w.])){alternatives(items)}\s*$")


@dataclass(frozen=True)
class _Rules:
    surfaces: dict[str, str]  # surface as written -> short name
    needs_prefix: dict[str, re.Pattern]
    not_mentions: ahocorasick.Automaton  # lower-cased phrases that only look like a name
    place_words: re.Pattern
    city_words: re.Pattern
    province_level_cities: frozenset[str]
    person_words: re.Pattern
    organisation_words: re.Pattern
    company: re.Pattern
    person_names: re.Pattern
    province_words: re.Pattern
    product_words: re.Pattern
    club: re.Pattern
    abroad: re.Pattern
    old_suffix: re.Pattern
    list_joiner: re.Pattern


def _company_pattern(company_words: list[str], not_in_names: list[str]) -> re.Pattern:
    """Text that ends in a company's name before a province's: "Tổng công ty Vận tải "."""
    first = rf"(?:cổ phần|[{UPPER}])[^\s,.;:()]*"
    more = rf"(?: (?!(?:{alternatives(not_in_names)})(?!\w))[^\s,.;:()]+){{0,3}}"
    return re.compile(rf"(?:^|(?<=[^\w.])){alternatives(company_words)} {first}{more} $")


@cache
def _rules() -> _Rules:
    data = yaml.safe_load(files("analysis").joinpath("data/provinces.yml").read_text("utf-8"))
    gazetteer = load_gazetteer()
    names = {name: name for name in [*gazetteer.legacy, *gazetteer.current]}
    for name, aliases in data["aliases"].items():
        names.update({normalize_text(alias): name for alias in aliases})
    names |= {variant: name for surface, name in list(names.items())
              for variant in spellings(surface)}  # fmt: skip
    surfaces = {**names, **{surface.upper(): name for surface, name in names.items()}}
    not_mentions = ahocorasick.Automaton()
    for phrase in data["not_mentions"]:
        phrase = normalize_text(phrase).lower()
        not_mentions.add_word(phrase, len(phrase))
    not_mentions.make_automaton()
    abroad = "|".join(re.escape(place) for place in data["abroad"])
    return _Rules(
        surfaces=surfaces,
        needs_prefix={name: _words(words) for name, words in data["needs_prefix"].items()},
        not_mentions=not_mentions,
        place_words=_words(data["place_words"]),
        city_words=_words(data["city_words"]),
        province_level_cities=frozenset(data["province_level_cities"]),
        person_words=_words(data["person_words"]),
        organisation_words=_words(data["organisation_words"]),
        company=_company_pattern(data["company_words"], data["not_in_company_names"]),
        person_names=_words(data["person_names"]),
        province_words=_words(data["province_words"]),
        product_words=_words(data["product_words"]),
        club=re.compile(r"\s+(?:{})(?!\w)".format("|".join(map(re.escape, data["club_suffixes"])))),
        abroad=re.compile(  # "(Trung Quốc)", ", Trung Quốc" (not a list: ", Lào và ...")
            rf"\s*(?:\(\s*|,\s*|của\s+)(?:{abroad})(?!\w| [{UPPER}])(?!\s*(?:,|và\b))"
        ),
        old_suffix=re.compile(
            r"\s*(?:{})(?!\w)".format("|".join(map(re.escape, data["old_name_suffixes"])))
        ),
        list_joiner=re.compile(
            r"\s*(?:{})\s*(?:(?:{})\s+)?".format(
                "|".join(map(re.escape, data["list_joiners"])),
                "|".join(map(re.escape, [*data["province_words"], *data["city_words"]])),
            )
        ),
    )


@cache
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for surface, name in _rules().surfaces.items():
        automaton.add_word(surface, (surface, name))
    automaton.make_automaton()
    return automaton


def _candidates(text: str):
    """(start, end, name) of every province surface standing as whole syllables."""
    for last, (surface, name) in _automaton().iter_long(text):
        start, end = last - len(surface) + 1, last + 1
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        yield start, end, name


_BYLINE_BEFORE = re.compile(r"(?:(?<![A-ZĐ])(?<!Tp)[.!?…\"”]\s+|\n)$")  # not after "TP."
_BYLINE_AFTER = re.compile(r"[\s.]*")
_BEFORE = 24  # characters looked at before a candidate
_COMPANY_BEFORE = 48  # and for a company's name ("Công ty Vàng bạc Đá quý Sài Gòn")


def is_mention(text: str, start: int, end: int, name: str, covered: list[tuple[int, int]]) -> bool:
    """Whether the candidate ``text[start:end]`` (province ``name``) names the province."""
    rules = _rules()
    before = text[max(0, start - _BEFORE) : start]
    if any(s <= start < e for s, e in covered):
        return False  # inside "Thái Bình Dương", "Dược Hậu Giang", ...
    if rules.abroad.match(text, end) or rules.club.match(text, end):
        return False  # "Hà Nam (Trung Quốc)", "Hà Nội FC"
    if _BYLINE_AFTER.fullmatch(text, end) and _BYLINE_BEFORE.search(text, max(0, start - 3), start):
        return False  # "... đấu giá. Khánh Hòa": where the report was filed, at its very end
    if rules.province_words.search(before) or rules.product_words.search(before):
        return True  # "tỉnh Thái Bình", "Trà Thái Nguyên": whatever comes around it
    prefix = rules.needs_prefix.get(name)
    if prefix and text[start:end].upper() == name.upper() and not prefix.search(before):
        return False  # "Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh"
    if rules.city_words.search(before):
        if name not in rules.province_level_cities:
            return False  # "TP Thái Bình", a city inside its province
    elif any(words.search(before) for words in
             (rules.place_words, rules.person_words, rules.organisation_words)) or (
        rules.company.search(text, max(0, start - _COMPANY_BEFORE), start)
    ):  # fmt: skip
        return False  # "huyện Quảng Ninh", "anh Bình Định", "Bia Sài Gòn", "Công ty Vận tải Hà Nội"
    if not _PLAIN_NAME.fullmatch(text, start, end):
        return True  # "TP.HCM", "BR-VT" are no part of a person's or another name
    if rules.person_names.search(before):
        return False  # "Trương Hòa Bình", "Lê Thị Hà Giang"
    if _touches_a_name(text, start, end):
        return is_one_word(text, start, end)  # "Thái Bình Dương" is one word
    return True


# Names spelled as capitalised syllables can be part of a longer name; "TP.HCM", "BR-VT" cannot.
_PLAIN_NAME = re.compile(r"[^\W\d_][^\W\d_A-ZĐ]*(?: [^\W\d_][^\W\d_A-ZĐ]*)*")


_TITLE_WORD_BEFORE = re.compile(r"(?:^|\W)([^\W\d_][^\W\d_]*) $")
_TITLE_WORD_AFTER = re.compile(r" ([^\W\d_]+)")


def _touches_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word (not an abbreviation) right before or after, one space away."""
    before = _TITLE_WORD_BEFORE.search(text, max(0, start - 20), start)
    after = _TITLE_WORD_AFTER.match(text, end)
    return any(m and m[1][0].isupper() and not m[1].isupper() for m in (before, after))


def find_mentions(
    text: str, published: pd.Timestamp | None = None, *, lowered: str | None = None
) -> list[dict]:
    """Province mentions in ``text`` with offsets, surface and the unit in both systems.

    ``published`` decides the system: from 1 July 2025 a name of one of the 34 units means that
    unit, unless followed by "(cũ)"; before, and when the date is unknown, names are of the 63.
    ``lowered``: the text by :func:`~analysis.normalize.lower_keeping_offsets`, if at hand.
    """
    rules, gazetteer = _rules(), load_gazetteer()
    published = parse_published(published)  # a string, a date, a naive time: Vietnam time
    after_merger = published is not None and published >= MERGER
    candidates = list(_candidates(text))
    covered = (
        _phrases_around_names(lowered or lower_keeping_offsets(text), rules) if candidates else []
    )
    found = [(s, e, n) for s, e, n in candidates if is_mention(text, s, e, n, covered)]
    marked_old = _marked_old(text, found, rules)
    mentions = []
    for (start, end, name), old_name_marked in zip(found, marked_old, strict=True):
        if after_merger and not old_name_marked and name in gazetteer.current:
            system, old, new = "34", name if name in gazetteer.unchanged else None, name
        else:
            system, old, new = "63", name, gazetteer.merged_into[name]
        mentions.append({
            "start": start, "end": end, "surface": text[start:end], "system": system,
            "province_code": gazetteer.legacy[old].code if old else None,
            "province_name": old,
            "code_2025": gazetteer.current[new].code, "name_2025": new,
        })  # fmt: skip
    return mentions


def _phrases_around_names(lowered: str, rules: _Rules) -> list[tuple[int, int]]:
    """(start, end) of each phrase that holds a name but means something else, any case."""
    return [(last - n + 1, last + 1) for last, n in rules.not_mentions.iter(lowered)]


def _marked_old(text: str, found: list[tuple[int, int, str]], rules: _Rules) -> list[bool]:
    """Which names carry "(cũ)", themselves or as part of a list that ends with it."""
    marked = [rules.old_suffix.match(text, end) is not None for _, end, _ in found]
    for i in range(len(found) - 2, -1, -1):  # from the end: a list inherits its last name's mark
        joined = rules.list_joiner.fullmatch(text, found[i][1], found[i + 1][0])
        if marked[i + 1] and joined:
            marked[i] = True
    return marked


def extract_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``province_mentions`` table of an articles table."""
    return per_article(articles, find_mentions, PROVINCE_MENTIONS_SCHEMA)
