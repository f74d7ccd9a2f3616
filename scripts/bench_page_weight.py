"""Measure what a reader's browser downloads: bytes transferred by every page of the built book on a
first visit (empty cache), and how long a calculator takes to give its first answer, cold and warm.

Each page opens in a fresh Chromium context (Debian's /usr/bin/chromium through Playwright) against the
book served on 127.0.0.1; every request to another host is aborted, so nothing comes from the network.
Bytes are Chromium's own count of what crossed the wire (``encodedDataLength``: headers and body).
Two servings are measured (scripts/local_server.py's handlers, the gzip one as `make serve` serves): as stored (``raw``, as Python's
http.server sends them and about what a page opened from disk reads) and compressed with gzip for text
files (``gzip``), as static hosts serve a site (GitHub Pages, Netlify, nginx ``gzip_static``) and as
``make serve`` does.

Usage: .venv/bin/python scripts/bench_page_weight.py [--book _build/html] [--json FILE] [--no-calculator]
Prints one line per page, the lightest and heaviest page of each type, and the calculator engine's size and timings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium  # noqa: E402  (sibling scripts)
from local_server import COMPRESSIBLE, GzipHandler, QuietHandler, served  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "html"
LIMIT = 1_000_000  # bytes a page may transfer on its first load, as stored and gzip-served (issue 11)
SKIP = {"_static", "vendor", "_sources", "_images"}
CALCULATOR_PAGE = "notebooks/01_why_keep_customers.html"
SERVINGS = {"raw": QuietHandler, "gzip": GzipHandler}


def book_pages(book: Path = BOOK) -> list[str]:
    """Every HTML page of the built book, relative to its root."""
    return sorted(str(p.relative_to(book)) for p in book.rglob("*.html") if not SKIP & set(p.relative_to(book).parts))


def page_type(page: str) -> str:
    if page.startswith("notebooks/"):
        return "lesson"
    return {"index.html": "home", "search.html": "search", "genindex.html": "index"}.get(page, "book page")


def transferred(context, url: str) -> dict:
    """Bytes Chromium transferred to load ``url`` until the network is idle, and per resource."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    urls, sizes = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # late fonts and images
    page.close()
    resources = {urls.get(rid, rid): size for rid, size in sizes.items()}
    return {"bytes": int(sum(resources.values())), "requests": len(resources), "resources": resources}


def page_weights(browser, base: str, pages: list[str]) -> dict[str, dict]:
    """First-visit transfer of each page, each in a fresh context (empty cache, empty storage)."""
    weights = {}
    for page in pages:
        context = browser.new_context()
        chromium.keep_offline(context)  # none should leave: the bench would show it as missing
        weights[page] = transferred(context, base + page)
        context.close()
    return weights


def answer_seconds(page) -> float:
    """Move the first slider of the first calculator one step; seconds until its answer comes back."""
    form = page.locator("form.retention-calculator").first
    form.locator("input[type=range]").first.focus()
    started = time.perf_counter()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "f => f.dataset.answered && f.dataset.answered === f.dataset.request", arg=form.element_handle(), timeout=180_000
    )
    return time.perf_counter() - started


def calculator_timings(browser, base: str, runs: int = 3) -> dict:
    """Time to the first answer on a first visit (cold: empty cache), on a second visit (warm: from the
    browser's cache), and for a further move once the engine runs."""
    cold, warm, again = [], [], []
    for _ in range(runs):
        context = browser.new_context()
        chromium.keep_offline(context)  # none should leave: the bench would show it as missing
        page = context.new_page()
        page.goto(base + CALCULATOR_PAGE)
        cold.append(answer_seconds(page))
        again.append(answer_seconds(page))
        page.goto(base + CALCULATOR_PAGE)
        warm.append(answer_seconds(page))
        context.close()
    return {"cold_s": cold, "warm_s": warm, "next_answer_s": again}


def engine_bytes(book: Path) -> dict | None:
    """The files the calculator engine fetches on first use, as stored and gzip-compressed (None: no engine)."""
    files = sorted((book / "vendor" / "pyodide").glob("*")) + [
        book / "_static" / "calculator-worker.js", book / "_static" / "retention-calculators.zip"]
    if not all(f.is_file() for f in files):
        return None
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes(), 6, mtime=0)) if f.suffix in COMPRESSIBLE else f.stat().st_size
                 for f in files)
    return {"raw": raw, "gzip": packed, "files": {f.name: f.stat().st_size for f in files}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--no-calculator", action="store_true", help="skip the calculator timings")
    args = parser.parse_args()
    if not (args.book / "index.html").is_file():
        sys.exit(f"{args.book} has no built book: run `make book` first")
    from playwright.sync_api import sync_playwright

    pages = book_pages(args.book)
    report: dict = {"limit": LIMIT, "pages": {}}
    with sync_playwright() as p:
        browser = chromium.launch(p)
        for serving, handler in SERVINGS.items():
            with served(args.book, handler) as base:
                for page, weight in page_weights(browser, base, pages).items():
                    report["pages"].setdefault(page, {})[serving] = {k: weight[k] for k in ("bytes", "requests")}
        if not args.no_calculator and report.get("engine") is not False:
            with served(args.book, GzipHandler) as base:
                report["calculator"] = calculator_timings(browser, base)
        browser.close()
    report["engine"] = engine_bytes(args.book)

    print(f"{'page':48} {'raw kB':>8} {'gzip kB':>8} {'requests':>8}")
    for page, w in report["pages"].items():
        print(f"{page:48} {w['raw']['bytes'] / 1000:8.0f} {w['gzip']['bytes'] / 1000:8.0f} {w['gzip']['requests']:8}")
    print("\nper page type, lightest–heaviest page (kB):")
    for kind in sorted({page_type(p) for p in report["pages"]}):
        mine = [w for p, w in report["pages"].items() if page_type(p) == kind]
        spans = {serving: [w[serving]["bytes"] / 1000 for w in mine] for serving in SERVINGS}
        print(f"  {kind:10} ({len(mine):2} pages)  " + "  ".join(
            f"{serving} {min(kb):5.0f}–{max(kb):5.0f}" for serving, kb in spans.items()))
    print()
    for serving in SERVINGS:
        over = [p for p, w in report["pages"].items() if w[serving]["bytes"] > LIMIT]
        print(f"pages above {LIMIT / 1e6:.0f} MB ({serving}): {over or 'none'}")
    engine = report["engine"] or {"raw": 0, "gzip": 0}
    print(f"calculator engine, fetched on first use: {engine['raw'] / 1e6:.2f} MB ({engine['gzip'] / 1e6:.2f} MB gzip)")
    if "calculator" in report:
        c = report["calculator"]
        print(f"first answer: cold {statistics.median(c['cold_s']):.1f} s (runs {', '.join(f'{s:.1f}' for s in c['cold_s'])}), "
              f"warm {statistics.median(c['warm_s']):.1f} s (runs {', '.join(f'{s:.1f}' for s in c['warm_s'])}), "
              f"next answer {statistics.median(c['next_answer_s']) * 1000:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
