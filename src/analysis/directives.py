"""Directives: the sentences in which an official directs someone, with issuer, addressee,
themes and cited documents.

A directive list starts with a sentence where an official (or a title standing for one named
earlier, or "Đồng chí ...") "yêu cầu", "đề nghị", "chỉ đạo" or "giao"; it goes on through the
sentences and paragraphs that continue it ("Đồng thời ...", "Bên cạnh đó ...", "Tỉnh cần ...",
"Tăng cường ...") and ends at a paragraph that reports instead of directing. The wording is
data (``data/directives.yml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd
import yaml

from .legal_refs import find_legal_refs
from .officials import UPPER, find_officials, title_pattern
from .provinces import find_mentions
from .schema import DIRECTIVES_SCHEMA
from .themes import ThemeMatcher

_SENTENCE_BREAK = re.compile(rf"(?<=[.!?…])[\"”]?\s+(?=[\"“(]?[{UPPER}])|\n")


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence of ``text``."""
    spans, paragraph, start = [], 0, 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start(), paragraph))
        paragraph += match[0] == "\n"
        start = match.end()
    if start < len(text):
        spans.append((start, len(text), paragraph))
    return spans


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Rules:
    verb: re.Pattern
    not_verb: re.Pattern
    passive: str
    marker: re.Pattern
    obligation: re.Pattern
    imperative: re.Pattern
    reporting: re.Pattern
    organisation: re.Pattern
    general: re.Pattern
    provincial: re.Pattern


@cache
def _rules() -> _Rules:
    data = yaml.safe_load(files("analysis").joinpath("data/directives.yml").read_text("utf-8"))

    def words(key: str, flags: int = 0) -> re.Pattern:
        return re.compile(rf"(?<!\w)(?:{_alternatives(data[key])})(?!\w)", flags)

    return _Rules(
        verb=words("verbs"),
        not_verb=words("not_verbs", re.IGNORECASE),
        passive=data["passive"],
        marker=re.compile(rf"(?:{_alternatives(data['markers'])})(?!\w)"),
        obligation=words("obligations"),
        imperative=re.compile(rf"(?:{_alternatives(data['imperatives'])})(?!\w)"),
        reporting=words("reporting", re.IGNORECASE),
        organisation=re.compile(  # "Bộ Thông tin và Truyền thông" up to "hướng dẫn ..."
            rf"(?<!\w)(?:{_alternatives(data['org_words'])})(?: .+?)?"
            rf"(?= (?:{_alternatives(data['org_ends'])})(?!\w)|[.;:]|$)"
        ),
        general=words("general", re.IGNORECASE),
        provincial=words("provincial"),
    )


def find_directives(
    text: str, published: pd.Timestamp | None = None, *, themes: ThemeMatcher | None = None
) -> list[dict]:
    """The directive sentences of one article (``text`` as stored by ingest)."""
    rules, themes = _rules(), themes or ThemeMatcher()
    officials = find_officials(text)
    mentions = find_mentions(text, published)
    main_province = _main_province(mentions)
    directives: list[dict] = []
    issuer = addressee = None
    list_paragraph = -1
    for start, end, paragraph in sentences(text):
        if paragraph == 0:
            continue  # the title restates the article's directive
        sentence = text[start:end]
        head = _head(sentence, start, officials, rules)
        if head is not None:
            verb_end, issuer = head[0], head[1]
            addressee = _addressee(text, verb_end, end, mentions, main_province, rules)
            continuation, list_paragraph = False, paragraph
        elif issuer and f" {rules.passive} " in f" {sentence} ":
            addressee = sentence.split(f" {rules.passive} ", 1)[0].strip() or addressee
            continuation, list_paragraph = False, paragraph
        elif issuer and _continues(sentence, paragraph == list_paragraph, rules):
            continuation, list_paragraph = True, paragraph
        else:
            if issuer and paragraph != list_paragraph:
                issuer = addressee = None  # a paragraph that reports ends the list
            continue
        directives.append({
            "start": start, "end": end, "text": sentence, "issuer": issuer,
            "addressee": addressee, "continuation": continuation,
            "themes": sorted({t for t, s, e in themes.spans(sentence)}),
            "legal_refs": [ref["key"] for ref in find_legal_refs(sentence)],
        })  # fmt: skip
    return directives


def _head(sentence: str, offset: int, officials: list[dict], rules: _Rules):
    """(end of the verb, issuer) when an official directs in this sentence."""
    for verb in rules.verb.finditer(sentence):
        around = sentence[max(0, verb.start() - 16) : verb.end() + 16]
        if any(m.start() <= verb.start() - max(0, verb.start() - 16) < m.end()
               for m in rules.not_verb.finditer(around)):  # fmt: skip
            continue
        if verb[0] == "giao" and not re.match(rf" [{UPPER}]", sentence[verb.end() :]):
            continue  # "giao" directs only an organisation: "giao Văn phòng Chính phủ ..."
        issuer = _issuer(sentence[: verb.start()], offset, officials)
        if issuer:
            return offset + verb.end(), issuer
    return None


def _issuer(before: str, offset: int, officials: list[dict]) -> str | None:
    """Who speaks in ``before`` (the sentence up to the verb), in full as named in the article."""
    fullest = {}
    for official in officials:
        name = official["name"]
        if len(official["title"]) > len(fullest.get(name, "")):
            fullest[name] = official["title"]
    here = [o for o in officials if offset <= o["start"] < offset + len(before)]
    if here:
        name = here[-1]["name"]
        return f"{fullest[name]} {name}"
    named = re.search(rf"Đồng chí ((?:[{UPPER}]\w* ?){{2,4}})", before)
    if named:
        name = named[1].strip()
        return f"{fullest[name]} {name}" if name in fullest else name
    titles = list(title_pattern().finditer(before))
    if not titles:
        return None
    title = titles[-1][0]
    earlier = [o for o in officials if o["start"] < offset and title in o["title"]]
    chosen = earlier[-1] if earlier else next((o for o in officials if title in o["title"]), None)
    return f"{fullest[chosen['name']]} {chosen['name']}" if chosen else title


def _addressee(text: str, start: int, end: int, mentions: list[dict], main: str | None,
               rules: _Rules) -> str | None:  # fmt: skip
    """What the verb at ``start`` addresses: everyone, an organisation or a province (the
    article's main province when the sentence names none)."""
    segment = text[start:end]
    after = segment.lstrip()
    offset = start + len(segment) - len(after)  # where ``after`` starts in ``text``
    general = rules.general.match(after)
    if general:
        return "các cấp chính quyền" if "chính quyền" in general[0] else general[0]
    organisation = rules.organisation.match(after)
    near = [m for m in mentions if offset <= m["start"] < min(end, offset + 40)]
    if organisation:
        inside = [m for m in near if m["start"] < offset + organisation.end()]
        if inside:
            return _province_name(inside[0])
        if rules.provincial.search(organisation[0]):
            return main  # "Tỉnh ủy", "Ban Dân vận Tỉnh ủy": the province's own bodies
        return organisation[0].strip()
    return _province_name(near[0]) if near else main


def _continues(sentence: str, same_paragraph: bool, rules: _Rules) -> bool:
    if rules.marker.match(sentence) or rules.imperative.match(sentence):
        return True
    if rules.reporting.search(sentence):
        return False
    return same_paragraph or bool(rules.obligation.search(sentence))


def _province_name(mention: dict) -> str:
    return mention["name_2025"] if mention["system"] == "34" else mention["province_name"]


def _main_province(mentions: list[dict]) -> str | None:
    counts = Counter(_province_name(m) for m in mentions)
    return counts.most_common(1)[0][0] if counts else None


def extract_directives(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``directives`` table of an articles table."""
    themes = ThemeMatcher()
    rows = [
        {"doc_id": doc_id, **directive}
        for doc_id, text, published in zip(
            articles["doc_id"], articles["text"], articles["published"], strict=True
        )
        for directive in find_directives(text, published, themes=themes)
    ]
    return pd.DataFrame(rows, columns=DIRECTIVES_SCHEMA.names)
