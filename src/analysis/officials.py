"""Officials named in the text: a title ("Phó Thủ tướng Thường trực Chính phủ") and a person
("Trương Hòa Bình"). Titles and surnames are data (``data/officials.yml``)."""

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


@cache
def _data() -> dict:
    return yaml.safe_load(files("analysis").joinpath("data/officials.yml").read_text("utf-8"))


@cache
def _titles() -> tuple[str, ...]:
    """The titles, each also with "Phó" before it (a deputy: "Phó Thống đốc") and with any of
    their words after the first in lower case ("Phó thủ tướng", "Phó Tổng giám đốc")."""
    titles = _data()["titles"]
    spellings = set()
    for title in {*titles, *(f"Phó {t}" for t in titles if not t.startswith("Phó "))}:
        first, *rest = title.split(" ")
        cases = [(word, word.lower()) for word in rest]
        spellings |= {" ".join((first, *words)) for words in itertools.product(*cases)}
    return tuple(sorted(spellings))


# A foreign name after a country: one to four capitalised words ("Mark Rutte", "Prayut Chan-ocha")
_STOPS = r"\s,.;:?!…()\[\]\"“”"  # what ends a word
_FOREIGN_NAME = re.compile(rf" ([{UPPER}][^{_STOPS}]*(?: [{UPPER}][^{_STOPS}]*){{0,3}})")
_WORD = rf"(?:TP\.|Tp\.|[^{_STOPS}]+(?:\.[^{_STOPS}]+)*)"  # "TP.", "TP.HCM" too
_SYLLABLE_END = rf"(?=[{_STOPS}]|$)"
# What may stand between a title and a name but is no part of the title: "Tổng giám đốc là ông"
_HONORIFIC = re.compile(r"(?:\s+(?:[-–]\s*|là\s+)?(?:[Ôô]ng|[Bb]à))?\s*$")


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
    """Title, up to ten more words of organisation, then a name. "ông" or "bà" may come before
    the name, but not after a word of ``takes_a_person``: "Bí thư Thành ủy thay ông Đinh La
    Thăng" names the one replaced; "tiếp" before a capital receives someone ("Chủ tịch Cuba
    Raul Castro tiếp Đại tướng ...", not "Trưởng ban tiếp công dân")."""
    clause = alternatives(_data()["not_in_titles"])
    takes = alternatives(_data()["takes_a_person"])
    another_person = rf"(?:{takes}) (?:ông|bà)(?!\w)|tiếp (?=[{UPPER}])"
    words = rf"(?: (?!{clause}(?!\w)|{another_person}){_WORD}){{0,10}}?"
    title = rf"{alternatives(_titles(), word_start=True)}{words}"
    return re.compile(rf"(?P<title>{title}) (?P<name>{name_pattern().pattern})")


@cache
def title_pattern() -> re.Pattern:
    """A bare title ("Phó Thủ tướng", "Bộ trưởng") standing for an official named before."""
    return re.compile(rf"{alternatives(_titles(), word_start=True)}(?!\w)")


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
    """Each official named in ``text``: title, name and the offsets of the whole span (the
    title without an "ông", "bà" or "là ông" written before the name)."""
    found, at, starts = [], 0, title_starts()(text)
    while match := first_match(official_pattern(), text, starts, at):
        at = match.end()
        title, name, name_start = match["title"], match["name"], match.start("name")
        province = _province_at(text, name_start)
        if province is not None:  # "UBND tỉnh Bình Dương Mai Hùng Dũng": the name follows it
            after = name_pattern().match(text, province + 1)
            if after is None or text[province] != " ":
                at = match.start("name") + 1
                continue
            title, name, name_start = text[match.start() : province], after[0], after.start()
            at = after.end()
        country = next((c for c in _data()["countries"] if f"{name} ".startswith(f"{c} ")), None)
        if country:  # "Thủ tướng Hà Lan Mark Rutte": the country is part of the title
            after = _FOREIGN_NAME.match(text, name_start + len(country))
            if after is None:
                at = name_start + 1
                continue
            title, name, name_start = text[match.start() : after.start(1)], after[1], after.start(1)
            at = after.end()
        # "Ủy viên Bộ Chính trị, Phó Thủ tướng ...": the last title before the name is the one
        cores = list(title_pattern().finditer(title))
        start = match.start() + (cores[-1].start() if len(cores) > 1 else 0)
        title = _HONORIFIC.sub("", text[start:name_start])
        found.append({"start": start, "end": name_start + len(name), "title": title, "name": name})
    return found


def _province_at(text: str, at: int) -> int | None:
    """The end of a province name covering position ``at`` ("Bình Dương" for "Dương"), if any."""
    from .provinces import _candidates

    left = max(0, at - 25)
    for start, end, _ in _candidates(text[left : at + 40]):
        if left + start <= at < left + end:
            return left + end
    return None


def extract_officials(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``officials`` table of an articles table."""
    titled = articles[may_name_officials(articles["text"])]
    return per_article(titled, lambda text, _: find_officials(text), OFFICIALS_SCHEMA)
