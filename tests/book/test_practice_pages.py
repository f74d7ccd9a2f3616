"""The practice layer as a reader meets it in the built book: the phrase bank, the role-plays, the platform appendix
and the Python on-ramp are in the table of contents where they belong, carry all their content, render both
languages, and the language switch shows one language at a time on each of them (Chromium on 127.0.0.1)."""

from __future__ import annotations

import re

import pytest
from browsing import BOOK_HTML, own_tab
from bs4 import BeautifulSoup

PAGES = {
    "phrasebank": BOOK_HTML / "book" / "phrasebank.html",
    "roleplays": BOOK_HTML / "book" / "roleplays.html",
    "platforms": BOOK_HTML / "book" / "platforms.html",
    "on-ramp": BOOK_HTML / "notebooks" / "30_python_on_ramp.html",
}
#: A sentence only the English blocks and one only the Chinese blocks of each page hold.
ONE_LANGUAGE = {
    "phrasebank": ("Phrases are models to adapt, not to paste", "这些句型是供你改写的范例"),
    "roleplays": ("Work in pairs: one student takes role A", "两人一组：一名同学扮演角色 A"),
    "platforms": ("Rules change: check the current ones", "平台规则会变化：引用任何数字之前"),
    "on-ramp": ("You do not need to be a programmer", "你不需要是程序员也能跟上"),
}


def soup(name: str) -> BeautifulSoup:
    path = PAGES[name]
    if not path.is_file():
        pytest.fail(f"{path} was not built: is it in _toc.yml? run `make book`")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def plain(value: str) -> str:
    """Text with the typographer's quotes and ellipses (Sphinx's smartquotes) turned back into ASCII."""
    for fancy, ascii_ in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("…", "...")):
        value = value.replace(fancy, ascii_)
    return value


def text(node) -> str:
    return plain(re.sub(r"\s+", " ", node.get_text(" ")).strip())


def section_titled(page: BeautifulSoup, title: str, level: str):
    """The <section> whose heading (h2, h3) reads ``title`` (ids get suffixes when subheadings repeat)."""
    for heading in page.find_all(level):
        if text(heading).replace("#", "").strip() == plain(title):
            return heading.find_parent("section")
    return None


@pytest.mark.parametrize("name", PAGES)
def test_each_practice_page_carries_both_languages_block_for_block(book_html, name):
    page = soup(name)
    en, zh = page.select('div.lang-en[lang="en"]'), page.select('div.lang-zh-Hans[lang="zh-Hans"]')
    assert len(en) > 0 and len(en) == len(zh)
    english, chinese = ONE_LANGUAGE[name]
    assert any(english in text(block) for block in en) and any(chinese in text(block) for block in zh)


def test_the_toc_has_a_practice_part_and_puts_the_on_ramp_before_the_data_lessons(book_html):
    nav = BeautifulSoup((BOOK_HTML / "book" / "intro.html").read_text(encoding="utf-8"), "html.parser").select_one("nav.bd-links")
    captions = [text(c) for c in nav.select("p.caption")]
    assert "Practice · 实践" in captions
    links = [a["href"].split("#")[0].rsplit("/", 1)[-1] for a in nav.select("a.reference.internal")]
    assert links.index("30_python_on_ramp.html") + 1 == links.index("31_data_cleaning.html")
    assert links.index("phrasebank.html") + 1 == links.index("roleplays.html") < links.index("30_python_on_ramp.html")
    assert links.index("glossary.html") + 1 == links.index("platforms.html")


def test_the_phrase_bank_page_shows_every_phrase_and_every_word(book_html):
    from retention.phrasebank import load_phrasebank, load_vocabulary

    page = soup("phrasebank")
    cells = {text(td) for td in page.select("td")}
    for phrase in load_phrasebank().phrases:
        assert plain(phrase.en) in cells, phrase.en
        assert plain(phrase.zh) in cells, phrase.zh
    for word in load_vocabulary():
        assert section_titled(page, f"{word.en} ({word.part}) · {word.zh}", "h3") is not None, word.en


def test_the_role_play_page_shows_every_case_with_its_marking_sheet(book_html):
    from retention.roleplays import TOTAL_POINTS, load_roleplays

    page = soup("roleplays")
    for case in load_roleplays():
        section = section_titled(page, f"Case {case.number}: {case.title_en} · 案例 {case.number}：{case.title_zh}", "h2")
        assert section is not None, case.key
        tables = section.select("table")
        assert len(tables) == 2, f"{case.key}: a marking sheet in each language"
        for table, lang in zip(tables, ("en", "zh")):
            rows = [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
            assert [r[0] for r in rows[:-1]] == [getattr(c, lang) for c in case.rubric]
            assert rows[-1][1] == str(TOTAL_POINTS) == str(sum(int(r[1]) for r in rows[:-1]))


def test_every_platform_figure_is_dated_and_names_its_source(book_html):
    """Each figure of book/platforms/facts.yml is on the page in both languages, in a row that links its source
    pages and gives its check date and status; no row states a number without a link and a date."""
    from retention.platforms import load_facts

    page = soup("platforms")
    blocks = {"en": page.select('div.lang-en[lang="en"]'), "zh": page.select('div.lang-zh-Hans[lang="zh-Hans"]')}
    rows = {lang: [tr for block in found for tr in block.select("tbody tr")] for lang, found in blocks.items()}
    date = re.compile(r"\b20\d\d-\d\d-\d\d\b")
    for lang, trs in rows.items():
        for tr in trs:
            cells = [text(td) for td in tr.select("td")]
            if re.search(r"\d", " ".join(cells[:2])):
                assert tr.select("td")[-1].select("a[href^='http']") and date.search(cells[-1]), cells
    _, facts = load_facts()
    for fact in facts:
        for lang, figure in (("en", fact.figure_en), ("zh", fact.figure_zh)):
            row = next((tr for tr in rows[lang] if plain(figure) in [text(td) for td in tr.select("td")]), None)
            assert row is not None, f"{fact.key}: the {lang} figure is not in a table of the {lang} blocks"
            links = {a["href"] for a in row.select("td")[-1].select("a[href]")}
            assert {s.url for s in fact.sources} <= links, (fact.key, lang, links)
            last = text(row.select("td")[-1])
            assert fact.checked.isoformat() in last, (fact.key, lang, last)
            label = {"en": ("Confirmed", "Unverified"), "zh": ("已核实", "未核实")}[lang][fact.status == "unverified"]
            assert last.startswith(label), (fact.key, lang, last)
    caution = text(blocks["en"][0]) + text(blocks["zh"][0])
    assert "Rules change" in caution and "平台规则会变化" in caution


@pytest.mark.xdist_group("browser")
@pytest.mark.parametrize("name", PAGES)
def test_the_switch_shows_one_language_at_a_time_on_the_practice_pages(browser, book_url, name):
    english, chinese = ONE_LANGUAGE[name]
    with own_tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        tab.goto(book_url + PAGES[name].relative_to(BOOK_HTML).as_posix(), wait_until="networkidle")
        seen = {}
        for mode in ("en", "zh", "both"):
            tab.select_option("#reader-lang-select", mode)
            shown = tab.evaluate("document.querySelector('.bd-article').innerText")
            seen[mode] = (english in shown, chinese in shown)
        assert seen == {"en": (True, False), "zh": (False, True), "both": (True, True)}
        assert not tab.watch.problems(), tab.watch.problems()
