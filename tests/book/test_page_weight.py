"""Light pages: every page of the built book transfers at most 1 MB on a first visit (empty cache).

Measured as scripts/bench_page_weight.py measures it (same code): Chromium's own count of bytes
transferred, the book served on 127.0.0.1 the way static hosts serve a site (text gzip-compressed),
every request to another host aborted. The calculator engine is not part of a first load: it is
fetched only when a reader uses a calculator. The theme's icons are still drawn (their web font
loads), and the search index loads only on the search page.
"""

from __future__ import annotations

import bench_page_weight as bench
import pytest
from local_server import served

browser_group = pytest.mark.xdist_group("browser")
PAGES = bench.book_pages()


@pytest.fixture(scope="module")
def weights(browser):
    with served(bench.BOOK, bench.GzipHandler) as base:
        yield {page: {**weight, "resources": {url.removeprefix(base): size for url, size in weight["resources"].items()}}
               for page, weight in bench.page_weights(browser, base, PAGES).items()}


@browser_group
def test_every_page_stays_under_the_limit_on_a_first_visit(weights):
    assert any(page.startswith("notebooks/") for page in weights), "no lesson page measured"
    heavy = {page: w["bytes"] for page, w in weights.items() if w["bytes"] > bench.LIMIT}
    assert not heavy, f"pages above {bench.LIMIT:,} bytes: {heavy}"


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
