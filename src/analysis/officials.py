"""Officials named in the text: a title ("Phó Thủ tướng Thường trực Chính phủ") and a person
("Trương Hòa Bình"). Titles and surnames are data (``data/officials.yml``)."""

from __future__ import annotations

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


def _titles() -> list[str]:
    """The titles, also as written with only the first letter upper-case ("Phó thủ tướng")."""
    titles = _data()["titles"]
    return sorted({*titles, *(t[0] + t[1:].lower() for t in titles)})


# A foreign name after a country: one to four capitalised words ("Mark Rutte", "Prayut Chan-ocha")
_FOREIGN_NAME = re.compile(rf" ([{UPPER}][^\s,.;:()\"“”]*(?: [{UPPER}][^\s,.;:()\"“”]*){{0,3}})")
_WORD = r"(?:TP\.|Tp\.|[^\s,.;:()\"“”]+(?:\.[^\s,.;:()\"“”]+)*)"  # "TP.", "TP.HCM" too
_SYLLABLE_END = r"(?=[\s,.;:()\"“”]|$)"


@cache
def name_pattern() -> re.Pattern:
    """A person's name: a surname and one to three more capitalised syllables, all whole."""
    return re.compile(
        rf"(?:{alternatives(_data()['surnames'])}){_SYLLABLE_END}"
        rf"(?: [{UPPER}][^\s,.;:()\"“”]*{_SYLLABLE_END}){{1,3}}(?! [{UPPER}])"
    )


@cache
def official_pattern() -> re.Pattern:
    """Title, up to ten more words of organisation, then a name."""
    clause = alternatives(_data()["not_in_titles"])
    title = rf"{alternatives(_titles(), word_start=True)}(?: (?!{clause}(?!\w)){_WORD}){{0,10}}?"
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
    """Each official named in ``text``: title, name and the offsets of the whole span."""
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
        found.append({"start": start, "end": name_start + len(name),
                      "title": text[start : name_start].strip(), "name": name})  # fmt: skip
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
