"""What the sections of several reports share: the caption, the empty-selection guard, the
province × theme heat map, ranked bars and one-table sections."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure

from .. import charts, show, views
from ..keyness import word_cache
from ..labels import label
from ..report_data import ReportData


def caption(data: ReportData) -> str:
    """Data source and date range under every chart: "Nguồn: Tổ Quốc, Nhân Dân · 1.234 bài ·
    01/07/2025 – 31/07/2025"."""
    lang = data.selection.language
    outlets = data.articles["source"].dropna().value_counts().index.tolist()
    named = ", ".join(outlets[:4]) + (f" (+{len(outlets) - 4})" if len(outlets) > 4 else "")
    count = show.number(len(data.articles), lang)
    return (
        f"{label('source_caption', lang)}: {named or '—'} · {count} "
        f"{label('articles_unit', lang)} · {data.selection.period_label}"
    )


def nothing_to_show(data: ReportData) -> bool:
    """Show the "no articles match" section when the selection is empty; say whether it was."""
    if data.empty:
        show.no_match(data.selection.language)
        return True
    return False


def theme_province_heatmap(data: ReportData) -> Figure:
    """Articles per (province, theme) for the most named provinces."""
    lang = data.selection.language
    matrix = views.theme_province_matrix(
        data.themes,
        data.province_mentions,
        data.selection.province_system,
        top_n=data.selection.top_n,
        language=lang,
    )
    title = (
        f"{label('articles', lang)}: {label('province', lang).lower()} × "
        + label("theme", lang).lower()
    )
    return charts.heatmap(
        matrix,
        title=title,
        xlabel=label("theme", lang),
        ylabel=label("province", lang),
        caption=caption(data),
        empty_message=label("no_data", lang),
        value_label=label("articles", lang),
    )


def ranked_chart(
    data: ReportData, values: pd.Series, category: str, *, title: str | None = None
) -> Figure:
    """Articles per ``category`` (a label key: theme, document, province), largest first."""
    lang = data.selection.language
    return charts.ranked_bars(
        values,
        title=title or f"{label('articles', lang)} / {label(category, lang).lower()}",
        xlabel=label("articles", lang),
        ylabel=label(category, lang),
        caption=caption(data),
        empty_message=label("no_data", lang),
    )


def table_section(data: ReportData, vi: str, en: str, build: Callable[[], pd.DataFrame]) -> None:
    """A section that is one table, built only when the selection holds articles."""
    show.heading(vi, en, data.selection.language)
    if not nothing_to_show(data):
        show.table(build(), data.selection.language)


def cached_words(data: ReportData):
    """Segmented words kept beside the processed tables, for the next report to reuse."""
    return word_cache(data.selection.data_dir / ".cache")
