"""Interactive exploration in JupyterLab: terms' rates over time and their latest contexts.

The corpus is read once (:func:`load_explorer_data`); every change of a control cuts it in
memory (:func:`explore_view`, which the widgets and the tests call alike) and redraws a chart
of the articles with each term per 1,000 articles and a keyword-in-context table.
"""

from __future__ import annotations

import base64
import io
import traceback
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from . import charts
from .dates import TIMEZONE
from .labels import label, relabel
from .parameters import GRANULARITIES, Selection, resolve_system, validate_parameters
from .provinces import load_gazetteer
from .report_data import ReportData, load_report_data, select
from .sections.common import caption
from .show import html_table
from .terms import PERIODS, count_terms, kwic, normalize_term
from .themes import load_themes
from .views import period_range

__all__ = [
    "DEFAULT_TERMS",
    "Explorer",
    "build_explorer",
    "explore_view",
    "kwic_lines",
    "load_explorer_data",
    "months",
    "province_names",
    "rate_chart",
    "selection_for",
]

DEFAULT_TERMS = ("dân vận", "chuyển đổi số")
KWIC_COLUMNS = ["doc_id", "published", "source", "term", "left", "match", "right", "url"]
KWIC_STYLE = """<style>
.vnpolicy-kwic { overflow-x: auto; }
.vnpolicy-kwic td { white-space: nowrap; vertical-align: top; }
.vnpolicy-kwic td:nth-child(4) { text-align: right; }
.vnpolicy-kwic td:nth-child(5) { text-align: center; font-weight: bold; }
.vnpolicy-kwic td:nth-child(6) { text-align: left; }
</style>"""  # the contexts meet at the keyword; the columns' order is KWIC_COLUMNS'
SYSTEM_CHOICES = (("tự động", "auto"), ("63 tỉnh", "63"), ("34 tỉnh", "34"))


def load_explorer_data(data_dir: str | Path) -> ReportData:
    """Every article of ``data_dir`` (duplicates left out) and its annotations, read once."""
    return load_report_data(validate_parameters({"data_dir": str(data_dir)}))


def selection_for(
    data: ReportData,
    *,
    terms: Sequence[str] = (),
    provinces: Sequence[str] = (),
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    themes: Sequence[str] = (),
    granularity: str = "month",
    language: str = "vi",
    province_system: str = "auto",
) -> Selection:
    """``data``'s selection with these choices, checked as report parameters are: ``date_to``
    is the last day included; provinces are names and themes ids or labels."""
    return validate_parameters({
        "data_dir": data.selection.data_dir,
        "date_from": _iso(date_from),
        "date_to": _iso(date_to),
        "terms": list(terms),
        "provinces": list(provinces),
        "themes": list(themes),
        "granularity": granularity,
        "language": language,
        "province_system": province_system,
        "top_n": data.selection.top_n,
    })  # fmt: skip


def explore_view(
    data: ReportData,
    *,
    terms: Sequence[str],
    provinces: Sequence[str] = (),
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    themes: Sequence[str] = (),
    granularity: str = "month",
    language: str = "vi",
    province_system: str = "auto",
    max_rows: int | None = 50,
    window: int = 60,
) -> tuple[Figure, pd.DataFrame]:
    """The chart of the terms' rates per period and the latest ``max_rows`` (None: all)
    keyword-in-context lines, for ``data`` (as loaded) cut to these choices in memory."""
    selection = selection_for(
        data, terms=terms, provinces=provinces, date_from=date_from, date_to=date_to,
        themes=themes, granularity=granularity, language=language,
        province_system=province_system,
    )  # fmt: skip
    cut = select(data, selection)
    return rate_chart(cut), kwic_lines(cut, max_rows=max_rows, window=window)


def rate_chart(data: ReportData) -> Figure:
    """Articles with each of the selection's terms per 1,000 articles of each period."""
    lang, granularity = data.selection.language, data.selection.granularity
    terms = list(dict.fromkeys(normalize_term(t) for t in data.selection.terms))
    table = pd.DataFrame(columns=[granularity, "term", "per_1000_articles"])
    if not terms:
        message = "Chưa chọn thuật ngữ nào" if lang == "vi" else "No terms chosen"
    elif data.empty:  # group_counts fails on no articles
        message = label("no_match", lang)
    else:
        table, message = count_terms(data.articles, terms, by=granularity), label("no_data", lang)
        periods = pd.PeriodIndex(table[granularity], freq=PERIODS[granularity])
        table[granularity] = periods.to_timestamp()  # a date axis keeps the gaps' widths
    rate = label("per_1000_articles", lang)
    return charts.time_series(
        table, x=granularity, y="per_1000_articles", series="term",
        title=f"{rate} ({label(granularity, lang).lower()}): {', '.join(terms)}".rstrip(": "),
        xlabel=label(granularity, lang), ylabel=rate, caption=caption(data),
        empty_message=message,
    )  # fmt: skip


def kwic_lines(data: ReportData, *, max_rows: int | None = 50, window: int = 60) -> pd.DataFrame:
    """Every match of the selection's terms with ``window`` characters of context each side,
    latest article first (the first ``max_rows``; None: all), with the article's link."""
    terms = dict.fromkeys(normalize_term(t) for t in data.selection.terms)
    frames = [kwic(data.articles, term, window=window).assign(term=term) for term in terms]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    lines = pd.concat(frames, ignore_index=True).merge(
        data.articles[["doc_id", "url"]], on="doc_id", how="left"
    )
    lines = lines.sort_values("published", ascending=False, kind="stable", na_position="last")
    lines = lines[KWIC_COLUMNS].reset_index(drop=True)
    return lines if max_rows is None else lines.head(max_rows)


def province_names(system: str) -> list[str]:
    """The province names of the 63- or 34-province system, in Vietnamese alphabetical order."""
    gazetteer = load_gazetteer()
    names = gazetteer.legacy if system == "63" else gazetteer.current
    return sorted(names, key=_alphabetical)


def months(data: ReportData) -> list[pd.Period]:
    """Every month from the first article's to the last's (months without articles too)."""
    return [pd.Period(m, "M") for m in period_range(data.articles["published"], "month")]


_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng: dictionary order


def _alphabetical(text: str) -> tuple[list, list]:
    """A sort key in Vietnamese dictionary order: letters first (ă after a, đ after d), then
    tones (a à ả ã á ạ); ``fold`` would put "Cần Thơ" before "Cao Bằng"."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        tone = next((c for c in parts if c in _TONES), "")
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        letters.append((1, _ALPHABET.index(letter)) if letter in _ALPHABET else (0, ord(letter)))
        tones.append(_TONES.find(tone) + 1)
    return letters, tones


def _iso(day: date | str | None) -> str | None:
    return day.isoformat() if isinstance(day, date) else day


class Explorer(widgets.VBox):
    """The controls above the chart and the keyword-in-context table they redraw.

    ``controls`` maps each choice of :func:`explore_view` to its widget (``months``, a range
    slider, for the dates); ``output`` (``children[1]``) is the :class:`~ipywidgets.Output`
    that every change refills.
    """

    def __init__(self, data: ReportData, *, terms: Sequence[str] = DEFAULT_TERMS,
                 max_rows: int = 50):  # fmt: skip
        super().__init__()
        self.data, self.max_rows = data, max_rows
        self._months = months(data)
        self.controls = _controls(self._months, terms)
        self.output = widgets.Output()
        self._busy = False
        self._system = None
        self._update_provinces()
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.children = [_layout(self.controls), self.output]
        self.refresh()

    def choices(self) -> dict:
        """The controls' values as keyword arguments of :func:`explore_view`."""
        c = self.controls
        date_from, date_to = self._dates()
        return {
            "terms": list(c["terms"].value),
            "provinces": list(c["provinces"].value),
            "date_from": date_from,
            "date_to": date_to,
            "themes": list(c["themes"].value),
            "granularity": c["granularity"].value,
            "language": c["language"].value,
            "province_system": c["province_system"].value,
        }

    def refresh(self) -> None:
        """Redraw the chart and the table for the current choices (errors shown in place)."""
        choices = self.choices()
        try:
            fig, lines = explore_view(self.data, **choices, max_rows=self.max_rows)
            outputs = _outputs(fig, lines, choices["language"])
        except Exception as error:  # a callback's exception would only reach the log console
            outputs = (_error_output(error),)
        self.output.outputs = outputs

    def _dates(self) -> tuple[date | None, date | None]:
        """The slider's first and last day; None at either end of the corpus (so that articles
        without a date stay in when the whole range is chosen)."""
        if not self._months:
            return None, None
        first, last = self.controls["months"].value
        return (None if first == self._months[0] else first.start_time.date(),
                None if last == self._months[-1] else last.end_time.date())  # fmt: skip

    def _changed(self, change) -> None:
        if self._busy:
            return
        if change["owner"] in (self.controls["province_system"], self.controls["months"]):
            self._update_provinces()
        self.refresh()

    def _update_provinces(self) -> None:
        """Offer the provinces of the system the choices resolve to; keep the chosen ones (an
        old province becomes the unit it merged into)."""
        last = self._dates()[1]
        end = None if last is None else pd.Timestamp(last, tz=TIMEZONE) + pd.Timedelta(days=1)
        system = resolve_system(self.controls["province_system"].value, end)
        if system == self._system:
            return
        widget, gazetteer = self.controls["provinces"], load_gazetteer()
        chosen = widget.value
        if system == "34":
            chosen = [gazetteer.merged_into.get(name, name) for name in chosen]
        names = province_names(system)
        self._busy = True
        try:
            widget.options = names
            widget.value = tuple(dict.fromkeys(name for name in chosen if name in names))
        finally:
            self._busy = False
        self._system = system


def build_explorer(data_dir: str | Path, *, terms: Sequence[str] = DEFAULT_TERMS) -> Explorer:
    """The explorer of the processed corpus in ``data_dir`` (read once, here)."""
    return Explorer(load_explorer_data(data_dir), terms=terms)


def _controls(periods: list[pd.Period], terms: Sequence[str]) -> dict[str, widgets.Widget]:
    wide = {"description_width": "initial"}
    month_options = [(f"{p.month:02d}/{p.year}", p) for p in periods] or [("—", None)]
    return {
        "terms": widgets.TagsInput(
            value=list(terms), allow_duplicates=False, placeholder="thêm thuật ngữ, Enter"
        ),
        "provinces": widgets.SelectMultiple(
            options=[],
            rows=8,
            description="Tỉnh, thành phố",
            style=wide,
            layout=widgets.Layout(width="300px"),
        ),
        "province_system": widgets.ToggleButtons(
            options=SYSTEM_CHOICES, value="auto", description="Hệ thống", style=wide
        ),
        "months": widgets.SelectionRangeSlider(
            options=month_options,
            index=(0, len(month_options) - 1),
            description="Thời gian",
            continuous_update=False,
            disabled=not periods,
            style=wide,
            layout=widgets.Layout(width="95%"),
        ),
        "themes": widgets.SelectMultiple(
            options=[(theme.vi, theme.id) for theme in load_themes()],
            rows=8,
            description=label("theme"),
            style=wide,
            layout=widgets.Layout(width="460px"),
        ),
        "granularity": widgets.ToggleButtons(
            options=[(label(g), g) for g in GRANULARITIES],
            value="month",
            description=label("period"),
            style=wide,
        ),
        "language": widgets.ToggleButtons(
            options=[("Tiếng Việt", "vi"), ("English", "en")],
            value="vi",
            description="Ngôn ngữ",
            style=wide,
        ),
    }


def _layout(c: dict[str, widgets.Widget]) -> widgets.Widget:
    terms = widgets.HBox([widgets.Label(label("term")), c["terms"]])
    lists = widgets.HBox([c["provinces"], c["themes"]])
    toggles = widgets.HBox([c["granularity"], c["language"]])
    return widgets.VBox([terms, c["months"], c["province_system"], lists, toggles])


def _outputs(fig: Figure, lines: pd.DataFrame, language: str) -> tuple[dict, ...]:
    """Output-widget contents: the chart as a PNG, then the table of contexts (escaped)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    heading = ("Từ khóa trong ngữ cảnh, mới nhất trước" if language == "vi"
               else "Keywords in context, latest first")  # fmt: skip
    if lines.empty:
        table = f"<p>{label('no_data', language)}</p>"
    else:
        unused = ["doc_id", *(["url"] if lines["url"].isna().all() else [])]
        table = html_table(relabel(lines.drop(columns=unused), language),
                           link_label=label("url", language))  # fmt: skip
    html = f'{KWIC_STYLE}<h4>{heading}</h4><div class="vnpolicy-kwic">{table}</div>'
    return (
        _display({"image/png": png, "text/plain": fig.axes[0].get_title()}),
        _display({"text/html": html, "text/plain": heading}),
    )


def _display(data: dict) -> dict:
    return {"output_type": "display_data", "data": data, "metadata": {}}


def _error_output(error: Exception) -> dict:
    return {"output_type": "error", "ename": type(error).__name__, "evalue": str(error),
            "traceback": traceback.format_exception(error)}  # fmt: skip
