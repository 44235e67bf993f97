"""Officials named in the text: a title ("Phó Thủ tướng Thường trực Chính phủ") and a person
("Trương Hòa Bình"). Titles and surnames are data (``data/officials.yml``)."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import pandas as pd
import yaml

from .schema import OFFICIALS_SCHEMA

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"


@cache
def _data() -> dict:
    return yaml.safe_load(files("analysis").joinpath("data/officials.yml").read_text("utf-8"))


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def official_pattern() -> re.Pattern:
    """Title, up to eight more words of organisation, then a name (surname + 1-3 syllables)."""
    data = _data()
    title = rf"(?P<title>(?<!\w)(?:{_alternatives(data['titles'])})(?: [^\s,.;:()\"“”]+){{0,8}}?)"
    name = (rf"(?P<name>(?:{_alternatives(data['surnames'])})"
            rf"(?: [{UPPER}][^\s,.;:()\"“”]*){{1,3}})(?! [{UPPER}])")  # fmt: skip
    return re.compile(rf"{title} {name}")


@cache
def title_pattern() -> re.Pattern:
    """A bare title ("Phó Thủ tướng", "Bộ trưởng") standing for an official named before."""
    return re.compile(rf"(?<!\w)(?:{_alternatives(_data()['titles'])})(?!\w)")


def find_officials(text: str) -> list[dict]:
    """Each official named in ``text``: title, name and the offsets of the whole span."""
    found = []
    for match in official_pattern().finditer(text):
        title = match["title"]
        # "Ủy viên Bộ Chính trị, Phó Thủ tướng ...": the last title before the name is the one
        cores = list(title_pattern().finditer(title))
        if len(cores) > 1:
            title = title[cores[-1].start() :]
        start = match.start("title") + (len(match["title"]) - len(title))
        found.append({"start": start, "end": match.end(), "title": title, "name": match["name"]})
    return found


def extract_officials(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``officials`` table of an articles table."""
    rows = [
        {"doc_id": doc_id, **official}
        for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True)
        for official in find_officials(text)
    ]
    return pd.DataFrame(rows, columns=OFFICIALS_SCHEMA.names)
