"""Sections of a province profile: its volume over time, themes, distinctive words and terms,
the directives addressed to it, officials, cited documents and latest articles."""

from __future__ import annotations

from dataclasses import replace

from .. import charts, show, views
from ..keyness import keyness
from ..labels import label
from ..provinces import load_gazetteer
from ..report_data import ReportData, select
from ..terms import count_terms, group_counts
from .common import cached_words, caption, nothing_to_show, ranked_chart, table_section


def subset(data: ReportData) -> ReportData:
    """The articles of the selection that name the profile's province."""
    return select(data, replace(data.selection, provinces=(data.selection.province,)))


def summary(mine: ReportData, data: ReportData) -> None:
    lang, province = mine.selection.language, mine.selection.province
    show.heading("Tóm tắt", "Summary", lang)
    if nothing_to_show(mine):
        show.key_figures(province=province.name, articles=0)
        return
    share = 100 * len(mine.articles) / max(len(data.articles), 1)
    show.note(
        f"{province.name}: {len(mine.articles)} bài ({share:.1f}% số bài được chọn), "
        f"{len(mine.directives)} câu chỉ đạo.",
        f"{province.name}: "
        f"{len(mine.articles)} articles ({share:.1f}% of the selection), "
        f"{len(mine.directives)} directive sentences.",
        lang,
    )
    show.key_figures(
        province=province.name,
        code=province.code,
        system=province.system,
        articles=len(mine.articles),
        share_percent=round(share, 2),
    )


def volume(mine: ReportData) -> None:
    lang, granularity = mine.selection.language, mine.selection.granularity
    show.heading("Số bài theo thời gian", "Articles over time", lang)
    if nothing_to_show(mine):
        return
    counts = views.articles_over_time(mine.articles, granularity).set_index("period")["articles"]
    show.figure(
        charts.bar_chart(
            counts,
            title=f"{label('articles', lang)}: {mine.selection.province.name}",
            xlabel=label(granularity, lang),
            ylabel=label("articles", lang),
            caption=caption(mine),
            empty_message=label("no_data", lang),
        )
    )


def themes(mine: ReportData) -> None:
    lang = mine.selection.language
    show.heading("Chủ đề", "Themes", lang)
    if nothing_to_show(mine):
        return
    totals = views.theme_totals(mine.themes, language=lang)
    title = f"{label('theme', lang)}: {mine.selection.province.name}"
    show.figure(ranked_chart(mine, totals.set_index("theme")["articles"], "theme", title=title))
    show.table(totals, lang)


def words(mine: ReportData, data: ReportData) -> None:
    lang = mine.selection.language
    show.heading("Từ đặc trưng và thuật ngữ", "Distinctive words and terms", lang)
    if nothing_to_show(mine):
        return
    target = data.articles["doc_id"].isin(mine.articles["doc_id"])
    if target.all():
        show.note("Không có bài nào khác để so sánh.", "No other articles to compare with.", lang)
    else:
        with cached_words(data):
            distinctive = keyness(data.articles, target, top_n=mine.selection.top_n)
        show.table(distinctive.drop(columns="p"), lang)
    if mine.selection.terms:
        counts = count_terms(mine.articles, mine.selection.terms)
        table = group_counts(counts, mine.articles, by="all", terms=list(mine.selection.terms))
        show.table(table.drop(columns=["all", "total_syllables"]), lang)


def _names(mine: ReportData) -> set[str]:
    """The province's name and, in the 34 system, the old provinces merged into it."""
    province = mine.selection.province
    if province.system == "63":
        return {province.name}
    merged = load_gazetteer().merged_into
    return {province.name, *(old for old, new in merged.items() if new == province.name)}


def directives(mine: ReportData) -> None:
    addressed = mine.directives[mine.directives["addressee"].isin(_names(mine))]
    table_section(
        mine,
        "Chỉ đạo gửi tới tỉnh",
        "Directives addressed to the province",
        lambda: views.top_directives(addressed, mine.articles, top_n=mine.selection.top_n),
    )


def officials(mine: ReportData) -> None:
    table_section(
        mine,
        "Quan chức được nhắc đến",
        "Officials named",
        lambda: views.officials_named(mine.officials, top_n=mine.selection.top_n),
    )


def documents(mine: ReportData) -> None:
    table_section(
        mine,
        "Văn bản được trích dẫn",
        "Documents cited",
        lambda: views.most_cited(mine.legal_refs, top_n=mine.selection.top_n),
    )


def latest(mine: ReportData) -> None:
    table_section(
        mine,
        "Bài mới nhất",
        "Latest articles",
        lambda: views.recent_articles(mine.articles, top_n=mine.selection.top_n),
    )
