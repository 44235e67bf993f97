"""Annotation stages: each turns the articles table into one table of its own, written by ingest
beside ``articles.parquet``. Every stage is a module usable on its own from a notebook;
:func:`annotate` runs them all in one pass over the articles, and the directives reuse what
the other stages found in the same article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .directives import extract_directives, find_directives
from .legal_refs import extract_legal_refs, find_legal_refs
from .normalize import lower_keeping_offsets
from .officials import extract_officials, find_officials, may_name_officials
from .provinces import extract_mentions, find_mentions
from .schema import (
    DIRECTIVES_SCHEMA,
    LEGAL_REFS_SCHEMA,
    OFFICIALS_SCHEMA,
    PROVINCE_MENTIONS_SCHEMA,
    THEMES_SCHEMA,
)
from .themes import ThemeMatcher, score_themes, theme_scores


@dataclass(frozen=True)
class Stage:
    name: str  # the table's file stem in data/processed/
    extract: Callable[[pd.DataFrame], pd.DataFrame]
    schema: pa.Schema


STAGES = (
    Stage("legal_refs", extract_legal_refs, LEGAL_REFS_SCHEMA),
    Stage("province_mentions", extract_mentions, PROVINCE_MENTIONS_SCHEMA),
    Stage("themes", score_themes, THEMES_SCHEMA),
    Stage("officials", extract_officials, OFFICIALS_SCHEMA),
    Stage("directives", extract_directives, DIRECTIVES_SCHEMA),
)


def annotate(articles: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every stage's table for ``articles``, by table name: the same tables as each stage's
    ``extract``, in one pass."""
    themes = ThemeMatcher()
    rows: dict[str, list[dict]] = {stage.name: [] for stage in STAGES}
    published = articles["published"] if "published" in articles else [None] * len(articles)
    possible = may_name_officials(articles["text"])
    for doc_id, text, when, officials_possible in zip(
        articles["doc_id"], articles["text"], published, possible, strict=True
    ):
        for name, found in annotate_text(text, when, themes, officials_possible).items():
            rows[name] += [{"doc_id": doc_id, **row} for row in found]
    return {
        stage.name: pd.DataFrame(rows[stage.name], columns=stage.schema.names) for stage in STAGES
    }


def annotate_text(
    text: str, published, themes: ThemeMatcher, officials_possible: bool = True
) -> dict[str, list[dict]]:
    """The rows of every stage for one article's ``text``. ``officials_possible`` is False
    when the text holds no title of office (:func:`~analysis.officials.may_name_officials`):
    then it names no official and holds no directive."""
    lowered = lower_keeping_offsets(text)
    found = {
        "legal_refs": find_legal_refs(text, lowered=lowered),
        "province_mentions": find_mentions(text, published, lowered=lowered),
        "theme_spans": themes.spans(text, lowered=lowered),
        "officials": find_officials(text) if officials_possible else [],
    }
    return {
        "legal_refs": found["legal_refs"],
        "province_mentions": found["province_mentions"],
        "themes": theme_scores(found["theme_spans"]),
        "officials": found["officials"],
        "directives": find_directives(text, published, found=found) if officials_possible else [],
    }
