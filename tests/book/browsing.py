"""Helpers of the browser tests (their fixtures are in conftest.py).

- ``book_url``: the built book (_build/html) served on 127.0.0.1 at a free port by a thread of the suite.
- ``browser``: Debian's Chromium (/usr/bin/chromium) driven by Playwright, one per session and worker.
- ``watch(page)``: records console errors, page errors, failed requests, HTTP errors and every request
  to a host other than 127.0.0.1 (such requests are also aborted, so the check really is offline).
- ``SCREENSHOTS``: where the tests write their screenshots (_build/screenshots/).

Chromium is started only through Playwright with ``executable_path``; ``playwright install`` is never used.
(PYTEST_DONT_REWRITE: the test modules import this plugin before pytest loads it; it holds no assert.)
"""

from __future__ import annotations

import contextlib
import http.server
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
BOOK_HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE_JS = ROOT / "_build" / "test-vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOST = "127.0.0.1"
# Local schemes a page may use without touching the network (file: a page opened from disk).
LOCAL_SCHEMES = {"data", "blob", "about", "file"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == LOCAL_HOST


def book_pages() -> list[Path]:
    """Every HTML page of the built book (not the vendored or theme files)."""
    skip = {"_static", "vendor", "_sources", "_images", "@jupyter-widgets"}
    return sorted(p for p in BOOK_HTML.rglob("*.html") if not skip & set(p.relative_to(BOOK_HTML).parts))


def page_ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(BOOK_HTML).with_suffix("")) for p in paths]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@dataclass
class Watch:
    """What went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, list[str]]:
        return {
            name: values
            for name, values in (
                ("console errors", self.console_errors),
                ("failed requests", self.failed_requests),
                ("requests to another host", self.foreign_requests),
            )
            if values
        }


def watch_page(page) -> Watch:
    """Start recording a page's console errors, failed requests and requests to other hosts."""
    seen = Watch()

    def on_console(msg):
        if msg.type == "error":
            location = msg.location or {}
            seen.console_errors.append(f"{msg.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def on_request_failed(request):
        if is_local(request.url):
            seen.failed_requests.append(f"{request.url}: {request.failure}")

    def on_response(response):
        if response.status >= 400:
            seen.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def on_foreign(route):
        seen.foreign_requests.append(route.request.url)
        route.abort("blockedbyclient")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    page.route(lambda url: not is_local(url), on_foreign)
    return seen


@contextlib.contextmanager
def own_tab(browser, **context_options):
    """A watched tab in a browser context of its own (its own localStorage, viewport, touch), closed afterwards."""
    context = browser.new_context(**context_options)
    tab = context.new_page()
    tab.watch = watch_page(tab)
    try:
        yield tab
    finally:
        context.close()
