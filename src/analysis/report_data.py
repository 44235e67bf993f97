"""The processed tables a report needs, cut to its :class:`~analysis.parameters.Selection`.

Duplicates (``duplicate_of`` set) are left out of every count, so that a syndicated article is
one article; the overview report shows them separately.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

import pandas as pd

from .parameters import Selection
from .storage import REPORT_FILE, load_processed
from .views import PROVINCE_COLUMNS

ARTICLE_FIELDS = [
    "doc_id",
    "url",
    "title",
    "source",
    "category",
    "published",
    "author",
    "text",
    "n_syllables",
    "duplicate_of",
    "warnings",
]
ANNOTATIONS = ("province_mentions", "themes", "directives", "legal_refs", "officials")


@dataclass(frozen=True)
class ReportData:
    """The articles a report is about and their annotation tables (same articles only)."""

    selection: Selection
    articles: pd.DataFrame
    province_mentions: pd.DataFrame
    themes: pd.DataFrame
    directives: pd.DataFrame
    legal_refs: pd.DataFrame
    officials: pd.DataFrame
    corpus: dict  # ingest_report.json: the corpus version a report was made from

    @property
    def empty(self) -> bool:
        return self.articles.empty


def load_report_data(selection: Selection, *, include_duplicates: bool = False) -> ReportData:
    """Read ``selection.data_dir`` and keep what the selection asks for."""
    folder = selection.data_dir
    articles = load_processed(folder, ARTICLE_FIELDS)
    tables = {name: load_processed(folder, table=name) for name in ANNOTATIONS}
    report = folder / REPORT_FILE
    corpus = json.loads(report.read_text("utf-8")) if report.exists() else {}
    if not include_duplicates:
        articles = articles[articles["duplicate_of"].isna()]
    data = ReportData(selection, articles, corpus=corpus, **tables)
    return select(data, selection)


def select(data: ReportData, selection: Selection) -> ReportData:
    """``data`` cut to the selection's dates, outlets, provinces and themes."""
    articles = data.articles
    if selection.date_from is not None:
        articles = articles[articles["published"] >= selection.date_from]
    if selection.date_to is not None:
        articles = articles[articles["published"] < selection.date_to]
    if selection.sources:
        articles = articles[articles["source"].isin(selection.sources)]
    column, _ = PROVINCE_COLUMNS[selection.province_system]
    if selection.provinces:
        codes = {p.code for p in selection.provinces}
        naming = data.province_mentions.loc[data.province_mentions[column].isin(codes), "doc_id"]
        articles = articles[articles["doc_id"].isin(naming)]
    themes = data.themes
    if selection.themes:
        themes = themes[themes["theme"].isin(selection.themes)]
        articles = articles[articles["doc_id"].isin(themes["doc_id"])]
    kept = set(articles["doc_id"])
    tables = {name: getattr(data, name) for name in ANNOTATIONS} | {"themes": themes}
    cut = {
        name: table[table["doc_id"].isin(kept)].reset_index(drop=True)
        for name, table in tables.items()
    }
    return replace(data, selection=selection, articles=articles.reset_index(drop=True), **cut)


def previous_period(data: ReportData) -> ReportData | None:
    """The same selection over the period of the same length just before (whole months: the
    months before, so July's is June; else as many days), or None for an open period."""
    selection = data.selection
    first, end = selection.date_from, selection.date_to
    if first is None or end is None:
        return None
    if first.day == 1 and end.day == 1:
        months = (end.year - first.year) * 12 + end.month - first.month
        start = first - pd.DateOffset(months=months)
    else:
        start = first - (end - first)
    return load_report_data(replace(selection, date_from=start, date_to=first))
