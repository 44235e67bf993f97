"""Saved HTML article pages: main text and metadata extracted with trafilatura."""

from __future__ import annotations

import trafilatura

from .dates import DateError, parse_published
from .normalize import normalize_text
from .outlets import Outlets, load_outlets, split_lead_prefix

_DATE_OPTIONS = {"original_date": True, "extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M"}


def parse_html(html: str, *, url: str | None = None, outlets: Outlets | None = None) -> dict:
    """Normalised article fields of one HTML page (``body`` is None when nothing was found)."""
    outlets = outlets or load_outlets()
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_images=False,
        date_extraction_params=_DATE_OPTIONS,
    )  # fmt: skip
    if document is None:
        return {"body": None, "captions": [], "warnings": []}
    meta = document.as_dict()

    def text(key: str) -> str | None:
        return normalize_text(meta[key]) or None if meta.get(key) else None

    title = text("title")
    lines = normalize_text(meta.get("text") or "", keep_lines=True).split("\n")
    if lines and lines[0] == title:
        lines = lines[1:]
    outlet, first = split_lead_prefix(lines[0], outlets) if lines else (None, "")
    lead = text("description")
    if outlet:  # the first paragraph is the lead: "(Chinhphu.vn) - ..."
        lead, lines = first, lines[1:]
    elif lead:
        outlet, lead = split_lead_prefix(lead, outlets)
    warnings = []
    try:
        published = parse_published(meta.get("date"))
    except DateError as err:
        published, warnings = None, [f"bad_date: {err}"]
    url = url or meta.get("url")
    return {
        "title": title,
        "lead": lead,
        "body": "\n".join(lines) or None,
        "published": published,
        "author": text("author"),
        "category": ", ".join(meta.get("categories") or ()) or None,
        "url": url,
        "source": outlet or outlets.from_url(url) or outlets.canonical(meta.get("sitename")),
        "captions": [],
        "warnings": warnings,
    }
