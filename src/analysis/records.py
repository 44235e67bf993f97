"""Article records from JSON, JSON Lines, CSV and Parquet: their field names mapped to ours.

news-please records (``title``, ``maintext``, ``description``, ``date_publish``, ``authors``,
``source_domain``, ``url``) and common variants are recognised automatically; anything else
is named with a mapping such as ``{"lead": "sapo", "published": "time"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .dates import DateError, parse_published
from .normalize import normalize_texts
from .outlets import Outlets, load_outlets, split_lead_prefix

# Article field -> record fields tried in this order (news-please's names first).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "lead": ("description", "sapo", "summary", "lead", "abstract"),
    "body": ("maintext", "body", "content", "text"),
    "published": ("date_publish", "published", "publish_date", "pubdate", "date", "time"),
    "author": ("authors", "author", "byline"),
    "source": ("source_domain", "source", "outlet", "sitename"),
    "url": ("url", "link", "baomoi_url"),
    "category": ("category", "section"),
}


class MappingError(ValueError):
    """A field mapping names an article field that does not exist."""


def resolve_mapping(
    columns: Iterable[str], mapping: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Article field -> record field: the explicit mapping first, then the known aliases."""
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(FIELD_ALIASES))
    if unknown:
        raise MappingError(
            f"unknown article field(s) in mapping: {', '.join(unknown)}; "
            f"known: {', '.join(FIELD_ALIASES)}"
        )
    present = set(columns)
    resolved = {}
    for field, aliases in FIELD_ALIASES.items():
        if field in mapping:
            resolved[field] = mapping[field]
        else:
            found = next((alias for alias in aliases if alias in present), None)
            if found:
                resolved[field] = found
    return resolved


def filled_fields(record: Mapping) -> list[str]:
    """The fields of a record that hold a value (not null, not blank, not an empty list)."""
    return [key for key, value in record.items() if (text := _as_text(value)) and text.strip()]


def record_fields(
    record: Mapping,
    mapping: Mapping[str, str],
    *,
    date_format: str | None = None,
    outlets: Outlets | None = None,
) -> dict:
    """Normalised article fields of one record, with ``warnings`` for what was odd."""
    return records_fields([(record, mapping)], date_format=date_format, outlets=outlets)[0]


_TEXT_FIELDS = ("title", "lead", "body", "author", "category", "url", "source")
_KEEP_LINES = ("title", "body")  # one paragraph per line; the other fields are one line


def records_fields(
    records: Iterable[tuple[Mapping, Mapping[str, str]]],
    *,
    date_format: str | None = None,
    outlets: Outlets | None = None,
) -> list[dict]:
    """:func:`record_fields` of each (record, mapping), their texts normalised all at once
    (:func:`~analysis.normalize.normalize_texts`)."""
    outlets = outlets or load_outlets()
    records = list(records)
    raw = [
        {field: value for field in _TEXT_FIELDS
         if field in mapping and (value := _as_text(record.get(mapping[field])))}
        for record, mapping in records
    ]  # fmt: skip
    keys = [(i, field) for i, texts in enumerate(raw) for field in texts]
    normalised = normalize_texts(
        [raw[i][field] for i, field in keys], keep_lines=[field in _KEEP_LINES for _, field in keys]
    )
    texts: list[dict[str, str]] = [{} for _ in records]
    for (i, field), text in zip(keys, normalised, strict=True):
        if text:
            texts[i][field] = text
    return [
        _fields(record, mapping, text, date_format, outlets)
        for (record, mapping), text in zip(records, texts, strict=True)
    ]


def _fields(
    record: Mapping,
    mapping: Mapping[str, str],
    text: dict[str, str],
    date_format: str | None,
    outlets: Outlets,
) -> dict:
    """The article fields of one record from its normalised ``text`` fields."""
    warnings: list[str] = []
    title = text.get("title")
    if title and "\n" in title:
        n_lines = title.count("\n") + 1
        title = title.split("\n", 1)[0]
        warnings.append(f"multiline_title: title had {n_lines} lines; kept the first")
    lead = text.get("lead")
    prefix_outlet = None
    if lead:
        prefix_outlet, lead = split_lead_prefix(lead, outlets)
    url = text.get("url")
    published = None
    if "published" in mapping:
        try:
            published = parse_published(record.get(mapping["published"]), date_format=date_format)
        except DateError as err:
            warnings.append(f"bad_date: {err}")
    return {
        "title": title,
        "lead": lead or None,
        "body": text.get("body"),
        "published": published,
        "author": text.get("author"),
        "category": text.get("category"),
        "url": url,
        "source": outlets.canonical(text.get("source")) or prefix_outlet or outlets.from_url(url),
        "captions": [],
        "warnings": warnings,
    }


def _as_text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [_as_text(v) for v in value]
        return ", ".join(item for item in items if item) or None
    return None if pd.api.types.is_scalar(value) and pd.isna(value) else str(value)
