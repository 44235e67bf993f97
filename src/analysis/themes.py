"""Directive themes: a lexicon in data (``data/themes.yml``) and article-level theme scores.

A theme's phrases are matched like terms (:mod:`analysis.terms`: whole words, any case or
tone-mark style, verified where a word boundary is in doubt); overlapping matches of one theme
count once, and matches inside one of the theme's exclusions do not count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pandas as pd
import yaml

from .schema import THEMES_SCHEMA, per_article
from .terms import TermMatcher, normalize_term


@dataclass(frozen=True)
class Theme:
    id: str
    vi: str
    en: str
    phrases: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    def label(self, language: str = "vi") -> str:
        return self.vi if language == "vi" else self.en


def load_themes(path: str | Path | None = None) -> tuple[Theme, ...]:
    """The themes of a lexicon file (the bundled ``data/themes.yml`` by default)."""
    if path is None:
        return _bundled_themes()
    return _parse(Path(path).read_text("utf-8"), str(path))


@cache
def _bundled_themes() -> tuple[Theme, ...]:
    source = files("analysis").joinpath("data/themes.yml")
    return _parse(source.read_text("utf-8"), "data/themes.yml")


def _parse(text: str, where: str) -> tuple[Theme, ...]:
    themes = []
    for entry in yaml.safe_load(text)["themes"]:
        missing = {"id", "vi", "en", "phrases"} - set(entry)
        if missing:
            raise ValueError(f"{where}: theme {entry.get('id', '?')!r} lacks {sorted(missing)}")
        themes.append(Theme(
            entry["id"], entry["vi"], entry["en"],
            tuple(normalize_term(p) for p in entry["phrases"]),
            tuple(normalize_term(p) for p in entry.get("exclude", ())),
        ))  # fmt: skip
    ids = [theme.id for theme in themes]
    if len(set(ids)) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"{where}: theme ids repeat: {repeated}")
    return tuple(themes)


class ThemeMatcher:
    """Finds the phrases of every theme in one pass."""

    def __init__(self, themes: tuple[Theme, ...] | None = None):
        self.themes = themes or load_themes()
        self._of_phrase: dict[str, list[str]] = defaultdict(list)
        self._of_exclusion: dict[str, list[str]] = defaultdict(list)
        for theme in self.themes:
            for phrase in theme.phrases:
                self._of_phrase[phrase].append(theme.id)
            for phrase in theme.exclude:
                self._of_exclusion[phrase].append(theme.id)
        self._matcher = TermMatcher([*self._of_phrase, *self._of_exclusion])

    def spans(self, text: str, *, lowered: str | None = None) -> list[tuple[str, int, int]]:
        """(theme, start, end) of each theme match: nested matches of one theme once, excluded
        matches left out (``lowered`` as for :meth:`TermMatcher.matches`)."""
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        excluded: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for phrase, start, end in self._matcher.matches(text, lowered=lowered):
            for theme in self._of_phrase.get(phrase, ()):
                found[theme].append((start, end))
            for theme in self._of_exclusion.get(phrase, ()):
                excluded[theme].append((start, end))
        spans = []
        for theme, matches in found.items():
            last_end = -1
            for start, end in sorted(matches, key=lambda m: (m[0], -m[1])):
                inside_exclusion = any(s <= start and end <= e for s, e in excluded[theme])
                if start >= last_end and not inside_exclusion:
                    spans.append((theme, start, end))
                    last_end = end
        return sorted(spans, key=lambda span: span[1])

    def hits(self, text: str) -> dict[str, int]:
        return dict(Counter(theme for theme, _, _ in self.spans(text)))


def theme_scores(spans: list[tuple[str, int, int]]) -> list[dict]:
    """The ``themes`` rows of one article from its theme spans: hits and share per theme."""
    hits = Counter(theme for theme, _, _ in spans)
    total = len(spans)
    return [{"theme": theme, "hits": n, "share": n / total} for theme, n in sorted(hits.items())]


def score_themes(articles: pd.DataFrame, themes: tuple[Theme, ...] | None = None) -> pd.DataFrame:
    """The ``themes`` table: each article's hits per theme and the theme's share of them."""
    matcher = ThemeMatcher(themes)
    return per_article(articles, lambda text, _: theme_scores(matcher.spans(text)), THEMES_SCHEMA)


def validate_themes(
    themes: tuple[Theme, ...] | None = None, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Problems of a lexicon: a phrase in two themes, a phrase nested in another theme's
    phrase, and (given ``articles``) a phrase that never matches."""
    themes = themes or load_themes()
    rows = []
    owners: dict[str, list[str]] = defaultdict(list)
    excluded = {(theme.id, phrase) for theme in themes for phrase in theme.exclude}
    for theme in themes:
        for phrase in theme.phrases:
            owners[phrase].append(theme.id)
    for phrase, ids in owners.items():
        if len(ids) > 1:
            rows.append(("shared", phrase, ", ".join(ids), "the phrase counts for each theme"))
        for other, other_ids in owners.items():
            nested = other != phrase and f" {phrase} " in f" {other} "
            unhandled = [i for i in ids if (i, other) not in excluded]
            if nested and set(other_ids) - set(ids) and unhandled:
                rows.append(("nested", phrase, ", ".join(ids),
                             f"inside {other!r} of {', '.join(other_ids)}"))  # fmt: skip
    if articles is not None:
        matcher = TermMatcher(list(owners))
        seen = {term for text in articles["text"] for term, _, _ in matcher.matches(text)}
        rows += [("never_matches", p, ", ".join(owners[p]), f"no match in {len(articles)} articles")
                 for p in owners if p not in seen]  # fmt: skip
    return pd.DataFrame(rows, columns=["problem", "phrase", "themes", "detail"])
