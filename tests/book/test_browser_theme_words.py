"""The theme's own words follow the reader's language choice, as the book's prose does (Chromium on the built book).

The theme (sphinx-book-theme / pydata-sphinx-theme) and Sphinx's search write words of their own around
the lesson: "Contents", "previous" / "next", "Skip to main content", "Back to top", the footer, the
buttons' tooltips and labels, the search page's headings and messages, the code cells' "Copy" tooltip,
the "Link to this heading" tooltip of each heading's "#" link.
In 中文 mode none of them may be English-only, in English mode none may carry Chinese, and in both
modes they read in both languages. What counts as theme text is found from the outside: every visible
text outside the page's own content (the search page's content is the theme's too, except the found
pages' titles and excerpts), and every label or tooltip attribute of the page's controls, shown or not
(a tooltip shows on hover, the dark-mode icon in dark mode, the sidebar toggle on a phone).
"""

from __future__ import annotations

import json

import pytest
import yaml
from browsing import ROOT, own_tab
from lesson_content import read_lesson

from retention.bilingual import split

browser_group = pytest.mark.xdist_group("browser")

#: A lesson with code cells (their copy buttons), the glossary, a search with results and one without.
PAGES = [
    "notebooks/31_data_cleaning.html",
    "book/glossary.html",
    "search.html?q=churn",
    "search.html?q=zzqqxxnothing",
]

THEME_WORDS = r"""() => {
    const content = el => {
        // The search page is the theme's template; only the found pages' titles and excerpts are content.
        if (document.getElementById('search-results')) return !!el.closest('ul.search');
        return !!el.closest('article.bd-article') && !el.closest('.copybtn, a.headerlink');
    };
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode, el = text.parentElement, value = text.nodeValue.trim();
        if (!value || !el || el.closest('script, style, noscript, kbd') || content(el) || !shown(el)) continue;
        found.push({where: el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0], text: value});
    }
    const ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'data-bs-original-title', 'data-tooltip', 'alt'];
    for (const el of document.body.querySelectorAll('*')) {
        if (content(el)) continue;
        for (const name of ATTRIBUTES) {
            const value = (el.getAttribute(name) || '').trim();
            if (value) found.push({where: el.tagName.toLowerCase() + '[' + name + ']', text: value});
        }
    }
    return found;
}"""

LATIN_WORD = r"[A-Za-z]{2,}"
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


def theme_words(page, mode: str) -> list[dict]:
    page.select_option("#reader-lang-select", mode)
    return page.evaluate(THEME_WORDS)


def open_book_page(page, book_url: str, name: str):
    page.goto(book_url + name, wait_until="networkidle")
    if name.startswith("search.html"):
        page.wait_for_function("() => document.querySelector('#search-results p.search-summary')?.textContent.trim()")
    page.locator("#reader-lang-select").wait_for()
    return page


@pytest.fixture
def tab(browser):
    with own_tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        yield tab


@browser_group
@pytest.mark.parametrize("name", PAGES)
def test_in_chinese_mode_no_theme_text_is_english_only(tab, book_url, name):
    import re

    open_book_page(tab, book_url, name)
    words = theme_words(tab, "zh")
    assert len(words) >= 20, f"found only {len(words)} theme texts: the test no longer sees the theme"
    english = [w for w in words if re.search(LATIN_WORD, w["text"]) and not re.search(HAN, w["text"])]
    assert not english, "English-only theme text in 中文 mode:\n" + json.dumps(english, ensure_ascii=False, indent=1)
    assert not tab.watch.problems(), tab.watch.problems()


@browser_group
@pytest.mark.parametrize("name", PAGES)
def test_in_english_mode_no_theme_text_is_chinese(tab, book_url, name):
    import re

    open_book_page(tab, book_url, name)
    words = theme_words(tab, "en")
    # The language switch's own caption stays bilingual, so a reader who cannot read one language finds it.
    chinese = [w for w in words if re.search(HAN, w["text"]) and w["text"] != "Language · 语言"]
    assert not chinese, "Chinese theme text in English mode:\n" + json.dumps(chinese, ensure_ascii=False, indent=1)


@browser_group
def test_in_both_mode_the_theme_speaks_both_languages_and_switching_back_restores_them(tab, book_url):
    open_book_page(tab, book_url, "notebooks/31_data_cleaning.html")
    read = """() => ({
        contents: document.querySelector('.page-toc.tocsection').innerText.trim(),
        next: document.querySelector('.right-next .prev-next-subtitle').innerText.trim(),
        download: document.querySelector('.article-header-buttons .dropdown-toggle').getAttribute('aria-label'),
        copy: document.querySelector('.copybtn').getAttribute('data-tooltip'),
    })"""
    both = tab.evaluate(read)
    assert both == {"contents": "Contents · 目录", "next": "Next · 下一页", "download": "Download this page · 下载本页",
                    "copy": "Copy · 复制"}, both
    tab.select_option("#reader-lang-select", "zh")
    assert tab.evaluate(read) == {"contents": "目录", "next": "下一页", "download": "下载本页", "copy": "复制"}
    # The tooltip the theme's Bootstrap shows on hover was made at load: it follows the switch too.
    # (the full-screen button's comes from its title, the colour-mode button's from data-bs-title, read once).
    tip = tab.locator(".tooltip .tooltip-inner")
    for button, word in ((".btn-fullscreen-button", "全屏模式"), (".theme-switch-button", "颜色模式")):
        tab.hover(button)
        tip.wait_for()
        assert tip.inner_text() == word
        tab.mouse.move(0, 400)
        tip.wait_for(state="detached")
    tab.select_option("#reader-lang-select", "en")
    assert tab.evaluate(read) == {"contents": "Contents", "next": "Next", "download": "Download this page", "copy": "Copy"}
    tab.select_option("#reader-lang-select", "both")
    assert tab.evaluate(read) == both


def test_every_word_of_the_table_is_one_the_built_book_uses():
    """The table holds the theme's words, not guesses: each appears, translated, in some built page."""
    import html
    import sys

    from browsing import BOOK_HTML, ROOT, book_pages

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    from theme_words import THEME_WORDS, both

    built = "\n".join(p.read_text(encoding="utf-8") for p in book_pages())
    unused = [en for en in THEME_WORDS
              if f'<span class="bi-en" lang="en">{html.escape(en)}</span>' not in built and f'="{html.escape(both(en))}"' not in built]
    assert not unused, f"words of book/_ext/theme_words.py that no page of {BOOK_HTML} shows: {unused}"


@browser_group
@pytest.mark.parametrize("name", ["notebooks/01_why_keep_customers.html", "search.html?q=churn"])
def test_the_tab_title_follows_the_language_choice(tab, book_url, name):
    """The browser tab reads the page's and the book's titles in the reader's language (it read "Search - …" in
    中文 mode), from the first paint: the choice made on one page holds on the next."""
    book_en, book_zh = split(yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"])
    if name.startswith("search"):
        page_en, page_zh = "Search", "搜索"
        expected = {"en": f"{page_en} - {book_en}", "zh": f"{page_zh} - {book_zh}"}
    else:
        page = read_lesson(ROOT / "notebooks" / "01_why_keep_customers.ipynb").title
        page_en, page_zh = page.en, page.zh
        expected = {"en": f"{page_en} \u2014 {book_en}", "zh": f"{page_zh} \u2014 {book_zh}"}
    open_book_page(tab, book_url, name)
    built = tab.title()
    for mode in ("zh", "en"):
        tab.select_option("#reader-lang-select", mode)
        assert tab.title() == expected[mode]
        open_book_page(tab, book_url, name)  # a new page, drawn in the chosen language
        assert tab.title() == expected[mode]
    tab.select_option("#reader-lang-select", "both")
    assert tab.title() == built and page_en in built and page_zh in built and book_zh in built
