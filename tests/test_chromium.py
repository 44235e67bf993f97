"""The page helper itself: it sees each kind of error, and passes a clean Vietnamese page."""

from __future__ import annotations

import struct

from chromium import open_page, requires_chromium

pytestmark = requires_chromium

CLEAN_TITLE = "Cải cách thủ tục hành chính"


def page(tmp_path, body: str, head: str = "", name: str = "page.html"):
    path = tmp_path / name
    path.write_text(
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


def test_console_error_is_recorded(tmp_path):
    report = open_page(
        page(tmp_path, "<script>console.error('hỏng: ' + 42)</script>"),
        screenshot=tmp_path / "shot.png",
    )
    assert len(report.console_errors) == 1
    assert report.console_errors[0].startswith("console.error: hỏng: 42 (file://")


def test_uncaught_exception_is_recorded(tmp_path):
    body = (
        "<script>throw new TypeError('boom')</script>"
        "<script>Promise.reject(new Error('nope'))</script>"
    )
    report = open_page(page(tmp_path, body), screenshot=tmp_path / "shot.png")
    assert report.console_errors == [
        "uncaught exception: TypeError: boom",
        "uncaught exception: Error: nope",
    ]


def test_external_requests_are_blocked_and_recorded(tmp_path):
    head = '<script src="https://cdn.example.com/lib.js"></script>'
    body = "<script>fetch('http://127.0.0.1:9/data.json').catch(() => {})</script>"
    report = open_page(
        page(tmp_path, body, head),
        screenshot=tmp_path / "shot.png",
        evaluate="typeof window.lib",
    )
    assert report.console_errors == [
        "blocked non-local request: GET https://cdn.example.com/lib.js",
        "blocked non-local request: GET http://127.0.0.1:9/data.json",
    ]
    assert report.evaluated == "undefined"


def test_missing_local_file_is_recorded(tmp_path):
    report = open_page(page(tmp_path, '<img src="chart.png">'), screenshot=tmp_path / "shot.png")
    assert report.console_errors == [
        f"failed to load {(tmp_path / 'chart.png').as_uri()}: net::ERR_FILE_NOT_FOUND"
    ]


def test_clean_vietnamese_page(tmp_path):
    (tmp_path / "style.css").write_text("h1 { color: #a00 }", encoding="utf-8")
    head = f'<title>{CLEAN_TITLE}</title><link rel="stylesheet" href="style.css">'
    body = (
        f"<h1>{CLEAN_TITLE}</h1><p>Thủ tướng Chính phủ chỉ đạo đẩy mạnh chuyển đổi số.</p>"
        '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    )
    shot = tmp_path / "out" / "shot.png"
    report = open_page(
        page(tmp_path, body, head),
        screenshot=shot,
        evaluate="getComputedStyle(document.querySelector('h1')).color",
    )
    assert report.console_errors == []
    assert report.title == CLEAN_TITLE
    assert report.evaluated == "rgb(170, 0, 0)"  # the local stylesheet loaded
    assert report.url.startswith("file://")
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 0 and height > 0
