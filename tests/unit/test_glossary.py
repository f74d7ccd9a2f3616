"""The bilingual glossary: complete entries, the generated page up to date, and every lesson link to it
resolving to a term whose Chinese name is the one the lesson uses."""

import json
import re

import pytest
from paths import NOTEBOOKS, ROOT

from retention import bilingual, glossary
from retention.bilingual import cell_language

LINK = re.compile(r"\[([^\]]+)\]\((?:\.\./book/)?glossary\.md#([^)\s]+)\)")


def test_glossary_has_enough_complete_entries():
    entries = glossary.load_glossary()
    assert len(entries) >= 30
    for e in entries:
        assert e.key == bilingual.slugify(e.en)


def test_the_page_holds_the_marker_and_no_entry_of_its_own():
    page = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    assert page.count(glossary.ENTRIES_MARKER) == 1
    assert not re.search(r"^## ", page, flags=re.M), "entries belong in book/glossary/*.yml, not in the page"
    filled = glossary.fill_page(page)
    headings = re.findall(r"^## (.+)$", filled, flags=re.M)
    assert [bilingual.heading_slug(h) for h in headings] == [e.key for e in glossary.load_glossary()]
    with pytest.raises(glossary.GlossaryError, match="marker|lacks"):
        glossary.fill_page("# Glossary\n")


def test_heading_slug_uses_the_english_half():
    assert bilingual.heading_slug("Customer loyalty · 客户忠诚度") == "customer-loyalty"
    assert bilingual.heading_slug("Summary") == "summary"


def test_malformed_entry_names_file_entry_and_field():
    with pytest.raises(glossary.GlossaryError, match="x.yml.*'loyalty'.*'definition_zh'"):
        glossary._validate({"key": "loyalty", "en": "Loyalty", "zh": "忠诚", "definition_en": "d", "example_en": "e", "example_zh": "例"}, "x.yml")
    with pytest.raises(glossary.GlossaryError, match="slug"):
        glossary._validate(
            {"key": "wrong", "en": "Loyalty", "zh": "忠诚", "definition_en": "d", "definition_zh": "定义", "example_en": "e", "example_zh": "例句"},
            "x.yml",
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_glossary_links_resolve_and_use_the_glossary_terms(path):
    entries = {e.key: e for e in glossary.load_glossary()}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for label, key in LINK.findall(text):
            assert key in entries, f"{path.stem}: link to unknown glossary term {key!r}"
            if cell_language(cell) == "zh-Hans":
                assert entries[key].zh in text, f"{path.stem}: the Chinese for {key!r} is {entries[key].zh!r}, not {label!r}"


INTRO = re.compile(r"([\u4e00-\u9fff]+)(?:\]\([^)]*\))?（([A-Za-z][^（）]*?)）")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_terms_are_introduced_with_the_glossary_chinese(path):
    """Wherever a lesson writes 中文术语（English term） for a glossary term, the Chinese is the glossary's."""
    by_english = {e.en.lower(): e for e in glossary.load_glossary()}
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell_language(cell) != "zh-Hans":
            continue
        for chinese, english in INTRO.findall("".join(cell["source"])):
            entry = by_english.get(english.split(",")[0].strip().lower())
            if entry:
                assert chinese.endswith(entry.zh), f"{path.stem}: {chinese}（{english}） should use {entry.zh!r}"


def test_term_check_catches_an_inconsistent_translation():
    entry = next(e for e in glossary.load_glossary() if e.key == "churn-rate")
    assert INTRO.findall("我们的流失比例（churn rate）很高") == [("我们的流失比例", "churn rate")]
    assert not "我们的流失比例".endswith(entry.zh)
