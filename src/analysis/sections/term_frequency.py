"""Sections of the term frequency report: counts and rates per period, outlet and province,
the articles with each term, keywords in context, collocates and distinctive words."""

from __future__ import annotations

import pandas as pd

from .. import charts, show, views
from ..keyness import collocates, keyness
from ..labels import label
from ..report_data import ReportData
from ..terms import count_terms, group_counts, kwic
from .common import cached_words, caption, nothing_to_show


def count(data: ReportData) -> pd.DataFrame:
    """Every term's count in every selected article (``doc_id, term, count``)."""
    if not data.selection.terms:
        return pd.DataFrame({"doc_id": [], "term": [], "count": []})
    return count_terms(data.articles, data.selection.terms)


def _wide(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Articles with each term per group, one column per term, and the group's articles."""
    wide = table.pivot_table(index=by, columns="term", values="articles", aggfunc="sum", sort=False)
    totals = table.groupby(by, sort=False)["total_articles"].first()
    return wide.join(totals).rename_axis(columns=None)


def summary(data: ReportData, counts: pd.DataFrame) -> None:
    lang = data.selection.language
    show.heading("Tóm tắt", "Summary", lang)
    if nothing_to_show(data):
        show.key_figures(articles=0)
        return
    if not data.selection.terms:
        show.note(
            "Chưa chọn thuật ngữ nào (tham số terms).", "No terms chosen (parameter terms).", lang
        )
        return
    table = group_counts(counts, data.articles, by="all", terms=list(data.selection.terms))
    show.table(table.drop(columns=["all", "total_syllables"]), lang)
    show.key_figures(
        articles=len(data.articles),
        terms={
            row.term: {"count": int(row.count), "articles": int(row.articles)}
            for row in table.itertuples()
        },
    )


def over_time(data: ReportData, counts: pd.DataFrame) -> None:
    lang, granularity = data.selection.language, data.selection.granularity
    show.heading("Theo thời gian", "Over time", lang)
    if nothing_to_show(data) or not data.selection.terms:
        return
    table = group_counts(counts, data.articles, by=granularity, terms=list(data.selection.terms))
    show.note(
        "Tỷ lệ: số bài có thuật ngữ trên 1.000 bài của kỳ, để kỳ nhiều bài không trông như "
        "một xu hướng.",
        "Rate: articles with the term per 1,000 articles of the period, "
        "so that a period with more articles does not look like a trend.",
        lang,
    )
    show.figure(
        charts.time_series(
            table.assign(start=views.period_starts(table[granularity], granularity)),
            x="start",
            y="per_1000_articles",
            series="term",
            title=label("per_1000_articles", lang) + f" ({label(granularity, lang).lower()})",
            xlabel=label(granularity, lang),
            ylabel=label("per_1000_articles", lang),
            caption=caption(data),
            empty_message=label("no_data", lang),
        )
    )
    show.table(_wide(table, granularity), lang)


def by_group(data: ReportData, counts: pd.DataFrame, by: str) -> None:
    """Rates per outlet (``by="source"``) or per province (``by="province"``)."""
    lang = data.selection.language
    titles = {
        "source": ("Theo cơ quan báo chí", "By outlet"),
        "province": ("Theo tỉnh, thành phố", "By province"),
    }
    show.heading(*titles[by], lang)
    if nothing_to_show(data) or not data.selection.terms:
        return
    table = group_counts(
        counts,
        data.articles,
        by=by,
        terms=list(data.selection.terms),
        mentions=data.province_mentions,
        province_system=data.selection.province_system,
    )
    top = (
        table.groupby(by)["articles"]
        .sum()
        .sort_values(ascending=False)
        .head(data.selection.top_n)
        .index
    )
    matrix = (
        table[table[by].isin(top)]
        .pivot_table(index=by, columns="term", values="per_1000_articles")
        .reindex(top)
    )
    show.figure(
        charts.heatmap(
            matrix,
            title=f"{label('per_1000_articles', lang)}: {label(by, lang).lower()}",
            xlabel=label("term", lang),
            ylabel=label(by, lang),
            caption=caption(data),
            empty_message=label("no_data", lang),
            value_label=label("per_1000_articles", lang),
        )
    )
    show.table(_wide(table[table[by].isin(top)], by).reindex(top).reset_index(), lang)


def articles_with_terms(data: ReportData, counts: pd.DataFrame) -> None:
    lang = data.selection.language
    show.heading("Các bài có thuật ngữ", "Articles with the terms", lang)
    if nothing_to_show(data) or counts.empty:
        show.note("Không bài nào có các thuật ngữ.", "No article holds the terms.", lang)
        return
    table = counts.merge(
        data.articles[["doc_id", "published", "source", "title", "url"]], on="doc_id"
    ).sort_values(["published", "term"], ascending=False)
    for term, rows in table.groupby("term", sort=False):
        show.heading(term, term, lang, level=3)
        show.table(
            rows[["published", "source", "title", "count", "url"]].head(data.selection.top_n), lang
        )


def keywords_in_context(data: ReportData, *, window: int = 60) -> None:
    lang = data.selection.language
    show.heading("Từ khóa trong ngữ cảnh", "Keywords in context", lang)
    if nothing_to_show(data) or not data.selection.terms:
        return
    for term in data.selection.terms:
        show.heading(term, term, lang, level=3)
        lines = kwic(data.articles, term, window=window)
        lines = lines.sort_values("published", ascending=False).head(data.selection.top_n)
        show.table(lines.drop(columns=["doc_id"]), lang)


def related_words(data: ReportData, counts: pd.DataFrame) -> None:
    lang = data.selection.language
    show.heading("Từ đi kèm và từ đặc trưng", "Collocates and distinctive words", lang)
    if nothing_to_show(data) or counts.empty:
        return
    with cached_words(data):  # collocates and keyness segment words
        for term in data.selection.terms:
            found = collocates(data.articles, term, top_n=data.selection.top_n)
            show.heading(f"Từ đi kèm “{term}”", f"Collocates of “{term}”", lang, level=3)
            show.table(found, lang)
        holding = data.articles["doc_id"].isin(counts["doc_id"])
        show.heading(
            "Từ đặc trưng của các bài có thuật ngữ",
            "Words distinctive of the articles with the terms",
            lang,
            level=3,
        )
        if holding.all() or not holding.any():
            show.note(
                "Cần cả bài có và bài không có thuật ngữ để so sánh.",
                "Needs articles both with and without the terms to compare.",
                lang,
            )
            return
        show.table(
            keyness(data.articles, holding, top_n=data.selection.top_n).drop(columns=["p"]), lang
        )
