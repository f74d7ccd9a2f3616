"""Shared fixtures for the browser tests (a pytest plugin: ``pytest_plugins = ["browser"]``).

- ``book_url``: the built book (_build/html) served on 127.0.0.1 at a free port by a thread of the suite.
- ``browser``: Debian's Chromium (/usr/bin/chromium) driven by Playwright, one per session and worker.
- ``watch(page)``: records console errors, page errors, failed requests, HTTP errors and every request
  to a host other than 127.0.0.1 (such requests are also aborted, so the check really is offline).
- ``SCREENSHOTS``: where the tests write their screenshots (_build/screenshots/).

Chromium is started only through Playwright with ``executable_path``; ``playwright install`` is never used.
(PYTEST_DONT_REWRITE: the test modules import this plugin before pytest loads it; it holds no assert.)
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
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
# Local schemes a page may use without touching the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@pytest.fixture(scope="session")
def book_url():
    """Serve _build/html on http://127.0.0.1:<free port>/ for the whole session; stop it at the end."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} has no built book: run `make book` (or `make test`, which builds it first)")
    handler = functools.partial(_QuietHandler, directory=str(BOOK_HTML))
    server = _Server((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright_instance():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system_packages.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """Debian's Chromium, headless, through Playwright; closed at the end of the session."""
    chromium = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


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


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context (one localStorage) for the session's book pages; language tests make their own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context):
    """A fresh tab with its problems recorded in ``page.watch``."""
    tab = browser_context.new_page()
    tab.watch = watch_page(tab)
    try:
        yield tab
    finally:
        tab.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
