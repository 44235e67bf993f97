"""The HTML pages: article text shown as text, and the pages opened in a real headless Chromium."""

from __future__ import annotations

import json

import lxml.html
import pytest

from analysis.ingest import ingest
from analysis.render import PageHeader, error_html, index_html
from analysis.reports import run_report
from chromium import open_page, requires_chromium

SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src="x" onerror="window.__pwned = 2">'
MARKDOWN = "**đậm** [bấm vào](javascript:window.__pwned=3) <b>in đậm</b>"
RECORDS = [
    {
        "title": f"Hà Nội đẩy mạnh cải cách thủ tục hành chính {SCRIPT}",
        "maintext": (
            f"Phó Thủ tướng yêu cầu thành phố Hà Nội đẩy mạnh cải cách thủ tục hành "
            f"chính {IMAGE}.\nĐồng thời, cần làm tốt công tác dân vận {MARKDOWN}."
        ),
        "date_publish": "2025-03-02 08:00:00",
        "source_domain": "baochinhphu.vn",
        "url": "javascript:window.__pwned=4",
    },
    {
        "title": f"Dân vận khéo ở Hà Nội {MARKDOWN}",
        "maintext": f"Thành phố Hà Nội triển khai Dân vận khéo và cải cách thủ tục hành chính. "
        f"{SCRIPT}",
        "date_publish": "2025-03-05 09:30:00",
        "source_domain": "nhandan.vn",
        "url": 'https://nhandan.vn/a"onmouseover="window.__pwned=5',
    },
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Reports over articles whose text holds scripts, event handlers and Markdown."""
    root = tmp_path_factory.mktemp("hostile")
    raw = root / "raw"
    raw.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    (raw / "hostile.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    ingest([raw], root / "processed", progress=False)
    data = {
        "data_dir": str(root / "processed"),
        "terms": ["cải cách thủ tục hành chính", "dân vận", SCRIPT],
    }
    results = [
        run_report("term_frequency", data, out_dir=root / "reports"),
        run_report(
            "province_profile",
            {"data_dir": data["data_dir"], "province": "Hà Nội"},
            out_dir=root / "reports",
        ),
        run_report("directive_themes", {"data_dir": data["data_dir"]}, out_dir=root / "reports"),
    ]
    assert [r.status for r in results] == ["ok", "ok", "ok"], [r.error for r in results]
    return root / "reports", results


SHOWN = {  # the hostile strings each report shows (titles, contexts, directive sentences)
    "term_frequency": [SCRIPT, IMAGE, MARKDOWN],
    "province_profile": [SCRIPT, MARKDOWN],
    "directive_themes": [IMAGE, MARKDOWN],
}


def assert_inert(html: str, shown=()) -> None:
    """No script, handler or link came from the data; what it shows, it shows as text."""
    page = lxml.html.fromstring(html)
    assert not [s for s in page.xpath("//script") if "__pwned" in (s.text or "")]
    assert not page.xpath("//*[@onerror or @onmouseover]")
    assert not page.xpath('//a[starts-with(@href, "javascript:")]')
    assert not page.xpath("//strong[. = 'đậm']")  # Markdown is not rendered either
    text = page.text_content()
    assert [s for s in shown if s not in text] == []


def test_data_is_text_in_every_report(hostile):
    _, results = hostile
    for result in results:
        assert_inert(result.html.read_text("utf-8"), SHOWN[result.report])
    links = lxml.html.fromstring(results[0].html.read_text("utf-8")).xpath("//td/a/@href")
    assert RECORDS[1]["url"] in links  # the whole URL, quotes included, is the link


def test_pages_escape_what_they_add():
    header = PageHeader(
        title=f"T {SCRIPT}",
        generated="now",
        period="p",
        corpus=IMAGE,
        parameters={"terms": [SCRIPT]},
    )
    assert_inert(error_html(header, f"boom {SCRIPT}", details=IMAGE), [SCRIPT, IMAGE])
    entry = {
        "report": "x",
        "title": SCRIPT,
        "status": "failed",
        "error": SCRIPT,
        "href": "x/y.html",
        "period": IMAGE,
        "generated_label": "now",
        "shown_parameters": {"terms": SCRIPT},
    }
    assert_inert(index_html([entry], updated="now"), [SCRIPT, IMAGE])


@requires_chromium
def test_chromium_runs_no_script_from_the_data(hostile, tmp_path):
    out, results = hostile
    for result in results:
        report = open_page(
            result.html,
            screenshot=tmp_path / f"{result.report}.png",
            evaluate="typeof window.__pwned",
        )
        assert report.console_errors == []
        assert report.evaluated == "undefined"
        assert (tmp_path / f"{result.report}.png").stat().st_size > 10_000


@requires_chromium
def test_chromium_opens_the_index_and_filters_it(hostile, tmp_path):
    out, _ = hostile
    filtered = """(() => {
        const box = document.getElementById("filter");
        box.value = "hồ sơ";
        box.dispatchEvent(new Event("input"));
        return [...document.querySelectorAll("#reports tbody tr")].filter(r => !r.hidden).length;
    })()"""
    report = open_page(out / "index.html", screenshot=tmp_path / "index.png", evaluate=filtered)
    assert report.console_errors == []
    assert report.title == "Báo cáo / Reports"
    assert report.evaluated == 1  # of 3 reports, the province profile
    assert (tmp_path / "index.png").stat().st_size > 10_000
