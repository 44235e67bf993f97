import io
import unicodedata
import warnings
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.text import Text

from analysis.charts import (
    EMPTY_MESSAGE,
    FONT_FAMILY,
    PALETTE,
    bar_chart,
    heatmap,
    missing_glyphs,
    ranked_bars,
    stacked_shares,
    time_series,
)

CAPTION = "Nguồn: data/processed · 64 bài · 03/2018–11/2025"
TITLE = "Tần suất “cải cách thủ tục hành chính” theo tháng"
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
CONSONANTS = "bcdđghklmnpqrstvx"
# Article counts per outlet in the demo corpus (tests/test_overview.py).
BY_SOURCE = pd.Series({"Tổ Quốc": 26, "Chinhphu.vn": 14, "ĐCSVN": 12, "Nhân Dân": 12})
PLAIN = {"title": "t", "xlabel": "x", "caption": "c"}  # when the texts are not under test
THEMES = ["Cải cách hành chính", "Chuyển đổi số", "Phòng chống tham nhũng"]


def vietnamese_letters() -> set[str]:
    toned = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    lower = toned | set(CONSONANTS)
    return lower | {c.upper() for c in lower}


def long_counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "theme": [THEMES[0]] * 3 + [THEMES[1]] * 2,
            "month": ["2024-03", "2024-01", "2024-02", "2024-02", "2024-03"],
            "n": [5, 2, 7, 1, 4],
        }
    )


def shares() -> pd.DataFrame:
    return pd.DataFrame(
        {THEMES[0]: [50.0, 25.0], THEMES[1]: [30.0, 25.0], THEMES[2]: [20.0, 50.0]},
        index=["2024-01", "2024-02"],
    )


def texts_of(fig: Figure) -> tuple[str, str, str, str]:
    ax = fig.axes[0]
    return ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), fig.get_supxlabel()


def tick_labels(labels) -> list[str]:
    return [label.get_text() for label in labels]


def build_all(*, empty: bool = False, title: str = TITLE) -> dict[str, Figure]:
    frame = long_counts().iloc[:0] if empty else long_counts()
    values = BY_SOURCE.iloc[:0] if empty else BY_SOURCE
    wide = shares().iloc[:0] if empty else shares()
    labels = {"title": title, "xlabel": "Tháng", "caption": CAPTION}
    return {
        "time_series": time_series(
            frame, x="month", y="n", series="theme", ylabel="Số bài", **labels
        ),
        "ranked_bars": ranked_bars(values, **labels),
        "bar_chart": bar_chart(values, ylabel="Số bài", **labels),
        "stacked_shares": stacked_shares(wide, ylabel="Tỷ trọng (%)", **labels),
        "heatmap": heatmap(wide, ylabel="Tháng", value_label="Tỷ trọng (%)", **labels),
    }


def test_palette_is_okabe_ito_in_canonical_order():
    assert PALETTE == (
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"
    )  # fmt: skip


def test_font_family_is_matplotlibs_bundled_dejavu_sans():
    path = findfont(FontProperties(family=[FONT_FAMILY]), fallback_to_default=False)
    assert FONT_FAMILY == "DejaVu Sans"
    assert Path(path).name == "DejaVuSans.ttf"
    assert Path(path).parent.name == "ttf" and "mpl-data" in Path(path).parts


def test_the_font_has_every_vietnamese_letter():
    letters = vietnamese_letters()
    assert all(len(c) == 1 for c in letters)  # precomposed code points, e.g. "ỹ" U+1EF9
    assert len(letters) == 2 * (len(VOWELS) * len(TONES) + len(CONSONANTS)) == 178
    assert {"ặ", "Ặ", "ỡ", "Ỡ", "ự", "Ự", "ỹ", "Ỹ", "đ", "Đ"} <= letters
    assert missing_glyphs("".join(sorted(letters))) == set()
    assert missing_glyphs(TITLE + CAPTION + EMPTY_MESSAGE) == set()


def test_missing_glyphs_reports_what_the_font_lacks():
    assert missing_glyphs("Sông 河 Hồng 紅") == {"河", "紅"}
    assert missing_glyphs(" \t\n\u3000") == set()


def test_missing_glyphs_of_an_absent_font_is_an_error():
    with pytest.raises(ValueError):
        missing_glyphs("a", font_family="No Such Font 7f3a")


def test_the_font_has_every_glyph_of_a_real_article(shared):
    text = (shared / "seed" / "000_04138829e218d63b.txt").read_text(encoding="utf-8")
    assert missing_glyphs(text) == set()


@pytest.mark.parametrize("empty", [False, True])
def test_every_chart_has_the_given_title_labels_and_caption(empty):
    figures = build_all(empty=empty)
    assert texts_of(figures["time_series"]) == (TITLE, "Tháng", "Số bài", CAPTION)
    assert texts_of(figures["ranked_bars"]) == (TITLE, "Tháng", "", CAPTION)
    assert texts_of(figures["bar_chart"]) == (TITLE, "Tháng", "Số bài", CAPTION)
    assert texts_of(figures["stacked_shares"]) == (TITLE, "Tháng", "Tỷ trọng (%)", CAPTION)
    assert texts_of(figures["heatmap"]) == (TITLE, "Tháng", "Tháng", CAPTION)
    for fig in figures.values():
        assert type(fig) is Figure
        assert tuple(fig.get_size_inches()) == (9.0, 4.5) or fig is figures["heatmap"]
        assert fig.dpi == 100
        caption = fig._supxlabel
        assert (caption.get_position()[0], caption.get_horizontalalignment()) == (0.01, "left")


def test_empty_inputs_draw_the_message():
    for fig in build_all(empty=True).values():
        ax = fig.axes[0]
        assert tick_labels(ax.texts) == [EMPTY_MESSAGE]
        assert ax.texts[0].get_position() == (0.5, 0.5)
    fig = bar_chart(pd.Series([], dtype=float), **PLAIN, ylabel="y", empty_message="Trống")
    assert tick_labels(fig.axes[0].texts) == ["Trống"]
    all_missing = pd.Series([np.nan, np.nan], index=["a", "b"])
    fig = ranked_bars(all_missing, **PLAIN)
    assert tick_labels(fig.axes[0].texts) == [EMPTY_MESSAGE]


def test_time_series_draws_one_marked_line_per_series_in_period_order():
    fig = time_series(long_counts(), x="month", y="n", series="theme", **PLAIN, ylabel="y")
    ax = fig.axes[0]
    first, second = ax.get_lines()
    assert (first.get_label(), second.get_label()) == (THEMES[0], THEMES[1])
    assert first.get_xdata().tolist() == [0, 1, 2] and first.get_ydata().tolist() == [2, 7, 5]
    assert second.get_xdata().tolist() == [1, 2] and second.get_ydata().tolist() == [1, 4]
    assert (first.get_color(), second.get_color()) == PALETTE[:2]
    assert first.get_marker() == "o"
    assert tick_labels(ax.get_xticklabels()) == ["2024-01", "2024-02", "2024-03"]
    assert ax.get_ylim()[0] == 0
    assert tick_labels(ax.get_legend().get_texts()) == THEMES[:2]


def test_time_series_single_line_without_legend_and_categorical_order():
    frame = pd.DataFrame({"month": ["03/2018", "11/2017", "01/2018"], "n": [3, 1, 2]})
    frame["month"] = pd.Categorical(frame["month"], ["11/2017", "01/2018", "03/2018"])
    fig = time_series(frame, x="month", y="n", **PLAIN, ylabel="y")
    ax = fig.axes[0]
    (line,) = ax.get_lines()
    assert line.get_ydata().tolist() == [1, 2, 3]
    assert tick_labels(ax.get_xticklabels()) == ["11/2017", "01/2018", "03/2018"]
    assert ax.get_legend() is None


def test_time_series_on_timestamps_uses_a_date_axis():
    frame = pd.DataFrame({"day": pd.to_datetime(["2024-02-01", "2024-01-01"]), "n": [4, 9]})
    fig = time_series(frame, x="day", y="n", **PLAIN, ylabel="y")
    (line,) = fig.axes[0].get_lines()
    assert line.get_ydata().tolist() == [9, 4]
    assert [str(d)[:10] for d in line.get_xdata()] == ["2024-01-01", "2024-02-01"]


def test_time_series_varies_line_style_beyond_eight_series():
    frame = pd.DataFrame({"s": [f"chủ đề {i:02d}" for i in range(10)], "m": "2024-01", "n": 1})
    fig = time_series(frame, x="m", y="n", series="s", **PLAIN, ylabel="y")
    lines = fig.axes[0].get_lines()
    styles = [(line.get_color(), line.get_linestyle()) for line in lines]
    assert styles[:8] == [(colour, "-") for colour in PALETTE]
    assert styles[8:] == [(PALETTE[0], "--"), (PALETTE[1], "--")]


def test_time_series_rejects_duplicates_and_unknown_kinds():
    doubled = pd.concat([long_counts(), long_counts().head(1)])
    with pytest.raises(ValueError, match="duplicate"):
        time_series(doubled, x="month", y="n", series="theme", **PLAIN, ylabel="y")
    with pytest.raises(ValueError, match="kind"):
        time_series(long_counts(), x="month", y="n", **PLAIN, ylabel="y", kind="pie")


def test_ranked_bars_put_the_largest_on_top_with_value_labels():
    fig = ranked_bars(BY_SOURCE.sort_index(), **PLAIN)
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    assert tick_labels(ax.get_yticklabels()) == ["Tổ Quốc", "Chinhphu.vn", "Nhân Dân", "ĐCSVN"]
    assert [bar.get_width() for bar in ax.patches] == [26, 14, 12, 12]
    assert tick_labels(ax.texts) == ["26", "14", "12", "12"]


def test_ranked_bars_keep_input_order_for_ties_and_cut_at_top_n():
    fig = ranked_bars(BY_SOURCE, **PLAIN, top_n=3)
    ax = fig.axes[0]
    assert tick_labels(ax.get_yticklabels()) == ["Tổ Quốc", "Chinhphu.vn", "ĐCSVN"]
    fig = ranked_bars(pd.Series({"Huế": 0.25, "Hà Nội": 1.5}), **PLAIN)
    assert tick_labels(fig.axes[0].texts) == ["1.5", "0.2"]


def test_bar_chart_keeps_index_order_and_labels_values():
    per_year = pd.Series({2018: 7, 2019: 7, 2020: 8, 2025: 14})
    fig = bar_chart(per_year, title="t", xlabel="Năm", ylabel="Số bài", caption="c")
    ax = fig.axes[0]
    assert [bar.get_height() for bar in ax.patches] == [7, 7, 8, 14]
    assert tick_labels(ax.get_xticklabels()) == ["2018", "2019", "2020", "2025"]
    assert tick_labels(ax.texts) == ["7", "7", "8", "14"]
    assert ax.get_xticklabels()[0].get_rotation() == 0


def test_bar_chart_thins_and_rotates_many_labels():
    months = pd.period_range("2018-03", "2025-11", freq="M")
    fig = bar_chart(pd.Series(1, index=months), **PLAIN, ylabel="y")
    ax = fig.axes[0]
    labels = tick_labels(ax.get_xticklabels())
    assert (len(ax.patches), len(labels), labels[:2]) == (93, 24, ["2018-03", "2018-07"])
    assert ax.get_xticklabels()[0].get_rotation() == 45
    assert len(ax.texts) == 0


def test_stacked_shares_stack_columns_per_period():
    fig = stacked_shares(shares(), **PLAIN, ylabel="y")
    ax = fig.axes[0]
    bars = [(bar.get_y(), bar.get_height()) for bar in ax.patches]
    assert bars == [(0, 50), (0, 25), (50, 30), (25, 25), (80, 20), (50, 50)]
    assert [bar.get_facecolor() for bar in ax.patches[::2]] == [
        mpl.colors.to_rgba(c) for c in PALETTE[:3]
    ]
    assert ax.get_ylim() == (0, 100)
    assert tick_labels(ax.get_legend().get_texts()) == THEMES[::-1]
    assert tick_labels(ax.get_xticklabels()) == ["2024-01", "2024-02"]


def test_heatmap_annotates_cells_with_readable_colours():
    matrix = pd.DataFrame([[0, 12], [7, 30]], index=["Hà Nội", "Huế"], columns=["2024", "2025"])
    fig = heatmap(matrix, **PLAIN, ylabel="y", value_label="Số bài")
    ax, colorbar = fig.axes
    assert tick_labels(ax.texts) == ["0", "12", "7", "30"]
    assert [text.get_position() for text in ax.texts] == [(0, 0), (1, 0), (0, 1), (1, 1)]
    assert [text.get_color() for text in ax.texts] == ["white", "white", "white", "black"]
    assert tick_labels(ax.get_yticklabels()) == ["Hà Nội", "Huế"]
    assert tick_labels(ax.get_xticklabels()) == ["2024", "2025"]
    assert colorbar.get_ylabel() == "Số bài"
    assert ax.get_images()[0].get_cmap().name == "cividis"


def test_heatmap_formats_floats_and_skips_missing_cells():
    matrix = pd.DataFrame({"a": [1.0, np.nan], "b": [2.25, 3.0]})
    fig = heatmap(matrix, **PLAIN, ylabel="y", value_label="v")
    assert tick_labels(fig.axes[0].texts) == ["1.0", "2.2", "3.0"]
    whole = pd.DataFrame({"a": [1.0, np.nan], "b": [2.0, 3.0]})  # counts made float by NaN
    fig = heatmap(whole, **PLAIN, ylabel="y", value_label="v")
    assert tick_labels(fig.axes[0].texts) == ["1", "2", "3"]


def test_heatmap_size_grows_with_the_matrix_within_bounds():
    small = pd.DataFrame(np.ones((2, 3), dtype=int))
    large = pd.DataFrame(np.ones((30, 24), dtype=int))
    sizes = [
        tuple(heatmap(m, **PLAIN, ylabel="y", value_label="v").get_size_inches())
        for m in (small, large)
    ]
    assert sizes == [(6.0, 3.5), (16.0, 12.0)]


def test_png_rendering_has_no_missing_glyphs_and_keeps_text_inside():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph", category=UserWarning)
        for name, fig in build_all().items():
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png")
            assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n", name
            box = fig.bbox
            for text in (fig.axes[0].title, fig._supxlabel):
                extent = text.get_window_extent()
                assert box.x0 <= extent.x0 and extent.x1 <= box.x1, (name, text.get_text())
                assert box.y0 <= extent.y0 and extent.y1 <= box.y1, (name, text.get_text())


def test_png_rendering_does_warn_for_a_missing_glyph():
    fig = bar_chart(BY_SOURCE, title="河", xlabel="x", ylabel="y", caption="c")
    with pytest.warns(UserWarning, match="Glyph"):
        fig.savefig(io.BytesIO(), format="png")


def test_charts_leave_global_rcparams_alone_and_ignore_them():
    before = dict(mpl.rcParams)
    with mpl.rc_context({"font.family": "serif"}):
        fig = build_all()["ranked_bars"]
    assert dict(mpl.rcParams) == before
    with mpl.rc_context({"font.family": "monospace"}):
        fig.draw_without_rendering()
        families = {tuple(text.get_fontfamily()) for text in fig.findobj(Text) if text.get_text()}
    assert families == {(FONT_FAMILY,)}
