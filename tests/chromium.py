"""Open a local HTML file in a real headless Chromium (Debian's) and report what went wrong.

    from chromium import open_page, requires_chromium

    @requires_chromium
    def test_report(tmp_path):
        html = write_report(tmp_path)  # the code under test writes a page
        report = open_page(html, screenshot=tmp_path / "page.png", evaluate="document.title")
        assert report.console_errors == []

Driven by Playwright for Python with ``executable_path`` set to Debian's chromium: no browser
download. Reports must be self-contained, so every request that is not file:, data:, blob: or
about: is aborted and recorded as an error (host names also resolve to nothing, as a backstop).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
TIMEOUT_MS = 15_000


def find_chromium() -> str | None:
    """Debian's browser binary: $CHROMIUM, else the one behind the /usr/bin/chromium wrapper."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    # The wrapper only adds desktop flags (extensions, GPU rasterization); skip it.
    if os.access("/usr/lib/chromium/chromium", os.X_OK):
        return "/usr/lib/chromium/chromium"
    return shutil.which("chromium")


def chromium_missing() -> str | None:
    """Why pages cannot be opened here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "needs Playwright for Python (pip install playwright; no browser download needed)"
    executable = find_chromium()
    if executable is None or not os.access(executable, os.X_OK):
        return (
            f"needs Debian's chromium ({executable or 'chromium'} is not there: "
            "apt-get install chromium; .ci/run installs it)"
        )
    return None


requires_chromium = pytest.mark.skipif(
    chromium_missing() is not None, reason=str(chromium_missing())
)


@dataclass
class PageReport:
    url: str
    title: str
    console_errors: list[str]  # console.error, uncaught exceptions, blocked and failed loads
    evaluated: Any  # the value of `evaluate`, or None when none was given
    screenshot: Path


def open_page(
    path: Path, *, screenshot: Path, evaluate: str | None = None, full_page: bool = True
) -> PageReport:
    """Load `path` by its file:// URL, wait for its load event, evaluate, take a screenshot.

    `evaluate` is a JS expression (or function source) whose JSON-able value is returned; a
    promise is awaited; if it throws, the Playwright error is raised.
    """
    reason = chromium_missing()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    url = Path(path).resolve().as_uri()
    errors: list[tuple[str, str | None]] = []  # (message, URL of a "Failed to load resource" line)
    failed: set[str] = set()  # URLs with a request-level record

    def route(route) -> None:
        request = route.request
        if request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            errors.append((f"blocked non-local request: {request.method} {request.url}", None))
            failed.add(request.url)
            route.abort("blockedbyclient")

    def route_web_socket(ws) -> None:
        errors.append((f"blocked non-local request: WebSocket {ws.url}", None))
        ws.close()

    def request_failed(request) -> None:
        if request.url not in failed:
            errors.append((f"failed to load {request.url}: {request.failure}", None))
            failed.add(request.url)

    def console(message) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        line = message.location.get("lineNumber", 0) + 1
        load = where if message.text.startswith("Failed to load resource") else None
        errors.append((f"console.error: {message.text} ({where}:{line})", load))

    def web_error(web_error) -> None:
        error = web_error.error
        errors.append((f"uncaught exception: {error.name}: {error.message}", None))

    screenshot = Path(screenshot)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(),
            args=["--host-resolver-rules=MAP * ~NOTFOUND"],
        )
        try:
            context = browser.new_context()
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", route)
            context.route_web_socket("**/*", route_web_socket)
            context.on("requestfailed", request_failed)
            context.on("console", console)
            context.on("weberror", web_error)
            page = context.new_page()
            page.goto(url, wait_until="load")
            # One more turn of the event loop and a frame, for what load handlers start.
            page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))")
            evaluated = page.evaluate(evaluate) if evaluate is not None else None
            title = page.title()
            page.screenshot(path=screenshot, full_page=full_page)
        finally:
            browser.close()
    # Chromium's own console line for a load that has a request-level record (with the URL and
    # reason) says nothing more: drop it.
    console_errors = [message for message, load in errors if load is None or load not in failed]
    return PageReport(url, title, console_errors, evaluated, screenshot)
