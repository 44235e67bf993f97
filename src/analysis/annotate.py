"""Annotation stages: each turns the articles table into one table of its own, written by ingest
beside ``articles.parquet``. Every stage is a module usable on its own from a notebook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from .directives import extract_directives
from .legal_refs import extract_legal_refs
from .officials import extract_officials
from .provinces import extract_mentions
from .schema import (
    DIRECTIVES_SCHEMA,
    LEGAL_REFS_SCHEMA,
    OFFICIALS_SCHEMA,
    PROVINCE_MENTIONS_SCHEMA,
    THEMES_SCHEMA,
)
from .themes import score_themes


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
    """Every stage's table for ``articles``, by table name."""
    return {stage.name: stage.extract(articles) for stage in STAGES}
