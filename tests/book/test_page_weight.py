"""Light pages: every page of the built book transfers at most 1 MB on a first visit (empty cache).

Measured as scripts/bench_page_weight.py measures it (same code): Chromium's own count of bytes
transferred, the book served on 127.0.0.1 both as stored (``python -m http.server``; about what a page
opened from disk reads) and the way static hosts and ``make serve`` serve it (text gzip-compressed),
every request to another host aborted. The calculator engine is not part of a first load: it is
fetched only when a reader uses a calculator. The theme's icons are still drawn (their web font,
cut to the book's icons, loads and has a glyph for every icon a page shows), and the search index
loads only on the search page.
"""

from __future__ import annotations

import bench_page_weight as bench
import pytest
from browsing import BOOK_HTML, book_pages, page_ids
from fontTools.ttLib import TTFont
from local_server import served

browser_group = pytest.mark.xdist_group("browser")
PAGES = bench.book_pages()


SOLID_FONT = BOOK_HTML / "_static" / "vendor" / "fontawesome" / "webfonts" / "fa-solid-900.woff2"


def measure(browser, serving: str) -> dict[str, dict]:
    with served(bench.BOOK, bench.SERVINGS[serving]) as base:
        return {page: {**weight, "resources": {url.removeprefix(base): size for url, size in weight["resources"].items()}}
                for page, weight in bench.page_weights(browser, base, PAGES).items()}


@pytest.fixture(scope="module")
def weights(browser):
    """Page -> first-visit weight, the book gzip-served."""
    return measure(browser, "gzip")


@browser_group
@pytest.mark.parametrize("serving", ["raw", "gzip"])
def test_every_page_stays_under_the_limit_on_a_first_visit(browser, weights, serving):
    measured = weights if serving == "gzip" else measure(browser, serving)
    assert any(page.startswith("notebooks/") for page in measured), "no lesson page measured"
    heavy = {page: w["bytes"] for page, w in measured.items() if w["bytes"] > bench.LIMIT}
    assert not heavy, f"pages above {bench.LIMIT:,} bytes ({serving}): {heavy}"


@browser_group
def test_no_page_loads_the_calculator_engine_or_a_widget_manager_before_it_is_used(weights):
    for page, w in weights.items():
        loaded = [url for url in w["resources"] if "pyodide" in url or "retention-calculators.zip" in url
                  or "embed-amd" in url or "require.js" in url or "fontawesome.js" in url]
        assert not loaded, f"{page} loads {loaded}"


@browser_group
def test_the_search_index_loads_only_on_the_search_page(weights):
    with_index = sorted(page for page, w in weights.items() if any("searchindex.js" in url for url in w["resources"]))
    assert with_index == ["search.html"], with_index


@browser_group
def test_the_theme_icons_are_drawn_by_its_web_font(page, book_url):
    """Without fontawesome.js the header icons come from the Font Awesome web font: it loads and draws them."""
    page.goto(book_url + "notebooks/01_why_keep_customers.html", wait_until="networkidle")
    seen = page.evaluate("""async () => {
        await document.fonts.ready;
        const icon = document.querySelector('i.fa-download');  // the header's download button
        const style = getComputedStyle(icon, '::before');
        return {family: style.fontFamily, glyph: style.content, width: icon.getBoundingClientRect().width,
                loaded: Array.from(document.fonts).some(f => f.family.includes('Font Awesome') && f.status === 'loaded')};
    }""")
    assert seen["loaded"] and "Font Awesome" in seen["family"], seen
    assert seen["glyph"] not in ("none", "normal", "") and seen["width"] > 4, seen
    assert not page.watch.problems(), page.watch.problems()


ICONS_SHOWN = """() => {
    const shown = [];
    for (const element of document.querySelectorAll('body *')) {
        for (const pseudo of ['::before', '::after']) {
            const style = getComputedStyle(element, pseudo);
            if (!style.fontFamily.includes('Font Awesome') || !style.content.startsWith('"')) continue;
            const text = JSON.parse(style.content);
            const where = element.tagName.toLowerCase() + '.' + Array.from(element.classList).join('.') + pseudo;
            shown.push({where, weight: style.fontWeight, codes: Array.from(text, c => c.codePointAt(0))});
        }
    }
    return shown;
}"""


SHOWN_PAGES = [p for p in book_pages() if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8").lower()]  # not redirects


@browser_group
@pytest.mark.parametrize("path", SHOWN_PAGES, ids=page_ids(SHOWN_PAGES))
def test_every_icon_a_page_shows_has_its_glyph_in_the_served_font(page, book_url, path):
    """The solid icon font is cut to the book's icons: each icon on each page (header buttons, admonition
    and link marks, hidden ones too) must still be in it, or the reader sees an empty box."""
    served = set(TTFont(SOLID_FONT).getBestCmap())
    page.goto(book_url + path.relative_to(BOOK_HTML).as_posix(), wait_until="load")
    shown = page.evaluate(ICONS_SHOWN)
    assert shown, "no Font Awesome icon found on the page"
    missing = [(icon["where"], hex(code)) for icon in shown if icon["weight"] == "900"
               for code in icon["codes"] if code not in served]
    assert not missing, f"icons without a glyph in {SOLID_FONT.name}: {missing}"
    assert not page.watch.problems(), page.watch.problems()
