"""Officials named in the text: a title ("Phó Thủ tướng Thường trực Chính phủ") and a person
("Trương Hòa Bình"), the title before the name or, after an honorific or a rank, following it
("ông Lê Hữu Hoàng, Phó Chủ tịch UBND tỉnh Khánh Hòa"). Titles and surnames are data
(``data/officials.yml``)."""

from __future__ import annotations

import itertools
import re
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd
import yaml

from .normalize import UPPER
from .patterns import WordStarts, alternatives, first_match, texts_matching
from .schema import OFFICIALS_SCHEMA, per_article
from .segment import dictionary


@cache
def _data() -> dict:
    return yaml.safe_load(files("analysis").joinpath("data/officials.yml").read_text("utf-8"))


@cache
def _titles() -> tuple[str, ...]:
    """The titles, each also with "Phó" before it (a deputy: "Phó Thống đốc") and with any of
    their words after the first in lower case or capitalised ("Phó thủ tướng", "Phó Tổng giám
    đốc", "Bộ Trưởng")."""
    titles = _data()["titles"]
    spellings = set()
    for title in {*titles, *(f"Phó {t}" for t in titles if not t.startswith("Phó "))}:
        first, *rest = title.split(" ")
        cases = [{word, word.lower(), word[0].upper() + word[1:]} for word in rest]
        spellings |= {" ".join((first, *words)) for words in itertools.product(*cases)}
    return tuple(sorted(spellings))


_STOPS = r"\s,.;:?!…()\[\]\"“”"  # what ends a word
_WORD = rf"(?:TP\.|Tp\.|[^{_STOPS}]+(?:\.[^{_STOPS}]+)*)"  # "TP.", "TP.HCM" too
_SYLLABLE_END = rf"(?=[{_STOPS}]|$)"
# What may stand between a title and a name but is no part of the title: "Tổng giám đốc là ông"
_HONORIFIC = re.compile(r"(?:\s+(?:[-–]\s*|là\s+)?(?:[Ôô]ng|[Bb]à))?\s*$")
# "nguyên" or "cựu" before a title: a former official ("nguyên Bộ trưởng"); capitalised only
# where no word comes before it ("Nguyên" is also a syllable of names: "Võ Nguyên Giáp")
_FORMER = r"(?:nguyên|cựu|(?<![^\W\d_] )(?:Nguyên|Cựu)) "
_FORMER_BEFORE = re.compile(rf"{_FORMER}$")
_FORMER_WORDS = ("nguyên ", "cựu ", "Nguyên ", "Cựu ")


def is_former(title: str) -> bool:
    """Whether ``title`` is a former official's ("nguyên Bộ trưởng")."""
    return title.startswith(_FORMER_WORDS)


def _former_before(text: str, at: int) -> str:
    """The "nguyên " or "cựu " written right before ``at``, or "" if there is none."""
    if not text.endswith(_FORMER_WORDS, 0, at):
        return ""
    former = _FORMER_BEFORE.search(text, max(0, at - 8), at)
    return former[0] if former else ""


@cache
def name_pattern() -> re.Pattern:
    """A person's name: a surname and one to three more capitalised syllables, all whole, none
    of them a word that is no name's ("Sau", "Theo", "Ông") or an abbreviation ("Đoàn TTVN")."""
    not_in_names, surname = alternatives(_data()["not_in_names"]), alternatives(_data()["surnames"])
    syllable = rf"(?!(?:{not_in_names}){_SYLLABLE_END}|[{UPPER}]{{2,}}{_SYLLABLE_END})[{UPPER}]"
    return re.compile(  # "Ông Phạm Minh Chính": an honorific, not the surname Ông
        rf"(?!(?:{not_in_names}) (?:{surname}){_SYLLABLE_END})(?:{surname}){_SYLLABLE_END}"
        rf"(?: {syllable}[^{_STOPS}]*{_SYLLABLE_END}){{1,3}}(?! {syllable})"
    )


@cache
def official_pattern() -> re.Pattern:
    """Title, up to ten more words of organisation, then a name: a Vietnamese one, or after a
    country or a title of foreign states only, a foreign one (group ``foreign``: "Thủ tướng
    Nhật Bản Shinzo Abe", "Tổng thống Moon Jae-in"). "ông" or "bà" may come before the name,
    but not after a word of ``takes_a_person``: "Bí thư Thành ủy thay ông Đinh La Thăng" names
    the one replaced; "tiếp" before a capital receives someone ("Chủ tịch Cuba Raul Castro tiếp
    Đại tướng ...", not "Trưởng ban tiếp công dân")."""
    clause = alternatives(_data()["not_in_titles"])
    takes = alternatives(_data()["takes_a_person"])
    another_person = rf"(?:{takes}) (?:ông|bà)(?!\w)|tiếp (?=[{UPPER}])"
    words = rf"(?: (?!{clause}(?!\w)|{another_person}){_WORD}){{0,10}}?"
    title = rf"{alternatives(_titles(), word_start=True)}{words}"
    countries, surnames = alternatives(_data()["countries"]), alternatives(_data()["surnames"])
    word = rf"(?!(?:{alternatives(_data()['not_in_names'])}){_SYLLABLE_END})[{UPPER}][^{_STOPS}]*"
    name = name_pattern().pattern
    not_before_a_name = rf"(?!{word} {name})"  # "Cai Lê Ngọc Hưng" of "tỉnh Lào Cai Lê Ngọc Hưng"
    abroad = "|".join(rf"(?<={re.escape(t)} )" for t in _data()["foreign_titles"])
    abroad = rf"(?:{abroad})(?!(?:{surnames}){_SYLLABLE_END})"  # not "Ngoại trưởng Phạm Bình Minh"
    not_a_name = rf"(?!(?:{countries}){_SYLLABLE_END}|[{UPPER}]{{2,}}{_SYLLABLE_END})"  # "LB Nga"
    foreign = (rf"(?:(?:{countries}) |{abroad}){not_a_name}{not_before_a_name}"
               rf"(?P<foreign>{word}(?: {word}){{1,3}}){_SYLLABLE_END}")  # fmt: skip
    name = rf"{not_a_name}(?P<name>{name})"  # not "Hà Lan Rutte"
    return re.compile(rf"(?P<title>{title}) (?:{foreign}|{name})")


def _abroad(title: str) -> bool:
    """Whether the first country named in ``title`` makes the official's state a foreign one:
    it is not Việt Nam ("Đại sứ Việt Nam tại Nhật Bản") nor the place of a post ("Đại sứ nước
    ta tại Trung Quốc") nor joined to "Việt" ("Tập đoàn Việt - Úc"), and it follows the title of
    office ("Tổng Thống Mỹ") or a word that is neither a place word nor a capitalised syllable
    ("Thủ tướng CHDCND Lào"; not "huyện Mỹ Đức", "Bệnh viện Việt Đức", "TX.Kỳ Anh")."""
    country = _country_pattern().search(title)
    if country is None or country[0] == "Việt Nam":
        return False
    before = title[: country.start()].rstrip(" -–")
    word = re.split(r"[\s.]", before)[-1]
    if word in ("tại", "Việt"):
        return False
    core = title_pattern().search(before)
    if core and core.end() == len(before):
        return True
    return word not in _word_set("place_words") and not _MIXED_CASE.match(word)


@cache
def foreign_title_pattern() -> re.Pattern:
    """A title only foreign states have ("Tổng thống", "Ngoại trưởng")."""
    return re.compile(rf"{alternatives(_data()['foreign_titles'], word_start=True)}(?!\w)")


@cache
def _country_pattern() -> re.Pattern:
    """A country, not one syllable of a longer word ("Pháp chế", "Anh hùng")."""
    countries = alternatives(_data()["countries"])
    return re.compile(rf"(?<!\w)(?:{countries})(?=$| [{UPPER}0-9]| tại |[,.;:)])")


@cache
def title_pattern() -> re.Pattern:
    """A bare title ("Phó Thủ tướng", "Bộ trưởng") standing for an official named before."""
    return re.compile(rf"{alternatives(_titles(), word_start=True)}(?!\w)")


@cache
def name_before_title_pattern() -> re.Pattern:
    """An honorific or a rank and a name, then a comma or a dash, up to where a title begins:
    "ông Lê Hữu Hoàng, " of "ông Lê Hữu Hoàng, Phó Chủ tịch ...", "nguyên" included."""
    lead = alternatives(_data()["before_a_name"], word_start=True)
    return re.compile(
        rf"{lead} (?P<name>{name_pattern().pattern})(?:\s*,\s*|\s+[-–]\s*)"
        rf"(?P<former>{_FORMER})?$"
    )


_SEPARATORS = (", ", "- ", "– ")
# One space-separated word after a title and whatever stop ends it
_NEXT_WORD = re.compile(rf" ((?:TP|Tp|TX|Q|H)\.(?= )|[^{_STOPS}]+(?:\.[^{_STOPS}]+)*)")  # "TP.HCM"
_CAPITALISED = re.compile(rf"[{UPPER}0-9]")
_MIXED_CASE = re.compile(rf"[{UPPER}][^{UPPER}]*$")  # "Văn", not "UBND" or "TP.HCM"


def _title_end(text: str, at: int) -> int:
    """The end of the title that starts with a title of office at ``at`` and follows a name:
    its organisation runs on through capitalised words, the lower-case words between them
    (``organisation_links``, ``organisation_ends``: "Phó Chủ tịch thường trực UBND tỉnh Khánh
    Hòa", "Sở Tài nguyên và Môi trường") and lower-case syllables that make a word with the
    capitalised one before them ("Bộ Văn hóa", "Tổng công ty"); it stops at a stop or at any
    other word ("... Khánh Hòa đã ký")."""
    end = title_pattern().match(text, at).end()
    stop_words, words = set(_data()["not_in_titles"]), dictionary()
    pending, previous = None, ""  # links waiting for a capitalised word; the last word taken
    for _ in range(12):
        at = pending or end
        if previous:  # "Văn hóa", "Tổng công ty": the rest of a word begun with a capital
            rest = _word_rest(text, at, previous, words)
            previous = ""
            if rest:
                end = rest
                continue
        link = _links().match(text, at)
        if link:
            pending = None if link["end"] else link.end()
            end = link.end() if link["end"] else end
            continue
        word = _NEXT_WORD.match(text, at)
        if word is None or word[1] in stop_words or not _CAPITALISED.match(word[1]):
            break
        end, pending = word.end(), None
        previous = word[1] if _MIXED_CASE.match(word[1]) else ""
    return end


def _word_rest(text: str, at: int, first: str, words: frozenset[str]) -> int | None:
    """The end of the one or two lower-case syllables at ``at`` that make a dictionary word
    with the syllable ``first`` before them."""
    one = _NEXT_WORD.match(text, at)
    if one is None or not one[1].islower():
        return None
    two = _NEXT_WORD.match(text, one.end())
    if two and f"{first.lower()} {one[1]} {two[1]}" in words:
        return two.end()
    return one.end() if f"{first.lower()} {one[1]}" in words else None


def _place_begun_before(text: str, at: int) -> bool:
    """A place word and one mixed-case syllable right before ``at`` ("quận Hoàng ")."""
    before = text[max(0, at - 24) : at - 1]
    syllable = before.rsplit(" ", 1)[-1]
    return bool(_MIXED_CASE.match(syllable)) and bool(
        _word_before(before, len(before) - len(syllable), "place_words")
    )


def _word_before(text: str, at: int, words: str) -> str | None:
    """The one- or two-word phrase of ``_data()[words]`` that ends right before ``at`` (a
    space between), if any: "quận" before "Hoàng Mai", "Trường" before "Lê Quý Đôn"."""
    before = text[max(0, at - 24) : at - 1].split(" ")
    for n in (1, 2):
        phrase = " ".join(before[-n:])
        if len(before) >= n and phrase in _word_set(words):
            return phrase
    return None


@cache
def _word_set(key: str) -> frozenset[str]:
    return frozenset(_data()[key])


@cache
def _links() -> re.Pattern:
    """A lower-case word of an organisation; the group ``end`` when it may end one."""
    links, ends = _data()["organisation_links"], _data()["organisation_ends"]
    return re.compile(
        rf" (?:(?P<end>{alternatives(ends)})|{alternatives(links)})(?=[ ,.;:?!)\]]|$)"
    )


@cache
def title_starts() -> WordStarts:
    """Where a title may begin: where :func:`official_pattern` and :func:`title_pattern` can
    match."""
    return WordStarts(_titles())


def may_name_officials(texts) -> np.ndarray:
    """Which ``texts`` hold a title of office at all ("Phó Thủ tướng", "Bộ trưởng": a quarter
    of the shared corpora's articles): only these can name an official or hold a directive."""
    return texts_matching(texts, "|".join(map(re.escape, _titles())))


def find_officials(text: str) -> list[dict]:
    """Each official named in ``text``: title, name, the offsets of the whole span (the title
    without an "ông", "bà" or "là ông" written before the name) and whether the official serves
    a foreign state or body (named after a country other than Việt Nam)."""
    found, at, starts = [], 0, title_starts()(text)
    while match := first_match(official_pattern(), text, starts, at):
        at = match.end()
        title, name, name_start = match["title"], match["name"], match.start("name")
        foreign = False
        if match["foreign"]:  # "Thủ tướng Nhật Bản Shinzo Abe": the country is in the title
            name, name_start = match["foreign"], match.start("foreign")
            title = text[match.start() : name_start].rstrip()
            foreign = _abroad(title) or not _country_pattern().search(title)  # "Tổng thống Moon"
        elif (province := _province_at(text, name_start)) is not None:
            # "UBND tỉnh Bình Dương Mai Hùng Dũng": the name follows the province
            after = name_pattern().match(text, province + 1)
            if after is None or text[province] != " ":
                at = match.start("name") + 1
                continue
            title, name, name_start = text[match.start() : province], after[0], after.start()
            at = after.end()
        elif _word_before(text, name_start, "place_words"):
            if name.count(" ") == 1:
                at = name_start + 1  # "quận Hoàng Mai": a place, not a person
                continue
        elif name.count(" ") == 3 and _place_begun_before(text, name_start):
            # "quận Hoàng Mai Nguyễn Hồng Thái": the first syllable ends the place's name
            after = name_pattern().match(text, name_start + name.find(" ") + 1)
            if after:
                name, name_start = after[0], after.start()
                title, at = text[match.start() : name_start], after.end()
        elif _word_before(text, name_start, "named_after_people"):
            at = name_start + 1  # "Trường THPT Lê Quý Đôn", "Công ty TNHH Hoàng Quốc Việt"
            continue
        # "Ủy viên Bộ Chính trị, Phó Thủ tướng ...": the last title before the name is the one
        cores = list(title_pattern().finditer(title))
        start = match.start() + (cores[-1].start() if len(cores) > 1 else 0)
        start -= len(_former_before(text, start))
        title = _HONORIFIC.sub("", text[start:name_start])
        found.append({"start": start, "end": name_start + len(name), "title": title, "name": name,
                      "foreign": foreign})  # fmt: skip
        if _PLURAL.search(text, start - 5, start):
            found += _listed_after(text, name_start + len(name), title, foreign)
            at = max(at, found[-1]["end"])
    return _with_titles_after_names(text, starts, found)


# Before a title held by several people named one after another: "các Phó Thủ tướng A, B và C"
_PLURAL = re.compile(r"(?<!\w)[Cc]ác $")


@cache
def _listed_name() -> re.Pattern:
    return re.compile(rf"(?:, | và )(?P<name>{name_pattern().pattern})")


def _listed_after(text: str, at: int, title: str, foreign: bool) -> list[dict]:
    """The officials named at ``at`` in a list after one whose ``title`` is plural: "các Phó
    Thủ tướng Trịnh Đình Dũng, Vũ Đức Đam" (not a province: "... và Hà Nội")."""
    listed = []
    while name := _listed_name().match(text, at):
        if _province_at(text, name.start("name")) is not None:
            break
        listed.append({"start": name.start("name"), "end": name.end(), "title": title,
                       "name": name["name"], "foreign": foreign})  # fmt: skip
        at = name.end()
    return listed


def _with_titles_after_names(text: str, starts: list[int], found: list[dict]) -> list[dict]:
    """``found`` and the officials named before their title, in order: "ông Lê Hữu Hoàng, Phó
    Chủ tịch UBND tỉnh Khánh Hòa", "Đại tướng Ngô Xuân Lịch - Bộ trưởng Bộ Quốc phòng". The span
    runs from the name to the end of the title. A name already given a title before it keeps
    that one; a title that runs over another official is that one's ("đồng chí Võ Văn
    Thưởng, nguyên Chủ tịch Quốc hội Nguyễn Sinh Hùng": two people)."""
    named = {official["end"] for official in found}
    for start in starts:
        if text[start - 2 : start] not in _SEPARATORS:
            head = start - len(_former_before(text, start))  # ", nguyên Bộ trưởng"
            if head == start or text[head - 2 : head] not in _SEPARATORS:
                continue  # no comma or dash right before: no name before this title (most)
        lead = name_before_title_pattern().search(text, max(0, start - 70), start)
        if lead is None or lead.end("name") in named or title_pattern().match(text, start) is None:
            continue
        end = _title_end(text, start)
        title_start = lead.start("former") if lead["former"] else start
        if any(title_start <= official["start"] < end for official in found):
            continue
        title = text[title_start:end]
        found.append({"start": lead.start("name"), "end": end, "title": title,
                      "name": lead["name"], "foreign": _abroad(title)})  # fmt: skip
        named.add(lead.end("name"))
    return sorted(found, key=lambda official: official["start"])


def _province_at(text: str, at: int) -> int | None:
    """The end of a province name covering position ``at`` ("Bình Dương" for "Dương"), if any;
    a bare name that needs a prefix to be the province is none ("Chủ tịch Hồ Chí Minh")."""
    from .provinces import _candidates, _rules

    left = max(0, at - 25)
    for start, end, name in _candidates(text[left : at + 40]):
        prefix = _rules().needs_prefix.get(name)
        if prefix and not prefix.search(text, max(0, left + start - 24), left + start):
            continue
        if left + start <= at < left + end:
            return left + end
    return None


def extract_officials(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``officials`` table of an articles table."""
    titled = articles[may_name_officials(articles["text"])]
    return per_article(titled, lambda text, _: find_officials(text), OFFICIALS_SCHEMA)
