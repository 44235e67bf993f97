"""Report charts: matplotlib Figures with Vietnamese labels, colour-blind-safe colours, a caption.

Every function builds a standalone :class:`~matplotlib.figure.Figure` (no pyplot, no global
state): the title is the axes title, the caption is the figure's ``supxlabel`` at the bottom
left, and text uses :data:`FONT_FAMILY`, whose glyph coverage :func:`missing_glyphs` checks.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize, to_rgb
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ticker import MaxNLocator

__all__ = [
    "DPI",
    "EMPTY_MESSAGE",
    "FIGSIZE",
    "FONT_FAMILY",
    "PALETTE",
    "SEQUENTIAL_CMAP",
    "bar_chart",
    "heatmap",
    "missing_glyphs",
    "ranked_bars",
    "stacked_shares",
    "time_series",
]

# Okabe & Ito (2008), canonical order; black last so it is only used from the eighth series on.
PALETTE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#000000",
)
SEQUENTIAL_CMAP = "cividis"
FONT_FAMILY = "DejaVu Sans"  # bundled with matplotlib; covers the Vietnamese alphabet
FIGSIZE = (9.0, 4.5)
DPI = 100
EMPTY_MESSAGE = "Không có dữ liệu"

_BAR_COLOUR = "#0072B2"
_LINESTYLES = ("-", "--", ":", "-.")
_MARKERS = ("o", "s", "^", "D")
_HATCHES = ("", "//", "..", "xx")
_MAX_TICK_LABELS = 24
# Vietnamese day/month/year order and numeric months (strftime's %b would be English).
_DATE_FORMATS = {
    "formats": ["%Y", "%m/%Y", "%d/%m", "%H:%M", "%H:%M", "%S.%f"],
    "zero_formats": ["", "%m/%Y", "%d/%m", "%d/%m", "%H:%M", "%H:%M"],
    "offset_formats": ["", "", "%m/%Y", "%d/%m/%Y", "%d/%m/%Y", "%d/%m/%Y %H:%M"],
}
_RC = {
    "font.family": [FONT_FAMILY],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "svg.fonttype": "none",
}


@lru_cache(maxsize=8)
def _codepoints(font_path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(font_path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str, font_family: str = FONT_FAMILY) -> set[str]:
    """Characters of ``text`` (whitespace ignored) that the font matplotlib finds for
    ``font_family`` has no glyph for; raises ValueError when no such font is installed."""
    path = findfont(FontProperties(family=[font_family]), fallback_to_default=False)
    have = _codepoints(path)
    return {char for char in text if not char.isspace() and ord(char) not in have}


def time_series(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str | None = None,
    title: str,
    xlabel: str,
    ylabel: str,
    caption: str,
    kind: str = "line",
    empty_message: str = EMPTY_MESSAGE,
) -> Figure:
    """One marked line per value of ``series`` (in order of appearance) over ``x``, y from 0.

    Datetime ``x`` gives a date axis; other values are labels placed in sorted order (a
    Categorical keeps its category order, e.g. for "03/2018"-style labels).
    ``kind`` is "line" or "step". Each (series, x) pair must occur at most once.
    """
    if kind not in ("line", "step"):
        raise ValueError(f"time_series: kind must be 'line' or 'step', not {kind!r}")
    with mpl.rc_context(_RC):
        fig, ax = _new_figure()
        data = frame if frame.empty else frame.dropna(subset=[y])
        if data.empty:
            _draw_empty(ax, empty_message)
        else:
            keys = [series, x] if series is not None else [x]
            duplicated = data.duplicated(subset=keys)
            if duplicated.any():
                first = data.loc[duplicated, keys].iloc[0].tolist()
                raise ValueError(f"time_series: duplicate rows for {keys}={first}")
            is_time = pd.api.types.is_datetime64_any_dtype(data[x])
            order = None if is_time else _ordered_labels(data[x])
            groups = (
                [(None, data)]
                if series is None
                else data.groupby(series, sort=False, observed=True)
            )
            drawstyle = "steps-mid" if kind == "step" else "default"
            for i, (name, group) in enumerate(groups):
                ax.plot(
                    *_sorted_points(group, x=x, y=y, order=order),
                    label=None if name is None else _nfc(str(name)),
                    drawstyle=drawstyle,
                    markersize=4,
                    **_series_style(i),
                )
            if is_time:
                locator = AutoDateLocator()
                ax.xaxis.set_major_locator(locator)
                ax.xaxis.set_major_formatter(ConciseDateFormatter(locator, **_DATE_FORMATS))
            else:
                _category_ticks(ax, list(order), axis="x")
            ax.set_ylim(bottom=min(0.0, float(data[y].min())))
            _whole_ticks(ax.yaxis, data[y])
            ax.grid(axis="y", color="0.9")
            ax.set_axisbelow(True)
            if series is not None and data[series].nunique() > 1:
                _legend_right(ax)
        _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, caption=caption)
    return fig


def ranked_bars(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    caption: str,
    ylabel: str = "",
    top_n: int | None = None,
    empty_message: str = EMPTY_MESSAGE,
) -> Figure:
    """Horizontal bars, largest at the top, each labelled with its value; index = categories.

    Ties keep their input order; missing values are dropped.
    """
    with mpl.rc_context(_RC):
        fig, ax = _new_figure()
        ranked = values.dropna().sort_values(ascending=False, kind="stable")
        if top_n is not None:
            ranked = ranked.head(top_n)
        if ranked.empty:
            _draw_empty(ax, empty_message)
        else:
            positions = np.arange(len(ranked))
            bars = ax.barh(positions, ranked.to_numpy(dtype=float), color=_BAR_COLOUR)
            ax.bar_label(bars, labels=_format_values(ranked), padding=3, fontsize=9)
            ax.set_yticks(positions, [_nfc(str(label)) for label in ranked.index])
            ax.invert_yaxis()
            ax.margins(x=0.12)
            ax.set_xlim(left=min(0.0, float(ranked.min())))
            _whole_ticks(ax.xaxis, ranked)
            ax.grid(axis="x", color="0.9")
            ax.set_axisbelow(True)
        _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, caption=caption)
    return fig


def bar_chart(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    caption: str,
    empty_message: str = EMPTY_MESSAGE,
) -> Figure:
    """Vertical bars in index order (e.g. articles per month), value labels when few bars."""
    with mpl.rc_context(_RC):
        fig, ax = _new_figure()
        if values.dropna().empty:
            _draw_empty(ax, empty_message)
        else:
            positions = np.arange(len(values))
            bars = ax.bar(positions, values.to_numpy(dtype=float), color=_BAR_COLOUR)
            if len(values) <= _MAX_TICK_LABELS:
                ax.bar_label(bars, labels=_format_values(values), padding=2, fontsize=8)
                ax.margins(y=0.1)
            _category_ticks(ax, [_label(v) for v in values.index], axis="x")
            _whole_ticks(ax.yaxis, values.dropna())
            ax.grid(axis="y", color="0.9")
            ax.set_axisbelow(True)
        _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, caption=caption)
    return fig


def stacked_shares(
    frame: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    caption: str,
    empty_message: str = EMPTY_MESSAGE,
) -> Figure:
    """One stacked bar per period (index) of the shares in percent of each column."""
    with mpl.rc_context(_RC):
        fig, ax = _new_figure()
        if frame.empty:
            _draw_empty(ax, empty_message)
        else:
            shares = frame.fillna(0).astype(float)
            positions = np.arange(len(shares))
            bottom = np.zeros(len(shares))
            for i, column in enumerate(shares.columns):
                heights = shares[column].to_numpy()
                ax.bar(
                    positions,
                    heights,
                    bottom=bottom,
                    label=_nfc(str(column)),
                    color=PALETTE[i % len(PALETTE)],
                    hatch=_HATCHES[i // len(PALETTE) % len(_HATCHES)] or None,
                    edgecolor="white",
                    linewidth=0.5,
                    width=0.8,
                )
                bottom = bottom + heights
            _category_ticks(ax, [_label(v) for v in shares.index], axis="x")
            ax.set_ylim(0, max(100.0, float(bottom.max())))
            ax.grid(axis="y", color="0.9")
            ax.set_axisbelow(True)
            _legend_right(ax, reverse=True)
        _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, caption=caption)
    return fig


def heatmap(
    matrix: pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    caption: str,
    value_label: str,
    empty_message: str = EMPTY_MESSAGE,
) -> Figure:
    """Cividis cells annotated with their values (integers when all values are whole numbers,
    else one decimal) in black or white by cell brightness; missing cells are left blank."""
    with mpl.rc_context(_RC):
        fig, ax = _new_figure(figsize=_heatmap_size(matrix))
        if matrix.empty:
            _draw_empty(ax, empty_message)
        else:
            values = matrix.to_numpy(dtype=float)
            cmap = mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad="white")
            image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, aspect="auto")
            fontsize = _cell_fontsize(fig, matrix)
            _annotate_cells(ax, values, cmap=cmap, norm=image.norm, fontsize=fontsize)
            ax.set_xticks(range(values.shape[1]), [_label(c) for c in matrix.columns])
            ax.set_yticks(range(values.shape[0]), [_label(r) for r in matrix.index])
            if max(len(_label(c)) for c in matrix.columns) > 6:
                _rotate(ax.get_xticklabels())
            ax.tick_params(length=0)
            ax.spines[:].set_visible(False)
            colorbar = fig.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
            colorbar.set_label(_nfc(value_label))
            _whole_ticks(colorbar.ax.yaxis, matrix.stack())
            colorbar.outline.set_visible(False)
            _instantiate_ticks(colorbar.ax)
        _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, caption=caption)
    return fig


def _whole_ticks(axis, values: pd.Series) -> None:
    """Ticks at whole numbers only when the values are counts (no "0.5 articles")."""
    if _all_whole(values.to_numpy(dtype=float)):
        axis.set_major_locator(MaxNLocator(integer=True))


def _new_figure(*, figsize: tuple[float, float] = FIGSIZE) -> tuple[Figure, Axes]:
    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _finish(fig: Figure, ax: Axes, *, title: str, xlabel: str, ylabel: str, caption: str) -> None:
    ax.set_title(_nfc(title))
    ax.set_xlabel(_nfc(xlabel))
    ax.set_ylabel(_nfc(ylabel))
    fig.supxlabel(_nfc(caption), x=0.01, ha="left", fontsize=8, color="0.35", gid="caption")
    _instantiate_ticks(ax)


def _instantiate_ticks(ax: Axes) -> None:
    """Create the first tick of each axis now, inside the rc_context: ticks made later at draw
    time copy its font, so the figure renders the same whatever the global rcParams are."""
    for axis in (ax.xaxis, ax.yaxis):
        axis.get_major_ticks(1)
        axis.get_minor_ticks(1)


def _draw_empty(ax: Axes, message: str) -> None:
    ax.text(
        0.5,
        0.5,
        _nfc(message),
        transform=ax.transAxes,
        ha="center",
        va="center",
        color="0.4",
        fontsize=12,
        gid="empty",
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _series_style(i: int) -> dict:
    """Colour cycles fastest; line style and marker change after each full round of colours."""
    k = len(PALETTE)
    return {
        "color": PALETTE[i % k],
        "linestyle": _LINESTYLES[i // k % len(_LINESTYLES)],
        "marker": _MARKERS[i // k % len(_MARKERS)],
    }


def _legend_right(ax: Axes, *, reverse: bool = False) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if reverse:
        handles, labels = handles[::-1], labels[::-1]
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def _ordered_labels(column: pd.Series) -> dict:
    """Map each distinct x label to its position: category order or sorted order."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        present = set(column.dropna())
        distinct = [c for c in column.cat.categories if c in present]
    else:
        distinct = sorted(column.dropna().unique())
    return {value: position for position, value in enumerate(distinct)}


def _sorted_points(group: pd.DataFrame, *, x: str, y: str, order: dict | None) -> tuple:
    """x (dates, or label positions from ``order``) and y values of one line, sorted along x."""
    xs = group[x].to_numpy() if order is None else np.array([order[v] for v in group[x]])
    idx = np.argsort(xs, kind="stable")
    return xs[idx], group[y].to_numpy(dtype=float)[idx]


def _category_ticks(ax: Axes, labels: Sequence, *, axis: str) -> None:
    """Label positions 0..n-1; beyond _MAX_TICK_LABELS show every k-th; rotate when crowded."""
    labels = [_label(v) for v in labels]
    step = max(1, math.ceil(len(labels) / _MAX_TICK_LABELS))
    positions = range(0, len(labels), step)
    shown = [labels[p] for p in positions]
    getattr(ax, f"set_{axis}ticks")(list(positions), shown)
    if axis == "x" and sum(map(len, shown)) > 60:
        _rotate(ax.get_xticklabels())


def _rotate(labels: Sequence) -> None:
    for label in labels:
        label.set(rotation=45, ha="right", rotation_mode="anchor")


def _format_values(values: pd.Series) -> list[str]:
    numbers = values.to_numpy(dtype=float)
    whole = _all_whole(numbers)
    return [_format_number(v, whole=whole) for v in numbers]


def _all_whole(numbers: np.ndarray) -> bool:
    finite = numbers[np.isfinite(numbers)]
    return bool(np.all(finite == np.round(finite)))


def _format_number(value: float, *, whole: bool) -> str:
    if not np.isfinite(value):
        return ""
    return f"{value:.0f}" if whole else f"{value:.1f}"


def _annotate_cells(
    ax: Axes, values: np.ndarray, *, cmap: Colormap, norm: Normalize, fontsize: float
) -> None:
    whole = _all_whole(values)
    for (row, col), value in np.ndenumerate(values):
        if np.isfinite(value):
            text = _format_number(value, whole=whole)
            colour = _text_colour(cmap(norm(value)))
            ax.text(col, row, text, ha="center", va="center", fontsize=fontsize, color=colour)


def _text_colour(background) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG relative luminance)."""
    rgb = to_rgb(background)
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "black" if luminance > 0.179 else "white"


def _heatmap_size(matrix: pd.DataFrame) -> tuple[float, float]:
    """Width and height in inches grown with the cell count and label lengths, within bounds."""
    rows, cols = matrix.shape
    row_chars = max((len(_label(r)) for r in matrix.index), default=0)
    col_chars = max((len(_label(c)) for c in matrix.columns), default=0)
    width = 2.0 + 0.075 * row_chars + 0.6 * cols
    height = 1.6 + 0.35 * rows + (0.05 * col_chars if col_chars > 6 else 0.0)
    return (min(max(width, 6.0), 16.0), min(max(height, 3.5), 12.0))


def _cell_fontsize(fig: Figure, matrix: pd.DataFrame) -> float:
    width, height = fig.get_size_inches()
    rows, cols = matrix.shape
    cell_points = 72 * min((height - 1.6) / rows, (width - 2.0) / (cols * 1.6))
    return min(max(0.55 * cell_points, 5.0), 9.0)


def _label(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    return _nfc(str(value))


def _nfc(text: str) -> str:
    """Precomposed letters: matplotlib does not shape combining tone marks onto their base."""
    return unicodedata.normalize("NFC", text)
