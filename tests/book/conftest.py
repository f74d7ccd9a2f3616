"""Fixtures of the book and browser tests.

- ``book_url``: the built book (_build/html) served on 127.0.0.1 at a free port by a thread of the suite.
- ``browser``: Debian's Chromium (/usr/bin/chromium) driven by Playwright, one per session and worker.
- ``page``: a fresh tab whose problems (console errors, failed requests, requests to another host,
  which are also aborted) are recorded in ``page.watch``.
- ``screenshots``: where the tests write their screenshots (_build/screenshots/).
"""

from __future__ import annotations

import os

import chromium
import pytest
from browsing import BOOK_HTML, SCREENSHOTS, watch_page
from local_server import served


@pytest.fixture(scope="session")
def book_url():
    """Serve _build/html on http://127.0.0.1:<free port>/ for the whole session; stop it at the end."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} has no built book: run `make book` (or `make test`, which builds it first)")
    with served(BOOK_HTML) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_instance():
    if not os.access(chromium.EXECUTABLE, os.X_OK):
        pytest.fail(f"{chromium.EXECUTABLE} is missing: run scripts/system_packages.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """Debian's Chromium, headless, through Playwright; closed at the end of the session."""
    browser = chromium.launch(playwright_instance)
    try:
        yield browser
    finally:
        browser.close()


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
