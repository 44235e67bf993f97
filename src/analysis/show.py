"""What a report notebook shows: headings, tables, figures, notes and key figures.

Everything from the data is escaped here: an article title holding ``<script>`` shows as text.
Headings carry metadata the renderer reads to build the table of contents; key figures are an
output of their own type that the renderer moves into the report's JSON sidecar.
"""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from html import escape
from numbers import Integral, Real
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from IPython.display import HTML, display
from matplotlib.figure import Figure

from .labels import label, relabel
from .parameters import fold

KEY_FIGURES_TYPE = "application/vnd.vnpolicy.key-figures+json"
HEADING_KEY = "vnpolicy_heading"


def anchor(text: str) -> str:
    """An HTML id for a heading: "Tần suất theo tháng" -> "tan-suat-theo-thang"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "section"


_ISSUED_IDS: Counter[str] = Counter()  # ids given so far in this kernel, i.e. this report


def heading(vi: str, en: str, language: str = "vi", *, level: int = 2) -> None:
    """A section heading, listed in the report's table of contents (a unique id each)."""
    text = vi if language == "vi" else en
    base = anchor(text)
    _ISSUED_IDS[base] += 1
    target = base if _ISSUED_IDS[base] == 1 else f"{base}-{_ISSUED_IDS[base]}"
    tag = f"h{level}"
    display(
        HTML(f'<{tag} id="{target}">{escape(text)}</{tag}>'),
        metadata={HEADING_KEY: {"text": text, "level": level, "id": target}},
    )


def note(vi: str, en: str, language: str = "vi") -> None:
    display(HTML(f'<p class="vnpolicy-note">{escape(vi if language == "vi" else en)}</p>'))


def no_match(language: str = "vi", *, what: str = "") -> None:
    """The section shown instead of charts when the selection holds no articles."""
    message = label("no_match", language) + (f": {what}" if what else "")
    display(HTML(f'<div class="vnpolicy-empty"><strong>{escape(message)}</strong></div>'))


def figure(fig: Figure, *, dpi: int = 110) -> None:
    """Show a chart as an embedded PNG, its title as the alternative text."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    alt = escape(fig.axes[0].get_title() if fig.axes else "", quote=True)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    display(HTML(f'<img class="vnpolicy-figure" alt="{alt}" src="data:image/png;base64,{data}">'))


def table(frame: pd.DataFrame, language: str = "vi") -> None:
    """Show ``frame`` with columns in the reader's language, every cell escaped."""
    if frame.empty:
        note(label("no_data", "vi"), label("no_data", "en"), language)
        return
    shown = relabel(frame.reset_index(drop=frame.index.name is None), language)
    display(HTML(html_table(shown, link_label=label("url", language), language=language)))


def html_table(frame: pd.DataFrame, *, link_label: str | None = None, language: str = "vi") -> str:
    """An HTML table of ``frame``: text escaped, numbers and dates formatted, and the
    ``link_label`` column as links when (and only when) it holds http(s) URLs."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = [
            _cell(value, column == link_label, language)
            for column, value in zip(frame.columns, row, strict=True)
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="vnpolicy-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def number(value: float, language: str = "vi", *, decimals: int = 1) -> str:
    """A number as readers write it: "1.234,5" in Vietnamese, "1,234.5" in English."""
    text = f"{value:,.{decimals}f}" if isinstance(value, float) else f"{value:,}"
    return text.translate(str.maketrans(",.", ".,")) if language == "vi" else text


def _is_web_link(text: str) -> bool:
    try:
        return urlsplit(text).scheme in ("http", "https")
    except ValueError:  # "https://[broken": shown as text
        return False


def _cell(value, is_link: bool, language: str) -> str:
    if isinstance(value, np.ndarray):  # list columns read from Parquet
        value = value.tolist()
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return "<td></td>"
    if is_link and _is_web_link(str(value)):
        url = escape(str(value), quote=True)
        return f'<td><a href="{url}" rel="noopener noreferrer">{escape(str(value))}</a></td>'
    if isinstance(value, pd.Timestamp):
        text = value.strftime("%d/%m/%Y")
    elif isinstance(value, Integral | Real) and not isinstance(value, bool):
        text = number(value if isinstance(value, Integral) else float(value), language)
    elif isinstance(value, list | tuple):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    align = ' class="num"' if isinstance(value, Real) and not isinstance(value, bool) else ""
    return f"<td{align}>{escape(text)}</td>"


def key_figures(**figures) -> None:
    """Record the report's key figures (JSON values) for its sidecar file."""
    display({KEY_FIGURES_TYPE: figures}, raw=True)
