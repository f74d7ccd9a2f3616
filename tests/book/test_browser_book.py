"""The HTML book as a reader meets it, in a real browser (Debian Chromium via Playwright) on 127.0.0.1.

Every built page loads with no console error, no failed request and nothing from another host; every
internal link and anchor resolves; every image has a real text alternative; every calculator form renders;
the language switch hides one language everywhere and remembers the choice; search finds lessons by
an English and a Chinese word; each lesson offers its notebook, which runs to the same results; and
axe-core finds no serious or critical WCAG 2.1 AA violation.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import papermill
import pytest
from browsing import AXE_JS, BOOK_HTML, book_pages, own_tab, page_ids, watch_page
from bs4 import BeautifulSoup
from lessons.expected_values import assert_glued_values_match_package
from paths import NOTEBOOKS

PAGES = book_pages()
PAGE_IDS = page_ids(PAGES)
# Lessons are the notebooks that the book has built into a page (the table of contents decides).
LESSONS = [p for p in NOTEBOOKS if (BOOK_HTML / "notebooks" / f"{p.stem}.html").is_file()]
LESSON_IDS = [p.stem for p in LESSONS]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A Latin word, a Chinese word, and a Chinese glossary term that jieba would otherwise cut into three words.
SEARCH_WORDS = ["churn", "流失率", "客户终身价值"]

browser_group = pytest.mark.xdist_group("browser")


def relative(path: Path) -> str:
    return path.relative_to(BOOK_HTML).as_posix()


# --------------------------------------------------------------------------------------------
# Static checks of the built files (no browser): links, anchors, images, language blocks
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@functools.lru_cache(maxsize=None)
def ids_in(path: Path) -> frozenset[str]:
    tree = soup(path)
    return frozenset(
        [el["id"] for el in tree.find_all(id=True)] + [el["name"] for el in tree.find_all("a", attrs={"name": True})]
    )


def internal_references(tree: BeautifulSoup):
    """(tag, attribute, value) for every reference to a file of the site, links and loaded files alike."""
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src")):
        for element in tree.find_all(tag, attrs={attribute: True}):
            value = element[attribute].strip()
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                continue  # another site (the browser tests check nothing is fetched from one), mailto:, data:, …
            yield tag, attribute, value


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_internal_link_and_anchor_resolves(path):
    broken = []
    base = "/" + relative(path)
    for tag, attribute, value in internal_references(soup(path)):
        parts = urlsplit(value)
        target_path = posixpath.normpath(urljoin(base, unquote(parts.path))) if parts.path else base
        target = BOOK_HTML / target_path.lstrip("/")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or BOOK_HTML.resolve() not in target.resolve().parents:
            broken.append(f"<{tag} {attribute}={value!r}>: no file {target_path}")
            continue
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in ids_in(target):
            broken.append(f"<{tag} {attribute}={value!r}>: {relative(target)} has no id {fragment!r}")
    assert not broken, "\n".join(broken)


def test_the_link_check_sees_the_whole_site():
    assert LESSONS, "the book has no lesson page: run `make book`"
    linked = {
        posixpath.normpath(urljoin("/" + relative(page), urlsplit(value).path)).lstrip("/")
        for page in PAGES
        for tag, _, value in internal_references(soup(page))
        if tag == "a" and urlsplit(value).path.endswith(".html")
    }
    unlinked = {relative(page) for page in PAGES} - linked - {"index.html", "genindex.html", "search.html"}
    assert not unlinked, f"pages no other page links to: {sorted(unlinked)}"


def looks_like_a_file_name(alt: str, src: str) -> bool:
    name = posixpath.basename(src)
    return alt == src or posixpath.basename(alt) == name or bool(re.fullmatch(r"[\w./-]+\.(png|jpe?g|gif|svg)", alt))


@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_image_has_a_text_alternative(path):
    """A screen reader reads ``alt`` aloud: it must say what the picture shows, not its file name."""
    missing = []
    for img in soup(path).find_all("img"):
        alt = (img.get("alt") or "").strip()
        if not alt or looks_like_a_file_name(alt, img.get("src", "")):
            missing.append(f"<img src={img.get('src')!r} alt={img.get('alt')!r}>")
    assert not missing, "images without a real text alternative (see book/_ext/accessibility.py):\n" + "\n".join(missing)


@pytest.mark.parametrize("path", [p for p in PAGES if p.parent.name == "notebooks"], ids=lambda p: p.stem)
def test_lesson_charts_say_what_they_show_in_both_languages(path):
    """Each chart's alt describes that chart (set on its cell), not the section it sits in."""
    from retention.bilingual import split

    alts = [(img.get("alt") or "").strip() for img in soup(path).find_all("img")]
    generic = [alt for alt in alts if alt.startswith("Chart:") or split(alt) is None]
    assert not generic, f"charts with a generic or one-language description: {generic}"
    assert len(set(alts)) == len(alts), "two charts on the page share one description"


# --------------------------------------------------------------------------------------------
# Every page in the browser, opened once: clean offline load, calculator forms, lang attributes, language
# switch, axe-core. Each test below asserts one part of that page's report.
# --------------------------------------------------------------------------------------------


def open_page(page, book_url, path: Path, wait_until="networkidle"):
    page.goto(book_url + relative(path), wait_until=wait_until)
    return page


CALCULATOR_FORMS = """() => Array.from(document.querySelectorAll('form.retention-calculator')).map(area => {
    const box = area.getBoundingClientRect();
    return {text: area.innerText.trim().length, height: box.height, width: box.width,
            controls: area.querySelectorAll('input[type=range], input[type=number]').length};
})"""

LANG_ATTRIBUTES = """() => ({
    html: document.documentElement.lang,
    en: Array.from(document.querySelectorAll('.lang-en, .bi-en')).filter(e => e.lang !== 'en').map(e => e.outerHTML.slice(0, 120)),
    zh: Array.from(document.querySelectorAll('.lang-zh-Hans, .bi-zh')).filter(e => e.lang !== 'zh-Hans').map(e => e.outerHTML.slice(0, 120)),
})"""

VISIBILITY = """() => {
    const shown = el => getComputedStyle(el).display !== 'none';
    const count = sel => { const all = Array.from(document.querySelectorAll(sel));
                           return {all: all.length, shown: all.filter(shown).length}; };
    return {mode: document.documentElement.getAttribute('data-reader-lang'),
            en: count('.lang-en'), zh: count('.lang-zh-Hans'),
            enTitles: count('.bi-en'), zhTitles: count('.bi-zh')};
}"""

AXE_RUN = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
        rule: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
        examples: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200)),
    }));
}"""


AXE_CONTRAST = """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}}))
    .violations.flatMap(v => v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200)))"""


def choose(page, mode: str) -> dict:
    page.select_option("#reader-lang-select", mode)
    return page.evaluate(VISIBILITY)


def mode_errors(seen: dict, mode: str) -> list[str]:
    """What is wrong with the visible blocks in ``mode`` (empty if all is right)."""
    errors = []
    if seen["mode"] != mode:
        errors.append(f"data-reader-lang is {seen['mode']!r}, not {mode!r}")
    hidden = {"zh": "en", "en": "zh"}.get(mode)  # "both" hides nothing
    for key in ("en", "zh", "enTitles", "zhTitles"):
        counts = seen[key]
        if key[:2] == hidden and counts["shown"]:
            errors.append(f"{mode}: {counts['shown']} of {counts['all']} {key} blocks still shown")
        if key[:2] != hidden and counts["shown"] != counts["all"]:
            errors.append(f"{mode}: {counts['all'] - counts['shown']} of {counts['all']} {key} blocks hidden")
    return errors


@pytest.fixture(scope="session")
def page_report(browser, book_url):
    """Open a page once (fresh storage) and record everything the per-page tests check."""
    reports = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def report(path: Path) -> dict:
        if path in reports:
            return reports[path]
        tab = context.new_page()
        tab.watch = watch_page(tab)
        try:
            open_page(tab, book_url, path)
            found = {
                "mode": tab.evaluate("document.documentElement.getAttribute('data-reader-lang')"),
                "switches": tab.locator("#reader-lang-select").count(),
                "calculators": tab.evaluate(CALCULATOR_FORMS),
                "lang": tab.evaluate(LANG_ATTRIBUTES),
            }
            # Before axe: its stylesheet preloading resolves @import against the page and asks for /basic.css.
            found["problems"] = dict(tab.watch.problems())
            tab.add_script_tag(path=str(AXE_JS))
            found["axe"] = tab.evaluate(AXE_RUN, AXE_TAGS)
            # The theme's dark mode, as its switch sets it: the contrast of every text again.
            tab.evaluate("document.documentElement.dataset.theme = 'dark'")
            found["axe_dark"] = tab.evaluate(AXE_CONTRAST)
            tab.evaluate("document.documentElement.dataset.theme = 'light'")
            found["switch"] = {}
            if tab.evaluate(VISIBILITY)["en"]["all"]:
                found["switch"]["both"] = mode_errors(tab.evaluate(VISIBILITY), "both")
                for mode in ("zh", "en", "both"):
                    found["switch"][mode] = mode_errors(choose(tab, mode), mode)
        finally:
            tab.close()
        reports[path] = found
        return found

    try:
        yield report
    finally:
        context.close()


@browser_group
@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_page_loads_cleanly_and_offline(page_report, path):
    """No console error, no failed request, nothing requested from another host; the switch is there."""
    found = page_report(path)
    assert found["mode"] == "both" and found["switches"] == 1, "the language switch is missing"
    assert not found["problems"], json.dumps(found["problems"], ensure_ascii=False, indent=1)


CALCULATOR_PAGES = [p for p in PAGES if soup(p).select_one("form.retention-calculator")]


@browser_group
@pytest.mark.parametrize("path", CALCULATOR_PAGES, ids=page_ids(CALCULATOR_PAGES))
def test_every_calculator_form_is_rendered_and_not_empty(page_report, path):
    areas = page_report(path)["calculators"]
    assert len(areas) == len(soup(path).select("form.retention-calculator"))
    empty = [a for a in areas if not a["text"] or not a["controls"] or a["height"] < 10 or a["width"] < 10]
    assert not empty, f"{len(empty)} of {len(areas)} calculator forms render empty: {empty}"


BILINGUAL_PAGES = [p for p in PAGES if soup(p).select_one(".lang-en")]


@browser_group
@pytest.mark.parametrize("path", BILINGUAL_PAGES, ids=page_ids(BILINGUAL_PAGES))
def test_language_switch_hides_the_other_language(page_report, path):
    """中文 hides every English block (computed display: none) and English every Chinese one; both shows all."""
    switch = page_report(path)["switch"]
    assert set(switch) == {"both", "zh", "en"}, "the page has no language blocks"
    assert not any(switch.values()), json.dumps(switch, ensure_ascii=False, indent=1)


@browser_group
@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_language_blocks_carry_the_right_lang(page_report, path):
    lang = page_report(path)["lang"]
    assert lang["html"] == "en"
    assert not lang["en"], f"English blocks without lang=en: {lang['en']}"
    assert not lang["zh"], f"Chinese blocks without lang=zh-Hans: {lang['zh']}"


@browser_group
@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_no_serious_accessibility_violation(page_report, path):
    """axe-core, WCAG 2.1 A and AA rules: no serious or critical violation."""
    violations = page_report(path)["axe"]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


@browser_group
@pytest.mark.parametrize("path", PAGES, ids=PAGE_IDS)
def test_every_text_keeps_its_contrast_in_the_dark_theme(page_report, path):
    """The theme's dark mode (its switch in the header): axe-core's colour contrast rule, WCAG AA. Links in
    the dark theme's striped table rows had 4.0:1 (#528fe4 on #29313d)."""
    violations = page_report(path)["axe_dark"]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


@pytest.fixture
def fresh_page(browser):
    """A tab in its own context, so its language choice starts from the default."""
    with own_tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        yield tab


def assert_mode(page, mode: str):
    errors = mode_errors(page.evaluate(VISIBILITY), mode)
    assert not errors, errors


@browser_group
def test_language_choice_survives_navigation_and_reload(fresh_page, book_url, screenshots):
    assert LESSONS, "no lesson page"
    page = open_page(fresh_page, book_url, BOOK_HTML / "notebooks" / f"{LESSONS[0].stem}.html")
    page.screenshot(path=str(screenshots / "book-both.png"))
    choose(page, "zh")
    assert_mode(page, "zh")
    page.screenshot(path=str(screenshots / "book-zh.png"))
    # Follow the "next" link as a reader would.
    first_url = page.url
    with page.expect_navigation(wait_until="load"):
        page.locator("a.right-next").first.click()
    assert page.url != first_url
    assert_mode(page, "zh")
    assert page.locator("#reader-lang-select").input_value() == "zh"
    page.reload(wait_until="load")
    assert_mode(page, "zh")
    choose(page, "en")
    page.go_back(wait_until="load")
    assert page.url == first_url
    assert_mode(page, "en")
    page.screenshot(path=str(screenshots / "book-en.png"))
    choose(page, "both")
    page.reload(wait_until="load")
    assert_mode(page, "both")
    assert page.evaluate("localStorage.getItem('cbec-reader-lang')") == "both"
    assert not page.watch.problems(), page.watch.problems()
    # In 中文 mode the page passes axe too (contrast of what is left, names of the visible controls).
    choose(page, "zh")
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(AXE_RUN, AXE_TAGS)
    choose(page, "both")
    assert not violations, "in 中文 mode: " + json.dumps(violations, ensure_ascii=False, indent=1)


TABLE_LANGUAGE = """() => {
    const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const headers = Array.from(document.querySelectorAll('.cell_output table thead th')).filter(shown);
    const words = headers.map(h => h.innerText.trim()).filter(t => /[A-Za-z\u4e00-\u9fff]/.test(t));
    const zhCells = Array.from(document.querySelectorAll('.cell_output table td span[lang="zh-Hans"]'))
        .filter(s => shown(s) && s.textContent.trim().length >= 4);
    const size = el => parseFloat(getComputedStyle(el).fontSize);
    const rowLabels = Array.from(document.querySelectorAll('.cell_output table tbody th')).filter(shown)
        .map(h => h.innerText.trim()).filter(t => /[A-Za-z]{2,}/.test(t));  // a word, not a unit such as "h"
    return {
        headers: words.length,
        withoutChinese: words.filter(t => !/[\u4e00-\u9fff]/.test(t)),
        rowLabelsWithoutChinese: rowLabels.filter(t => !/[\u4e00-\u9fff]/.test(t)),
        englishShown: Array.from(document.querySelectorAll('.cell_output table th span[lang="en"]')).filter(shown).length,
        // stacked: broken over lines in a column a few characters wide (a short result such as "约 193" on one line is not)
        stacked: zhCells.filter(s => s.getClientRects().length > 1 && s.getBoundingClientRect().width < 3 * size(s))
            .map(s => s.textContent.slice(0, 20)),
        zhCells: zhCells.length,
        zhRowLabels: Array.from(document.querySelectorAll('.cell_output table tbody th span[lang="zh-Hans"]')).filter(shown).length,
    };
}"""


@browser_group
@pytest.mark.parametrize("stem", ["01_why_keep_customers", "32_who_are_the_customers", "33_rfm_segments", "36_satisfaction"])
def test_table_headers_read_chinese_in_chinese_mode(fresh_page, book_url, stem):
    """In 中文 mode every lesson table header and row label (a country, a segment) shows its Chinese half only,
    and Chinese cells do not stack per character."""
    page = open_page(fresh_page, book_url, BOOK_HTML / "notebooks" / f"{stem}.html")
    choose(page, "zh")
    seen = page.evaluate(TABLE_LANGUAGE)
    assert seen["headers"] >= 5 and seen["zhCells"] + seen["zhRowLabels"] >= 4, seen
    assert not seen["withoutChinese"] and not seen["englishShown"] and not seen["rowLabelsWithoutChinese"], seen
    assert not seen["stacked"], seen
    choose(page, "en")
    assert page.evaluate(TABLE_LANGUAGE)["englishShown"] >= 5


SUMMARIES = """() => Array.from(document.querySelectorAll('article details > summary'))
    .filter(s => s.getClientRects().length > 0).map(s => s.innerText.trim())"""


@browser_group
def test_the_answer_blocks_titles_follow_the_language_choice(fresh_page, book_url):
    """The closed blocks of a lesson (exercise answers, check-your-answer, the quiz's answers) are titled in
    the chosen language only: "答案", not "Answer · 答案", in 中文 mode."""
    page = open_page(fresh_page, book_url, BOOK_HTML / "notebooks" / "33_rfm_segments.html")
    titles = {}
    for mode in ("zh", "en", "both"):
        choose(page, mode)
        titles[mode] = page.evaluate(SUMMARIES)
    assert len(titles["zh"]) >= 5 and len(titles["zh"]) == len(titles["en"]), titles
    assert not [t for t in titles["zh"] if re.search(r"[A-Za-z]{2,}", t)], titles["zh"]
    assert not [t for t in titles["en"] if re.search(r"[\u4e00-\u9fff]", t)], titles["en"]
    assert any("Answer" in t and "答案" in t for t in titles["both"]), titles["both"]


# --------------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------------


def article_text(path: Path) -> str:
    article = soup(path).select_one("article.bd-article") or soup(path).body
    return article.get_text(" ")


@browser_group
@pytest.mark.parametrize("word", SEARCH_WORDS)
def test_search_finds_the_lessons_containing_a_word(page, book_url, word):
    containing = {relative(p) for p in PAGES if p.parent.name in ("notebooks", "book") and word.lower() in article_text(p).lower()}
    assert any(name.startswith("notebooks/") for name in containing), f"no lesson contains {word!r} any more: pick another word"
    page.goto(f"{book_url}search.html?q={word}", wait_until="networkidle")
    page.wait_for_function("() => /Search finished/.test(document.querySelector('#search-results')?.innerText || '')")
    found = set(page.evaluate("() => Array.from(document.querySelectorAll('#search-results li a')).map(a => a.getAttribute('href').split(/[?#]/)[0])"))
    assert containing <= found, f"search for {word!r} misses {sorted(containing - found)} (found {sorted(found)})"
    # The result opens the lesson, with the word highlighted.
    lesson = next(iter(sorted(n for n in found if n.startswith("notebooks/"))))
    with page.expect_navigation(wait_until="networkidle"):
        page.locator(f'#search-results li a[href^="{lesson}"]').first.click()
    assert page.url.split("?")[0].endswith(lesson)
    assert not page.watch.problems(), page.watch.problems()


# --------------------------------------------------------------------------------------------
# Downloads: each lesson offers its notebook, which runs to the same results
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", LESSONS, ids=LESSON_IDS)
def test_lesson_offers_its_notebook_and_it_runs_to_the_same_results(book_url, path, tmp_path):
    page = BOOK_HTML / "notebooks" / f"{path.stem}.html"
    links = [a["href"] for a in soup(page).select("a.btn-download-source-button[href]") if a["href"].endswith(".ipynb")]
    assert links, f"{relative(page)} offers no .ipynb download"
    url = urljoin(book_url + relative(page), links[0])
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        downloaded = tmp_path / posixpath.basename(urlsplit(url).path)
        downloaded.write_bytes(response.read())
    nb = nbformat.read(downloaded, as_version=4)
    assert [c.source for c in nb.cells] == [c.source for c in nbformat.read(path, as_version=4).cells], "the download is not the lesson"
    out = tmp_path / "executed.ipynb"
    papermill.execute_notebook(str(downloaded), str(out), cwd=str(tmp_path), kernel_name="python3", progress_bar=False, log_output=False)
    assert_glued_values_match_package(path.stem, nbformat.read(out, as_version=4))


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone_page(browser):
    """A tab the size of a phone screen, with touch, in its own context."""
    with own_tab(browser, viewport=PHONE, has_touch=True, is_mobile=True) as tab:
        yield tab


@browser_group
@pytest.mark.parametrize("name", ["notebooks/01_why_keep_customers.html", "book/glossary.html"])
def test_on_a_phone_the_menu_opens_the_navigation_and_nothing_overflows(phone_page, book_url, screenshots, name):
    page = phone_page
    page.goto(book_url + name, wait_until="networkidle")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "the page is wider than the phone"
    header = page.locator(".bd-header").first
    assert header.bounding_box()["width"] <= PHONE["width"], "the header overflows the screen"
    toggle = page.locator(".primary-toggle:visible").first
    toggle.wait_for(state="visible")
    toggle.tap()
    lesson_link = page.locator("#pst-primary-sidebar-modal nav a, .bd-sidebar-primary nav a").filter(has_text="Why customers leave")
    lesson_link.first.wait_for(state="visible", timeout=5_000)
    page.screenshot(path=str(screenshots / f"phone-menu-{Path(name).stem}.png"))
    assert not page.watch.problems(), page.watch.problems()
