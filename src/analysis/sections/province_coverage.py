"""Sections of the province coverage report: a map, the ranking, provinces never named, themes
by province and the change against the previous period of the same length."""

from __future__ import annotations

from .. import maps, show, views
from ..labels import label
from ..report_data import ReportData, previous_period
from .common import caption, nothing_to_show, ranked_chart, theme_province_heatmap


def _system_name(data: ReportData) -> str:
    system = data.selection.province_system
    if data.selection.language == "vi":
        return f"hệ thống {system} tỉnh, thành phố"
    return f"the {system}-province system"


def summary(data: ReportData) -> None:
    lang = data.selection.language
    show.heading("Tóm tắt", "Summary", lang)
    if nothing_to_show(data):
        show.key_figures(articles=0, provinces_named=0)
        return
    counts = views.province_counts(
        data.articles, data.province_mentions, data.selection.province_system
    )
    named = int((counts["articles"] > 0).sum())
    show.note(
        f"{named} trên {len(counts)} đơn vị ({_system_name(data)}) được nhắc đến trong "
        f"{len(data.articles)} bài.",
        f"{named} of {len(counts)} units "
        f"({_system_name(data)}) are named in {len(data.articles)} articles.",
        lang,
    )
    show.key_figures(
        articles=len(data.articles),
        system=data.selection.province_system,
        provinces_named=named,
        top=dict(
            zip(
                counts["province"].head(data.selection.top_n),
                map(int, counts["articles"].head(data.selection.top_n)),
                strict=True,
            )
        ),
    )


def coverage_map(data: ReportData) -> None:
    lang, system = data.selection.language, data.selection.province_system
    show.heading("Bản đồ", "Map", lang)
    if nothing_to_show(data):
        return
    counts = views.province_counts(data.articles, data.province_mentions, system)
    named = counts[counts["articles"] > 0].set_index("code")["articles"]
    show.figure(
        maps.choropleth(
            named,
            system=system,
            language=lang,
            caption=caption(data),
            title=f"{label('articles', lang)} ({_system_name(data)})",
            legend_label=label("articles", lang),
        )
    )


def ranking(data: ReportData) -> None:
    lang, system = data.selection.language, data.selection.province_system
    show.heading("Xếp hạng", "Ranking", lang)
    if nothing_to_show(data):
        return
    counts = views.province_counts(data.articles, data.province_mentions, system)
    top = counts[counts["articles"] > 0].head(data.selection.top_n)
    show.figure(ranked_chart(data, top.set_index("province")["articles"], "province"))
    show.table(top, lang)


def never_named(data: ReportData) -> None:
    lang, system = data.selection.language, data.selection.province_system
    show.heading("Chưa được nhắc đến", "Never named", lang)
    if nothing_to_show(data):
        return
    counts = views.province_counts(data.articles, data.province_mentions, system)
    missing = counts[counts["articles"] == 0]
    if missing.empty:
        show.note("Mọi tỉnh, thành phố đều được nhắc đến.", "Every province is named.", lang)
        return
    show.table(missing[["code", "province"]], lang)


def themes_by_province(data: ReportData) -> None:
    show.heading("Tỉnh, thành phố và chủ đề", "Provinces and themes", data.selection.language)
    if not nothing_to_show(data):
        show.figure(theme_province_heatmap(data))


def change(data: ReportData) -> None:
    lang, system = data.selection.language, data.selection.province_system
    show.heading("Thay đổi so với kỳ trước", "Change against the previous period", lang)
    earlier = previous_period(data)
    if earlier is None:
        show.note(
            "Cần đặt cả date_from và date_to để so với kỳ trước cùng độ dài.",
            "Set both date_from and date_to to compare with the previous period of the "
            "same length.",
            lang,
        )
        return
    if nothing_to_show(data) and earlier.empty:
        return
    show.note(
        f"Kỳ trước: {earlier.selection.period_label}.",
        f"Previous period: {earlier.selection.period_label}.",
        lang,
    )
    now = views.province_counts(data.articles, data.province_mentions, system)
    before = views.province_counts(earlier.articles, earlier.province_mentions, system)
    table = views.change_against(now, before)
    moved = table[(table["articles"] > 0) | (table["previous"] > 0)]
    show.table(moved.head(data.selection.top_n), lang)
