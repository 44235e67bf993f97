"""Term frequency: how often each term appears in each article, counted the Vietnamese way.

Matching is case-insensitive and works on the normalised text (so "hoà" and "hòa" are equal),
on whole syllables only, with one Aho-Corasick pass for all terms; every term is counted on its
own ("cải cách thủ tục hành chính" also counts for "thủ tục hành chính"). A match is verified by
word segmentation only when an edge syllable forms a dictionary word with its neighbour
("nhân dân vận động": "nhân dân", "vận động"); it is dropped when a word straddles its edge.
A term of several syllables inside a longer word counts ("cao tốc" in "đường cao tốc"); a term
of one syllable must be a word ("vận" is not in "vận động").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

import ahocorasick
import pandas as pd

from .normalize import lower_keeping_offsets, normalize_text
from .segment import crosses_a_word, dictionary, is_one_word

_SYLLABLE_BEFORE = re.compile(r"(\w+) $")
_SYLLABLE_AFTER = re.compile(r" (\w+)")


def normalize_term(term: str) -> str:
    return normalize_text(term).lower()


_DASHED = re.compile(r"\s*[-–]\s*")


def spellings(term: str) -> set[str]:
    """The ways text writes a term: "kinh tế - xã hội" also as "kinh tế-xã hội", "kinh tế -xã
    hội" and with an en dash; "phòng, chống" also as "phòng chống"."""
    forms = {term, term.replace(", ", " ")}
    return (
        {_DASHED.sub(dash, form) for form in forms for dash in _DASHES}
        if _DASHED.search(term)
        else forms
    )


_DASHES = (" - ", "-", " -", "- ", " – ", "–", " –", "– ")


class TermMatcher:
    """Finds many terms at once in normalised text."""

    def __init__(self, terms: Iterable[str]):
        self.terms = list(dict.fromkeys(normalize_term(t) for t in terms if t.strip()))
        if not self.terms:
            raise ValueError("no terms to look for")
        self._automaton = ahocorasick.Automaton()
        for term in self.terms:
            syllables = term.replace(",", "").split()
            ends = (syllables[0], syllables[-1])
            for variant in spellings(term):
                self._automaton.add_word(variant, (term, len(variant), *ends, len(syllables) == 1))
        self._automaton.make_automaton()
        self._words = dictionary()

    def matches(self, text: str, *, lowered: str | None = None) -> Iterator[tuple[str, int, int]]:
        """(term, start, end) of every verified match in ``text`` (normalised; ``lowered``: its
        :func:`~analysis.normalize.lower_keeping_offsets`, if at hand)."""
        lowered = lowered or lower_keeping_offsets(text)
        for last, (term, length, first, final, one_syllable) in self._automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if (start and lowered[start - 1].isalnum()) or (
                end < len(lowered) and lowered[end].isalnum()
            ):
                continue  # not whole syllables
            if self._needs_check(lowered, start, end, first, final) and (
                not is_one_word(text, start, end)
                if one_syllable
                else crosses_a_word(text, start, end)
            ):
                continue  # "vận" of "vận động"; "dân vận" of "nhân dân vận động"
            yield term, start, end

    def _needs_check(self, lowered: str, start: int, end: int, first: str, final: str) -> bool:
        before = _SYLLABLE_BEFORE.search(lowered, max(0, start - 12), start)
        after = _SYLLABLE_AFTER.match(lowered, end)
        return bool(
            (before and f"{before[1]} {first}" in self._words)
            or (after and f"{final} {after[1]}" in self._words)
        )

    def count(self, text: str) -> Counter:
        return Counter(term for term, _, _ in self.matches(text))


def count_terms(
    articles: pd.DataFrame,
    terms: Iterable[str],
    *,
    by: str | None = None,
    mentions: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
    province_system: str = "34",
) -> pd.DataFrame:
    """Counts of every term in every article: a long table ``doc_id, term, count`` (articles
    without the term are left out). With ``by``, the counts grouped (:func:`group_counts`)."""
    matcher = TermMatcher(terms)
    rows = [
        (doc_id, term, n)
        for doc_id, text in zip(articles["doc_id"], articles["text"], strict=True)
        for term, n in matcher.count(text).items()
    ]
    counts = pd.DataFrame(rows, columns=["doc_id", "term", "count"]).astype({"count": "int64"})
    if by is None:
        return counts
    return group_counts(counts, articles, by=by, terms=matcher.terms, mentions=mentions,
                        themes=themes, province_system=province_system)  # fmt: skip


PERIODS = {"day": "D", "week": "W-MON", "month": "M", "quarter": "Q", "year": "Y"}
GROUPINGS = ["all", *PERIODS, "source", "category", "province", "theme"]


def group_counts(
    counts: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: str,
    terms: list[str] | None = None,
    mentions: pd.DataFrame | None = None,
    themes: pd.DataFrame | None = None,
    province_system: str = "34",
) -> pd.DataFrame:
    """Term counts per group: ``all`` (one group), a period (day, week, month, quarter, year),
    ``source``, ``category``, ``province`` (the provinces an article names, in
    ``province_system`` "34" or "63"; needs the ``province_mentions`` table) or ``theme`` (the
    themes an article matches; needs ``themes``).

    Columns: the group, ``term``, ``count`` (matches), ``articles`` (articles with the term),
    ``total_articles`` and ``total_syllables`` of the group, ``per_1000_articles`` (articles
    with the term per 1,000 articles) and ``per_million_syllables`` (matches per million
    syllables), so that a month with more articles does not look like a trend.
    """
    groups = _groups(articles, by, mentions, themes, province_system)  # doc_id -> group
    sizes = (
        groups.merge(articles[["doc_id", "n_syllables"]], on="doc_id")
        .groupby(by)
        .agg(total_articles=("doc_id", "nunique"), total_syllables=("n_syllables", "sum"))
    )
    hits = (
        counts.merge(groups, on="doc_id")
        .groupby([by, "term"])
        .agg(count=("count", "sum"), articles=("doc_id", "nunique"))
    )
    terms = terms or sorted(counts["term"].unique())
    if sizes.empty:  # no article in any group
        rates = ["per_1000_articles", "per_million_syllables"]
        return pd.DataFrame(columns=[by, "term", "count", "articles", *sizes.columns, *rates])
    index = pd.MultiIndex.from_product([sizes.index, terms], names=[by, "term"])
    table = hits.reindex(index, fill_value=0).join(sizes, on=by).reset_index()
    table["per_1000_articles"] = 1000 * table["articles"] / table["total_articles"]
    table["per_million_syllables"] = 1e6 * table["count"] / table["total_syllables"].clip(lower=1)
    return table


def _groups(
    articles: pd.DataFrame,
    by: str,
    mentions: pd.DataFrame | None,
    themes: pd.DataFrame | None,
    province_system: str,
) -> pd.DataFrame:
    if by == "all":
        return pd.DataFrame({"doc_id": articles["doc_id"], "all": "all"})
    if by in PERIODS:
        dated = articles.dropna(subset=["published"])
        period = dated["published"].dt.tz_localize(None).dt.to_period(PERIODS[by])
        return pd.DataFrame({"doc_id": dated["doc_id"], by: period.astype(str)})
    if by in ("source", "category"):
        return articles[["doc_id", by]].dropna()
    if by == "province":
        if mentions is None:
            raise ValueError("grouping by province needs the province_mentions table")
        name = "province_name" if province_system == "63" else "name_2025"
        named = mentions[["doc_id", name]].dropna().drop_duplicates()
        return named.rename(columns={name: "province"})
    if by == "theme":
        if themes is None:
            raise ValueError("grouping by theme needs the themes table")
        return themes[["doc_id", "theme"]].drop_duplicates()
    raise ValueError(f"cannot group by {by!r}: use one of {', '.join(GROUPINGS)}")


def kwic(articles: pd.DataFrame, term: str, *, window: int = 60) -> pd.DataFrame:
    """Keyword in context: each verified match of ``term`` with ``window`` characters each side,
    its article's ``doc_id``, ``published`` and ``source``."""
    matcher = TermMatcher([term])
    rows = []
    for row in articles[["doc_id", "published", "source", "text"]].itertuples(index=False):
        for _, start, end in matcher.matches(row.text):
            rows.append({
                "doc_id": row.doc_id, "published": row.published, "source": row.source,
                "left": row.text[max(0, start - window) : start].replace("\n", " "),
                "match": row.text[start:end],
                "right": row.text[end : end + window].replace("\n", " "),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["doc_id", "published", "source", "left", "match", "right"])
