"""Tests for analysis.show: escaping, number and date formats, and the display outputs."""

from __future__ import annotations

import base64
import builtins

import numpy as np
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from traitlets.config import Config

from analysis import show

TABLE_OPEN = '<table class="vnpolicy-table">'


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """An IPython shell, as in a notebook, so that display calls publish their outputs."""
    if InteractiveShell.initialized():
        yield InteractiveShell.instance()
        return
    builtin_names = set(vars(builtins))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPYTHONDIR", str(tmp_path_factory.mktemp("ipython")))
        config = Config()
        config.HistoryManager.enabled = False
        yield InteractiveShell.instance(config=config)
    InteractiveShell.clear_instance()
    for name in set(vars(builtins)) - builtin_names:  # "display", "__IPYTHON__"
        delattr(builtins, name)


@pytest.fixture
def published(shell):
    """A function running a display call and returning what it published: a list of
    (data, metadata) pairs."""

    def run(call, *args, **kwargs) -> list[tuple[dict, dict]]:
        with capture_output(stdout=True, stderr=False) as captured:
            call(*args, **kwargs)
        assert captured.stdout == ""
        return [(o.data, o.metadata) for o in captured.outputs]

    return run


def body(frame: pd.DataFrame, **options) -> str:
    """The ``<tbody>`` of ``html_table``."""
    html = show.html_table(frame, **options)
    return html[html.index("<tbody>") + len("<tbody>") : html.index("</tbody>")]


# anchor and number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tần suất theo tháng", "tan-suat-theo-thang"),
        ("Đề án 06: dữ liệu dân cư", "de-an-06-du-lieu-dan-cu"),
        ("  Monthly frequency (%)  ", "monthly-frequency"),
        ("Tỷ trọng – chủ đề", "ty-trong-chu-de"),
        ("!!!", "section"),
        ("", "section"),
    ],
)
def test_anchor(text, expected):
    assert show.anchor(text) == expected


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (1234.5, "vi", "1.234,5"),
        (1234.5, "en", "1,234.5"),
        (1234567, "vi", "1.234.567"),
        (1234567, "en", "1,234,567"),
        (np.int64(1234), "vi", "1.234"),
        (np.int64(1234), "en", "1,234"),
        (np.float64(0.25), "vi", "0,2"),  # one decimal, rounded half to even
        (-1234.56, "vi", "-1.234,6"),
        (12.0, "en", "12.0"),
        (0, "vi", "0"),
    ],
)
def test_number(value, language, expected):
    assert show.number(value, language) == expected


def test_number_decimals():
    assert show.number(1234.5678, "vi", decimals=2) == "1.234,57"
    assert show.number(1234.5678, "en", decimals=0) == "1,235"


# html_table


def test_html_table_escapes_cells_and_column_names():
    frame = pd.DataFrame(
        {
            "<script>alert('c')</script>": ["<script>alert(1)</script>"],
            'title "quoted" & more': ['<img src=x onerror="alert(2)">'],
            "plain": ['Tom & Jerry\'s "show"'],
        }
    )
    html = show.html_table(frame)
    assert "<script" not in html and "<img" not in html
    assert html == (
        f"{TABLE_OPEN}<thead><tr><th>&lt;script&gt;alert(&#x27;c&#x27;)&lt;/script&gt;</th>"
        "<th>title &quot;quoted&quot; &amp; more</th><th>plain</th></tr></thead><tbody><tr>"
        "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"
        "<td>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</td>"
        "<td>Tom &amp; Jerry&#x27;s &quot;show&quot;</td></tr></tbody></table>"
    )


def test_html_table_links_only_http_urls():
    frame = pd.DataFrame(
        {
            "title": ["https://toquoc.vn/a", "x", "y", "z", "w"],
            "url": [
                "https://toquoc.vn/a?x=1&y=2",
                "javascript:alert(1)",
                "HTTP://nhandan.vn/b",
                "data:text/html,<script>alert(1)</script>",
                None,
            ],
        }
    )
    html = body(frame, link_label="url")
    rows = html.removeprefix("<tr>").removesuffix("</tr>").split("</tr><tr>")
    assert rows == [
        "<td>https://toquoc.vn/a</td>"  # a URL outside the link column stays text
        '<td><a href="https://toquoc.vn/a?x=1&amp;y=2" rel="noopener noreferrer">'
        "https://toquoc.vn/a?x=1&amp;y=2</a></td>",
        "<td>x</td><td>javascript:alert(1)</td>",
        '<td>y</td><td><a href="HTTP://nhandan.vn/b" rel="noopener noreferrer">'
        "HTTP://nhandan.vn/b</a></td>",
        "<td>z</td><td>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</td>",
        "<td>w</td><td></td>",
    ]


def test_html_table_link_with_quotes_stays_inside_href():
    url = 'https://example.vn/"><script>alert(1)</script><a href="'
    html = body(pd.DataFrame({"Liên kết": [url]}), link_label="Liên kết")
    assert html == (
        '<tr><td><a href="https://example.vn/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
        '&lt;a href=&quot;" rel="noopener noreferrer">https://example.vn/&quot;&gt;&lt;script'
        "&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;</a></td></tr>"
    )


def test_html_table_malformed_url_is_text():
    html = body(pd.DataFrame({"url": ["https://[broken"]}), link_label="url")
    assert html == "<tr><td>https://[broken</td></tr>"


def test_html_table_without_link_label_links_nothing():
    assert body(pd.DataFrame({"url": ["https://toquoc.vn/a"]})) == (
        "<tr><td>https://toquoc.vn/a</td></tr>"
    )


def test_html_table_formats_numbers_per_language():
    frame = pd.DataFrame(
        {
            "articles": np.array([1234, 5], dtype="int64"),
            "share": [62.5, 1234.56],
            "flag": [True, False],
        }
    )
    assert body(frame) == (
        '<tr><td class="num">1.234</td><td class="num">62,5</td><td>True</td></tr>'
        '<tr><td class="num">5</td><td class="num">1.234,6</td><td>False</td></tr>'
    )
    assert body(frame, language="en") == (
        '<tr><td class="num">1,234</td><td class="num">62.5</td><td>True</td></tr>'
        '<tr><td class="num">5</td><td class="num">1,234.6</td><td>False</td></tr>'
    )


def test_html_table_dates_and_missing_values():
    frame = pd.DataFrame(
        {
            "published": pd.to_datetime(["2025-07-08 23:30", None]).tz_localize("Asia/Ho_Chi_Minh"),
            "share": [np.nan, 3.0],
            "source": [None, "Nhân Dân"],
        }
    )
    assert body(frame) == (
        "<tr><td>08/07/2025</td><td></td><td></td></tr>"
        '<tr><td></td><td class="num">3,0</td><td>Nhân Dân</td></tr>'
    )


def test_html_table_lists_joined():
    frame = pd.DataFrame({"themes": [["digital", "<b>"], ("admin_reform",)]})
    assert body(frame) == "<tr><td>digital, &lt;b&gt;</td></tr><tr><td>admin_reform</td></tr>"


def test_html_table_list_cells_as_loaded_from_parquet():
    frame = pd.DataFrame({"themes": [np.array(["digital", "admin_reform"], dtype=object)]})
    assert body(frame) == "<tr><td>digital, admin_reform</td></tr>"


def test_html_table_empty_frame():
    assert show.html_table(pd.DataFrame(columns=["a"])) == (
        f"{TABLE_OPEN}<thead><tr><th>a</th></tr></thead><tbody></tbody></table>"
    )


# display outputs


def test_heading_carries_table_of_contents_metadata(published):
    [(data, metadata)] = published(show.heading, "Tần suất theo tháng", "Monthly frequency")
    assert data["text/html"] == '<h2 id="tan-suat-theo-thang">Tần suất theo tháng</h2>'
    assert metadata == {
        show.HEADING_KEY: {"text": "Tần suất theo tháng", "level": 2, "id": "tan-suat-theo-thang"}
    }


def test_heading_in_english_and_escaped(published):
    [(data, metadata)] = published(show.heading, "Tỉnh", "Provinces <& cities>", "en", level=3)
    assert data["text/html"] == '<h3 id="provinces-cities">Provinces &lt;&amp; cities&gt;</h3>'
    assert metadata == {
        "vnpolicy_heading": {"text": "Provinces <& cities>", "level": 3, "id": "provinces-cities"}
    }


def test_key_figures_is_its_own_output_type(published):
    [(data, metadata)] = published(show.key_figures, articles=62, top_province="Hồ Chí Minh",
                                   shares={"digital": 12.5})  # fmt: skip
    assert data == {
        "application/vnd.vnpolicy.key-figures+json": {
            "articles": 62, "top_province": "Hồ Chí Minh", "shares": {"digital": 12.5}
        }
    }  # fmt: skip
    assert "text/html" not in data and "text/plain" not in data
    assert metadata == {}


def test_no_match(published):
    [(vi, _)] = published(show.no_match)
    [(en, _)] = published(show.no_match, "en", what="<Hà Nội>")
    assert vi["text/html"] == (
        '<div class="vnpolicy-empty"><strong>Không có bài nào khớp với lựa chọn</strong></div>'
    )
    assert en["text/html"] == (
        '<div class="vnpolicy-empty"><strong>No articles match the selection: '
        "&lt;Hà Nội&gt;</strong></div>"
    )


def test_note(published):
    [(data, _)] = published(show.note, "Ghi chú & <i>", "Note", "vi")
    assert data["text/html"] == '<p class="vnpolicy-note">Ghi chú &amp; &lt;i&gt;</p>'


def test_table_relabels_and_links(published):
    frame = pd.DataFrame(
        {
            "title": ["<script>x</script>"],
            "articles": [1234],
            "url": ["https://toquoc.vn/a"],
        },
        index=pd.Index(["Hà Nội"], name="province"),
    )
    [(vi, _)] = published(show.table, frame)
    [(en, _)] = published(show.table, frame, "en")
    assert vi["text/html"] == (
        f"{TABLE_OPEN}<thead><tr><th>Tỉnh, thành phố</th><th>Tiêu đề</th><th>Số bài</th>"
        "<th>Liên kết</th></tr></thead><tbody><tr><td>Hà Nội</td>"
        '<td>&lt;script&gt;x&lt;/script&gt;</td><td class="num">1.234</td>'
        '<td><a href="https://toquoc.vn/a" rel="noopener noreferrer">https://toquoc.vn/a</a>'
        "</td></tr></tbody></table>"
    )
    assert en["text/html"] == (
        f"{TABLE_OPEN}<thead><tr><th>Province</th><th>Title</th><th>Articles</th>"
        "<th>Link</th></tr></thead><tbody><tr><td>Hà Nội</td>"
        '<td>&lt;script&gt;x&lt;/script&gt;</td><td class="num">1,234</td>'
        '<td><a href="https://toquoc.vn/a" rel="noopener noreferrer">https://toquoc.vn/a</a>'
        "</td></tr></tbody></table>"
    )


def test_table_drops_an_unnamed_index(published):
    frame = pd.DataFrame({"code": ["01"]}, index=[7])
    [(data, _)] = published(show.table, frame, "en")
    assert data["text/html"] == (
        f"{TABLE_OPEN}<thead><tr><th>Code</th></tr></thead>"
        "<tbody><tr><td>01</td></tr></tbody></table>"
    )


def test_table_of_nothing_is_a_note(published):
    [(english, _)] = published(show.table, pd.DataFrame(), "en")
    [(vietnamese, _)] = published(show.table, pd.DataFrame(columns=["a"]), "vi")
    assert english["text/html"] == '<p class="vnpolicy-note">No data</p>'
    assert vietnamese["text/html"] == '<p class="vnpolicy-note">Không có dữ liệu</p>'


def test_figure_is_an_embedded_png_with_its_title_as_alt_text(published):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1))
    fig.add_subplot().plot([0, 1], [0, 1])
    fig.axes[0].set_title('Số bài "<Hà Nội>" & khác')
    [(data, _)] = published(show.figure, fig, dpi=20)
    html = data["text/html"]
    prefix = (
        '<img class="vnpolicy-figure" alt="Số bài &quot;&lt;Hà Nội&gt;&quot; &amp; khác" '
        'src="data:image/png;base64,'
    )
    assert html.startswith(prefix) and html.endswith('">')
    png = base64.b64decode(html[len(prefix) : -2], validate=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_figure_without_axes_has_empty_alt_text(published):
    from matplotlib.figure import Figure

    [(data, _)] = published(show.figure, Figure(figsize=(1, 1)), dpi=10)
    assert data["text/html"].startswith('<img class="vnpolicy-figure" alt="" src="data:image/png')
