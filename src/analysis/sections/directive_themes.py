"""Sections of the directive themes report: theme shares over time, the latest directives of
each theme, themes by province, the documents cited most and who issues directives."""

from __future__ import annotations

from .. import charts, show, views
from ..labels import label
from ..report_data import ReportData
from .common import caption, nothing_to_show, ranked_chart, table_section, theme_province_heatmap


def summary(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Tóm tắt", "Summary", lang)
    if nothing_to_show(data):
        show.key_figures(articles=0, directives=0)
        return
    totals = views.theme_totals(data.themes, language=lang)
    show.figure(ranked_chart(data, totals.set_index("theme")["articles"], "theme"))
    show.table(totals, lang)
    show.key_figures(
        articles=len(data.articles),
        directives=len(data.directives),
        articles_by_theme=dict(zip(totals["theme"], map(int, totals["articles"]), strict=True)),
    )


def shares_over_time(data: ReportData) -> None:
    lang, granularity = data.selection.language, data.selection.granularity
    show.heading("Tỷ trọng chủ đề theo thời gian", "Theme shares over time", lang)
    if nothing_to_show(data):
        return
    shares = views.theme_shares(data.articles, data.themes, granularity, language=lang)
    show.note(
        "Tỷ trọng: phần của mỗi chủ đề trong các lần nhắc đến chủ đề của kỳ (mỗi bài có "
        "trọng số như nhau).",
        "Share: each theme's part of the period's theme matches (each article weighs the same).",
        lang,
    )
    show.figure(
        charts.stacked_shares(
            shares,
            title=label("share", lang) + f" ({label(granularity, lang).lower()})",
            xlabel=label(granularity, lang),
            ylabel=label("share", lang),
            caption=caption(data),
            empty_message=label("no_data", lang),
        )
    )
    show.table(shares.rename_axis(granularity), lang)


def top_directives(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Chỉ đạo tiêu biểu theo chủ đề", "Latest directives per theme", lang)
    if nothing_to_show(data):
        return
    if data.directives.empty:
        show.note("Không tìm thấy câu chỉ đạo nào.", "No directive sentences found.", lang)
        return
    themes = data.selection.themes or data.themes["theme"].value_counts().index.tolist()
    for theme in themes:
        rows = views.top_directives(
            data.directives, data.articles, theme=theme, top_n=data.selection.top_n
        )
        if rows.empty:
            continue
        name = views.theme_label(theme, lang)
        show.heading(name, name, lang, level=3)
        show.table(rows, lang)


def by_province(data: ReportData) -> None:
    show.heading("Chủ đề theo tỉnh, thành phố", "Themes by province", data.selection.language)
    if not nothing_to_show(data):
        show.figure(theme_province_heatmap(data))


def cited_documents(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Văn bản được trích dẫn nhiều nhất", "Most cited documents", lang)
    if nothing_to_show(data):
        return
    table = views.most_cited(data.legal_refs, top_n=data.selection.top_n)
    show.figure(ranked_chart(data, table.set_index("document")["articles"], "document"))
    show.table(table, lang)


def issuers(data: ReportData) -> None:
    table_section(
        data,
        "Người chỉ đạo",
        "Who issues directives",
        lambda: views.issuing_officials(data.directives, top_n=data.selection.top_n),
    )
