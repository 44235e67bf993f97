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
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd
import yaml

from .legal_refs import find_legal_refs
from .normalize import UPPER
from .officials import (
    find_officials,
    foreign_title_pattern,
    is_former,
    may_name_officials,
    title_pattern,
    title_starts,
)
from .patterns import alternatives, first_match, occurrences
from .provinces import find_mentions
from .schema import DIRECTIVES_SCHEMA, per_article
from .themes import ThemeMatcher

# A break starts at the stop, which the scanner finds at once (4x faster than a look-behind)
_SENTENCE_BREAK = re.compile(rf"[.!?…\n](?:(?<=\n)|[\"”]?\s+(?=[\"“(]?[{UPPER}]))")
# No sentence ends after an initial or an abbreviation: "A. Cô-bi-a-cốp", "TP. Hồ Chí Minh"
_INITIAL = re.compile(rf"(?:^|\s)(?:[{UPPER}]|TP|Tp|TS|PGS|GS|ThS|BS|Q|P)\.$")


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph number) of each sentence of ``text``."""
    spans, paragraph, start = [], 0, 0
    for match in _SENTENCE_BREAK.finditer(text):
        gap = match[0] if match[0] == "\n" else match[0][1:]  # after the stop
        end = match.end() - len(gap)
        if gap != "\n" and _INITIAL.search(text, max(0, end - 5), end):
            continue
        if end > start:
            spans.append((start, end, paragraph))
        paragraph += gap == "\n"
        start = match.end()
    if start < len(text):
        spans.append((start, len(text), paragraph))
    return spans


@dataclass(frozen=True)
class _Rules:
    verb_words: tuple[str, ...]
    verb: re.Pattern
    not_verb: re.Pattern
    not_verb_length: int  # of the longest phrase
    passive: str
    marker: re.Pattern
    obligation: re.Pattern
    imperative: re.Pattern
    reporting: re.Pattern
    organisation: re.Pattern
    general: re.Pattern
    provincial: re.Pattern
    not_speaker: re.Pattern
    other_subject: re.Pattern


@cache
def _rules() -> _Rules:
    data = yaml.safe_load(files("analysis").joinpath("data/directives.yml").read_text("utf-8"))

    def words(key: str, flags: int = 0) -> re.Pattern:
        listed = alternatives(data[key], ignore_case=bool(flags & re.IGNORECASE), word_start=True)
        return re.compile(rf"{listed}(?!\w)", flags)

    return _Rules(
        verb_words=tuple(data["verbs"]),
        verb=words("verbs"),
        not_verb=words("not_verbs", re.IGNORECASE),
        not_verb_length=max(map(len, data["not_verbs"])),
        passive=data["passive"],
        marker=re.compile(rf"(?:{alternatives(data['markers'])})(?!\w)"),
        obligation=words("obligations"),
        imperative=re.compile(rf"(?:{alternatives(data['imperatives'])})(?!\w)"),
        reporting=words("reporting", re.IGNORECASE),
        organisation=re.compile(  # "Bộ Thông tin và Truyền thông" up to "hướng dẫn ..."
            rf"{alternatives(data['org_words'], word_start=True)}(?: [^\s.;:]+){{0,14}}?"
            rf"(?= (?:{alternatives(data['org_ends'])})(?!\w)|[.;:]|$)"
        ),
        general=words("general", re.IGNORECASE),
        provincial=words("provincial"),
        not_speaker=re.compile(  # any case: "Nguyên Bộ trưởng" at a sentence's start too
            rf"(?:^|(?<=\W))(?:{alternatives(data['not_speakers'], ignore_case=True)})\s*$",
            re.IGNORECASE,
        ),
        other_subject=words("other_subjects"),
    )


def find_directives(
    text: str,
    published: pd.Timestamp | None = None,
    *,
    themes: ThemeMatcher | None = None,
    found: dict[str, list] | None = None,
) -> list[dict]:
    """The directive sentences of one article (``text`` as stored by ingest).

    ``found`` may hold what the other stages found in the same text (``officials``,
    ``province_mentions``, ``theme_spans``, ``legal_refs``), so that nothing is found twice.
    """
    rules = _rules()
    verbs = occurrences(text, rules.verb_words)  # a sentence without one directs nothing
    found = found or {}
    titled = found.get("officials") or first_match(title_pattern(), text, title_starts()(text))
    if not verbs or not titled:  # an official found holds a title: no second scan for one
        return []  # no official or no directing verb: most articles, skipped cheaply
    officials = _found(found, "officials", find_officials, text)
    mentions = _found(found, "province_mentions", find_mentions, text, published)
    theme_spans = _found(found, "theme_spans", lambda: (themes or ThemeMatcher()).spans(text))
    legal_refs = _found(found, "legal_refs", find_legal_refs, text)
    fullest: dict[str, str] = {}  # name -> the longest title given with it
    for official in officials:
        if len(official["title"]) > len(fullest.get(official["name"], "")):
            fullest[official["name"]] = official["title"]
    main_province = _main_province(mentions)
    directives: list[dict] = []
    issuer = addressee = None
    for start, end, paragraph in sentences(text):
        if paragraph == 0:
            continue  # the title restates the article's directive
        has_a_verb = bisect_left(verbs, start) < bisect_left(verbs, end)
        if not (has_a_verb or issuer):
            continue  # neither starts nor continues a directive list
        sentence = text[start:end]
        head = _head(sentence, start, officials, fullest, rules) if has_a_verb else None
        if head is not None:
            verb_end, issuer = head[0], head[1]
            addressee = _addressee(text, verb_end, end, mentions, main_province, rules)
            continuation = False
        elif issuer and f" {rules.passive} " in f" {sentence} ":
            addressee = sentence.split(f" {rules.passive} ", 1)[0].strip() or addressee
            continuation = False
        elif issuer and _continues(sentence, rules):
            continuation = True
        else:
            issuer = addressee = None  # a sentence that does not direct ends the list
            continue
        directives.append({
            "start": start, "end": end, "text": sentence, "issuer": issuer,
            "addressee": addressee, "continuation": continuation,
            "themes": sorted({t for t, s, e in theme_spans if start <= s and e <= end}),
            "legal_refs": [r["key"] for r in legal_refs if start <= r["start"] and r["end"] <= end],
        })  # fmt: skip
    return directives


def _found(found: dict, key: str, find, *args) -> list:
    return found[key] if key in found else find(*args)


def _head(sentence: str, offset: int, officials: list[dict], fullest: dict, rules: _Rules):
    """(end of the verb, issuer) when an official directs in this sentence."""
    for verb in rules.verb.finditer(sentence):
        if _inside_a_noun(sentence, verb.start(), rules):
            continue  # "các yêu cầu", "Ban Chỉ đạo": not a directing verb
        if verb[0] == "giao" and not re.match(rf" [{UPPER}]", sentence[verb.end() :]):
            continue  # "giao" directs only an organisation: "giao Văn phòng Chính phủ ..."
        issuer = _issuer(sentence[: verb.start()], offset, officials, fullest, rules)
        if issuer:
            return offset + verb.end(), issuer
    return None


def _inside_a_noun(sentence: str, at: int, rules: _Rules) -> bool:
    """Whether a phrase of ``not_verbs`` covers ``sentence[at]``: looked for only as far as
    the longest phrase reaches either side (the pattern is slow to scan)."""
    reach = rules.not_verb_length
    nouns = rules.not_verb.finditer(sentence, max(0, at - reach), at + reach + 1)
    return any(noun.start() <= at < noun.end() for noun in nouns)


# Between a named official and another title of theirs: "Phó Thủ tướng Vương Đình Huệ, Tổ trưởng"
_APPOSITION = re.compile(r"\s*[,–-]?\s*")
# After a title, a given name alone: someone else ("..., Thứ trưởng Ái đã yêu cầu")
_GIVEN_NAME = re.compile(rf" [{UPPER}][^\s,.;:]*(?: [^{UPPER}\s]|\s*$)")


def _another_title_of(before: str, official_end: int, title: re.Match) -> bool:
    """Whether the bare ``title`` right after an official's span is another title of theirs
    ("Phó Thủ tướng Vương Đình Huệ, Tổ trưởng Tổ Công tác chỉ đạo"), not the subject of a new
    clause ("Khi gặp Thủ tướng Nhật Bản Shinzo Abe, Thủ tướng đề nghị", "..., Thứ trưởng Ái")."""
    rest = before[title.end() :]
    return (
        bool(_APPOSITION.fullmatch(before, official_end, title.start()))
        and bool(rest.strip())
        and not _GIVEN_NAME.match(rest)
    )


def _issuer(before: str, offset: int, officials: list[dict], fullest: dict, rules: _Rules):
    """Who speaks in ``before`` (the sentence up to the verb), in full as named in the article;
    None when no official is the subject of the verb, nor a former or a foreign one ("nguyên Bộ
    trưởng", "Thủ tướng Nhật Bản Shinzo Abe", "Tổng thống"). A title inside an official's span,
    or right after it without starting a new clause, is that official's."""
    named = [[o["start"] - offset, o["end"] - offset, o["name"]] for o in officials
             if offset <= o["start"] < offset + len(before)
             and not is_former(o["title"])]  # fmt: skip
    speakers = [(m.start(), m.end(), m[1].strip()) for m in
                re.finditer(rf"Đồng chí ((?:[{UPPER}]\w* ?){{2,4}})", before)]  # fmt: skip
    for title in title_pattern().finditer(before):
        official = next((o for o in named if o[0] <= title.start() < o[1]
                         or _another_title_of(before, o[1], title)), None)  # fmt: skip
        if official is None:
            speakers.append((title.start(), title.end(), None))
        else:  # "Phó Thủ tướng Vương Đình Huệ, Tổ trưởng Tổ Công tác": one speaker
            official[1] = max(official[1], title.end())
    speakers += [tuple(o) for o in named]
    speakers = [s for s in speakers if not rules.not_speaker.search(before, 0, s[0])]
    if not speakers:
        return None
    start, end, name = max(speakers, key=lambda s: (s[0], s[1]))
    if rules.other_subject.search(before, end) or len(before[end:].split()) > 25:
        return None  # someone else acts between the official and the verb
    foreign = {o["name"] for o in officials if o["foreign"]}
    if name:
        return None if name in foreign else f"{fullest[name]} {name}" if name in fullest else name
    title = before[start:end]
    holders = [o for o in officials if title.lower() in o["title"].lower()]  # "Thủ Tướng" too
    domestic = [o for o in holders if not o["foreign"]]
    if (holders and not domestic) or (not holders and foreign_title_pattern().match(title)):
        return None  # "Thủ tướng" for "Thủ tướng Anh Theresa May"; "Tổng thống"
    earlier = [o for o in domestic if o["start"] < offset]
    chosen = earlier[-1] if earlier else next(iter(domestic), None)
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


def _continues(sentence: str, rules: _Rules) -> bool:
    if rules.marker.match(sentence) or rules.imperative.match(sentence):
        return True
    return not rules.reporting.search(sentence) and bool(rules.obligation.search(sentence))


def _province_name(mention: dict) -> str:
    return mention["name_2025"] if mention["system"] == "34" else mention["province_name"]


def _main_province(mentions: list[dict]) -> str | None:
    counts = Counter(_province_name(m) for m in mentions)
    return counts.most_common(1)[0][0] if counts else None


def extract_directives(articles: pd.DataFrame) -> pd.DataFrame:
    """The ``directives`` table of an articles table."""
    themes = ThemeMatcher()
    return per_article(
        articles[may_name_officials(articles["text"])],
        lambda text, published: find_directives(text, published, themes=themes),
        DIRECTIVES_SCHEMA,
    )  # fmt: skip
