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
    article = html.partition('<article class="bd-article"')[2].partition("</article>")[0]  # not the theme's "Contents"
    headings = [re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", h).strip() for h in re.findall(r"<h2>(.*?)</h2>", article, flags=re.S)]
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


# --------------------------------------------------------------------------------------------
# Lesson outputs as readers read them: tables, results and the code that is shown
# --------------------------------------------------------------------------------------------

SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
LATIN = re.compile("[A-Za-z]")
REPRS = {
    "numpy scalar": re.compile(r"\bnp\.(?:float|int|bool)\d*\("),
    "pandas Timestamp": re.compile(r"\bTimestamp\('"),
    "dataclass or namedtuple": re.compile(r"\b[A-Z][A-Za-z]+\([a-z_]+="),
    "dict": re.compile(r"^\{'[^']*': "),
    "tuple of numbers": re.compile(r"^\(-?\d[\d.]*, -?\d"),
    "bare number": re.compile(r"^-?\d[\d.,]*(?:e-?\d+)?$"),
}


def lesson_soup(path):
    from bs4 import BeautifulSoup

    return BeautifulSoup((BOOK_HTML / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8"), "html.parser")


def output_tables(soup):
    return soup.select(".cell_output table")


def cell_text(cell) -> str:
    """A table cell's text as shown, without the code names some headers carry under the label."""
    from copy import copy

    cell = copy(cell)
    for code in cell.select("code"):
        code.decompose()
    return " ".join(cell.get_text(" ").split())


def truncated_cells(soup) -> list[str]:
    return [cell_text(c) for t in output_tables(soup) for c in t.select("td, th") if re.search(r"\.\.\.|…", cell_text(c))]


def raw_headers(soup) -> list[str]:
    """Table headers a reader should never meet: snake_case names, or an unnamed 0..n row index."""
    found = []
    for table in output_tables(soup):
        found += [cell_text(h) for h in table.select("th") if SNAKE_CASE.search(cell_text(h))]
        row_heads = [cell_text(r.find("th")) for r in table.select("tbody tr") if r.find("th")]
        head_rows = table.select("thead tr")
        corner = cell_text(head_rows[-1].find("th")) if head_rows and head_rows[-1].find("th") else ""
        if row_heads and row_heads == [str(i) for i in range(len(row_heads))] and not corner:
            found.append(f"unnamed index 0..{len(row_heads) - 1}")
    return found


def one_language_headers(soup) -> list[str]:
    """Column headers with words in one language only (numbers alone, e.g. month 0..11, need no translation)."""
    found = []
    for table in output_tables(soup):
        for header in table.select("thead th"):
            text = cell_text(header)
            if (LATIN.search(text) or HAN.search(text)) and not (LATIN.search(text) and HAN.search(text)):
                found.append(text)
    return found


def one_language_countries(soup) -> list[str]:
    """Row labels and cells that name a country of the data in English only (the Chinese half is missing)."""
    from retention.customers import COUNTRY_NAMES

    english = set(COUNTRY_NAMES) | {en for en, _ in COUNTRY_NAMES.values()}
    return [text for table in output_tables(soup) for cell in table.select("th, td")
            if (text := cell_text(cell)) in english]


def shown_reprs(soup) -> list[str]:
    found = []
    for output in soup.select(".cell_output .output.text_plain pre, .cell_output pre"):
        text = output.get_text().strip()
        found += [f"{kind}: {text[:60]}" for kind, pattern in REPRS.items() if pattern.search(text)]
    return found


def shown_plumbing(soup) -> list[str]:
    """Code readers see (not removed, not folded away) that only wires the page: glue calls and imports."""
    found = []
    for cell in soup.select("div.cell"):
        if "tag_hide-input" in cell.get("class", []):
            continue
        code = cell.select_one(".cell_input pre")
        for line in (code.get_text() if code else "").splitlines():
            if re.match(r"\s*(?:glue\(|from \S+ import |import \S)", line):
                found.append(line.strip())
    return found


CHECKS = {
    "text cut short": truncated_cells,
    "raw header": raw_headers,
    "one-language header": one_language_headers,
    "English-only country": one_language_countries,
    "Python repr": shown_reprs,
    "plumbing code": shown_plumbing,
}


@pytest.mark.parametrize("check", CHECKS, ids=list(CHECKS))
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_outputs_read_as_a_reader_expects(book_html, path, check):
    assert not CHECKS[check](lesson_soup(path)), f"{path.stem}: {check}: {CHECKS[check](lesson_soup(path))}"


def test_the_lesson_checks_see_tables_and_code():
    """The checks above read real tables and code cells (a page layout change would leave them vacuous)."""
    soups = [lesson_soup(p) for p in NOTEBOOKS]
    assert sum(len(output_tables(s)) for s in soups) >= 40
    assert sum(len(s.select("div.cell .cell_input pre")) for s in soups) >= 40


SAMPLES = {
    "text cut short": "<div class='cell_output'><table><tr><td>Winning a new customer costs 3 to ...</td></tr></table></div>",
    "raw header": "<div class='cell_output'><table><thead><tr><th></th><th>Rate · 比率</th></tr></thead>"
    "<tbody><tr><th>0</th><td>1</td></tr><tr><th>1</th><td>2</td></tr></tbody></table></div>",
    "one-language header": "<div class='cell_output'><table><thead><tr><th>Revenue</th></tr></thead></table></div>",
    "English-only country": "<div class='cell_output'><table><tbody><tr><th scope='row'>Germany</th><td>1</td></tr>"
    "</tbody></table></div>",
    "Python repr": "<div class='cell_output'><pre>np.float64(0.8663)</pre></div>",
    "plumbing code": "<div class='cell'><div class='cell_input'><pre>x = 1\nglue('x', x)</pre></div></div>",
}


@pytest.mark.parametrize("check", CHECKS, ids=list(CHECKS))
def test_each_lesson_check_catches_its_defect(check):
    from bs4 import BeautifulSoup

    assert CHECKS[check](BeautifulSoup(SAMPLES[check], "html.parser"))
    snake = "<div class='cell_output'><table><thead><tr><th>order_value</th></tr></thead></table></div>"
    assert raw_headers(BeautifulSoup(snake, "html.parser")) == ["order_value"]
    for sample in ("<div class='cell_output'><pre>TrainingValue(customers_saved=150.0)</pre></div>",
                   "<div class='cell_output'><pre>Timestamp('2010-12-01 08:26:00')</pre></div>",
                   "<div class='cell_output'><pre>18900.0</pre></div>"):
        assert shown_reprs(BeautifulSoup(sample, "html.parser")), sample


def test_a_downloaded_lesson_says_how_to_run_it_and_the_book_explains(book_html):
    """The notebook a reader downloads names the install step; the introduction explains it in both languages."""
    import json

    for path in NOTEBOOKS:
        first_code = next(c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code")
        assert "pip install -r requirements.txt" in "".join(first_code["source"]), path.stem
    from bs4 import BeautifulSoup

    intro = BeautifulSoup((book_html / "book" / "intro.html").read_text(encoding="utf-8"), "html.parser")
    section = intro.select_one("section#run-a-lesson-yourself")
    for lang in ("en", "zh-Hans"):
        text = " ".join(section.select_one(f'div[lang="{lang}"]').get_text(" ").split())
        assert "pip install -r requirements.txt" in text and "make setup" in text and "datasets/" in text, lang
