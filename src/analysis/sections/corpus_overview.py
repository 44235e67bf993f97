"""Sections of the corpus overview: articles per period and outlet, extraction quality,
duplicates and ingest warnings. Unlike the other reports it counts duplicates, and shows them."""

from __future__ import annotations

import pandas as pd

from .. import charts, show, views
from ..labels import label
from ..report_data import ReportData
from ..storage import load_processed
from .common import caption, nothing_to_show


def summary(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Tóm tắt", "Summary", lang)
    if nothing_to_show(data):
        show.key_figures(articles=0)
        return
    articles = data.articles
    copies = int(articles["duplicate_of"].notna().sum())
    published = articles["published"].dropna()
    rows = [
        ("Số bài", "Articles", len(articles)),
        ("Bài không trùng lặp", "Unique articles", len(articles) - copies),
        ("Bản sao (trùng hoặc gần trùng)", "Copies (exact or near)", copies),
        ("Cơ quan báo chí", "Outlets", int(articles["source"].nunique())),
        ("Bài đầu tiên", "First article", published.min() if len(published) else None),
        ("Bài mới nhất", "Latest article", published.max() if len(published) else None),
    ]
    table = pd.DataFrame(
        [(vi if lang == "vi" else en, v) for vi, en, v in rows], columns=["field", "count"]
    )
    show.table(table.astype({"count": object}), lang)
    show.key_figures(
        articles=len(articles),
        unique_articles=len(articles) - copies,
        outlets=int(articles["source"].nunique()),
    )


def volume(data: ReportData) -> None:
    lang, granularity = data.selection.language, data.selection.granularity
    show.heading("Số bài theo thời gian và cơ quan báo chí", "Articles per period and outlet", lang)
    if nothing_to_show(data):
        return
    per_period = views.articles_over_time(data.articles, granularity)
    show.figure(
        charts.bar_chart(
            per_period.set_index("period")["articles"],
            title=label("articles", lang),
            xlabel=label(granularity, lang),
            ylabel=label("articles", lang),
            caption=caption(data),
            empty_message=label("no_data", lang),
        )
    )
    by_source = views.articles_over_time(data.articles, granularity, by="source")
    show.figure(
        charts.time_series(
            by_source.assign(start=views.period_starts(by_source["period"], granularity)),
            x="start",
            y="articles",
            series="source",
            title=f"{label('articles', lang)} / {label('source', lang).lower()}",
            xlabel=label(granularity, lang),
            ylabel=label("articles", lang),
            caption=caption(data),
            empty_message=label("no_data", lang),
        )
    )
    wide = by_source.pivot_table(index="period", columns="source", values="articles", aggfunc="sum")
    show.table(wide.rename_axis(columns=None).rename_axis(granularity), lang)


def quality(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Chất lượng trích xuất", "Extraction quality", lang)
    if nothing_to_show(data):
        return
    show.note(
        "Tỷ lệ (%) bài có từng trường, theo cơ quan báo chí.",
        "Share (%) of articles stating each field, by outlet.",
        lang,
    )
    by_source = {
        source: views.field_coverage(group).set_index("field")["share"]
        for source, group in data.articles.groupby("source")
    }
    table = pd.DataFrame(by_source)
    table["∑"] = views.field_coverage(data.articles).set_index("field")["share"]
    show.table(table.rename(index=lambda f: label(f, lang)).rename_axis("field"), lang)


def duplicates(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Bài trùng lặp", "Duplicates", lang)
    if nothing_to_show(data):
        return
    copies = data.articles.dropna(subset=["duplicate_of"])
    if copies.empty:
        show.note("Không có bài trùng lặp.", "No duplicates.", lang)
        return
    originals = data.articles.set_index("doc_id")["title"]
    table = copies.assign(original=copies["duplicate_of"].map(originals))
    show.table(
        table[["published", "source", "title", "original", "url"]].rename(
            columns={"original": "duplicate_of"}
        ),
        lang,
    )


def warnings(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Cảnh báo khi nhập dữ liệu", "Ingest warnings", lang)
    files = load_processed(data.selection.data_dir, table="files")
    articles = load_processed(data.selection.data_dir, ["path", "warnings"])
    table = views.warnings_table(articles, files)
    if table.empty:
        show.note("Không có cảnh báo nào.", "No warnings.", lang)
        return
    kinds = table["kind"].value_counts()
    show.table(kinds.rename("count").rename_axis("kind").reset_index(), lang)
    show.table(table.head(max(data.selection.top_n, 50)), lang)
