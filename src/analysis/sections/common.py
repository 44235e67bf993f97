"""What the sections of every report share: the caption and the empty-selection guard."""

from __future__ import annotations

from .. import show
from ..labels import label
from ..report_data import ReportData


def caption(data: ReportData) -> str:
    """Data source and date range under every chart."""
    language = data.selection.language
    outlets = ", ".join(data.selection.sources) or (
        "mọi cơ quan báo chí" if language == "vi" else "all outlets"
    )
    return (
        f"{label('source_caption', language)}: {outlets}, {data.selection.data_dir.name} · "
        f"{len(data.articles):,} {label('articles_unit', language)} · "
        f"{data.selection.period_label}"
    )


def nothing_to_show(data: ReportData) -> bool:
    """Show the "no articles match" section when the selection is empty; say whether it was."""
    if data.empty:
        show.no_match(data.selection.language)
        return True
    return False
