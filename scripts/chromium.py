"""Debian's Chromium as every script and browser test starts it: one executable, one set of flags, and no
request that leaves the machine (Playwright drives it; ``playwright install`` is never used)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from local_server import HOST

EXECUTABLE = "/usr/bin/chromium"
#: Headless, and none of the browser's own calls home (updates, sync, first-run pages).
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Schemes whose URLs a page resolves itself, without the network.
IN_PAGE_SCHEMES = {"data", "blob", "about"}


def launch(playwright):
    """Chromium started through a running ``sync_playwright()``; the caller closes it."""
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=ARGS)


def in_page(url: str) -> bool:
    """A ``data:``, ``blob:`` or ``about:`` URL: nothing is fetched for it."""
    return urlsplit(url).scheme in IN_PAGE_SCHEMES


def is_local(url: str) -> bool:
    """Served from 127.0.0.1, read from this machine's disk (a page opened from ``file:``) or resolved in the page."""
    return in_page(url) or urlsplit(url).scheme == "file" or urlsplit(url).hostname == HOST


def keep_offline(target, allowed: Callable[[str], bool] = is_local, blocked: list[str] | None = None) -> None:
    """Abort every request of ``target`` (a browser context or a tab) that ``allowed`` refuses, noting its URL in ``blocked``."""

    def abort(route):
        if blocked is not None:
            blocked.append(route.request.url)
        route.abort("blockedbyclient")

    target.route(lambda url: not allowed(url), abort)
