"""The built HTML book: offline (nothing from another host), language attributes, no stray warnings."""

import re

import pytest
from paths import BOOK_HTML, NOTEBOOKS

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)


def pages():
    return sorted(p for p in BOOK_HTML.rglob("*.html") if "_static" not in p.parts and "vendor" not in p.parts)


def test_no_page_loads_anything_from_another_host(book_html):
    offenders = {str(p.relative_to(book_html)): EXTERNAL.findall(p.read_text(encoding="utf-8")) for p in pages()}
    assert pages() and not {k: v for k, v in offenders.items() if v}


def test_no_page_names_a_cdn(book_html):
    for page in pages():
        text = page.read_text(encoding="utf-8")
        for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "mathjax.org", "fonts.googleapis.com"):
            assert host not in text, f"{page.name} mentions {host}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_page_marks_both_languages(book_html, path):
    html = (book_html / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
    en = len(re.findall(r'<div class="lang-en[^"]*"[^>]*\blang="en"', html))
    zh = len(re.findall(r'<div class="lang-zh-Hans[^"]*"[^>]*\blang="zh-Hans"', html))
    assert en > 0 and en == zh


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_page_shows_no_warning_text(book_html, path):
    html = (book_html / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert "Glyph" not in html and "Warning:" not in html and 'class="output stderr"' not in html


def test_lesson_pages_carry_calculator_forms_and_no_widget_manager(book_html):
    """Calculators and quizzes are HTML forms in the book: no widget view, widget state or widget manager."""
    html = (book_html / "notebooks" / "01_why_keep_customers.html").read_text(encoding="utf-8")
    assert 'class="retention-calculator"' in html and re.search(r'<script[^>]*src="[^"]*calculator\.js', html)
    for page in pages():
        text = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in text, f"{page.name} still carries ipywidgets output"
        assert not re.search(r'<script[^>]*src="[^"]*(?:require|embed-amd)[^"]*"', text), page.name


def test_glossary_page_carries_every_entry(book_html):
    from retention.glossary import load_glossary

    html = (book_html / "book" / "glossary.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", h).strip() for h in re.findall(r"<h2>(.*?)</h2>", html, flags=re.S)]
    headings = [h for h in headings if h != "Contents"]
    assert headings == [f"{e.en} · {e.zh}" for e in load_glossary()], "the built glossary lacks entries of book/glossary/*.yml"
    assert "glossary entries:" not in html, "the marker line was not replaced"


def visible_text(html: str) -> str:
    """What a reader reads on a page: its text without scripts, styles, code and math."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "code", "pre", "math"]):
        hidden.decompose()
    for math in soup.select(".math, mjx-container"):
        math.decompose()
    return soup.get_text(" ")


def test_no_page_shows_markdown_asterisks(book_html):
    """A ** or * that Markdown did not turn into bold or italic (e.g. after Chinese punctuation) is a visible defect."""
    shown = {}
    for page in pages():
        stray = re.findall(r".{0,12}\*.{0,12}", visible_text(page.read_text(encoding="utf-8")))
        if stray:
            shown[str(page.relative_to(book_html))] = stray[:3]
    assert not shown, f"literal asterisks on {len(shown)} pages: {shown}"


def test_chinese_paragraphs_have_no_line_break_between_chinese_text(book_html):
    """A line break inside a Chinese paragraph (also before a link) shows as a space between two characters."""
    from bs4 import BeautifulSoup

    from retention.bilingual import CJK_TEXT

    gaps = {}
    for page in pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for block in soup.select('[lang="zh-Hans"] p, [lang="zh-Hans"] li'):
            if block.find(["p", "ul", "ol", "details", "div"]):
                continue  # its paragraphs are checked on their own; block boundaries are not soft breaks
            found = re.findall(rf".{{0,8}}[{CJK_TEXT}]\n\s*[{CJK_TEXT}].{{0,8}}", block.get_text(""))
            if found:
                gaps.setdefault(str(page.relative_to(book_html)), []).extend(found)
    assert not gaps, f"line breaks between Chinese characters: {gaps}"
