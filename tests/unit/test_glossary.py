"""The bilingual glossary: complete entries, the generated page up to date, and every lesson link to it
resolving to a term whose Chinese name is the one the lesson uses."""

import json
from pathlib import Path
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


INTRO = re.compile(r"((?:[A-Z]+ )?[\u4e00-\u9fff]+)(?:\]\([^)]*\))?（([A-Za-z][^（）]*?)）")


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


# --- one terminology: variants decided against, first-use glosses, links from both languages ------------------------

def _markdown_cells(path, lang=None):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells
            if c["cell_type"] == "markdown" and (lang is None or cell_language(c) == lang)]


def _chinese_texts():
    """Every place a reader meets the course's Chinese: lessons, quizzes, glossary, assignments, package labels."""
    import yaml

    texts = {f"notebooks/{p.name}": "\n".join(_markdown_cells(p, "zh-Hans")) for p in NOTEBOOKS}
    for path in sorted((ROOT / "book" / "quizzes").glob("*.yml")):
        texts[f"book/quizzes/{path.name}"] = json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), ensure_ascii=False)
    for entry in glossary.load_glossary():
        texts[f"book/glossary/{entry.source} {entry.key}"] = " ".join((entry.zh, entry.definition_zh, entry.example_zh))
    for path in sorted((ROOT / "grading" / "source").glob("*/*.ipynb")):
        texts[str(path.relative_to(ROOT))] = "\n".join(_markdown_cells(path))
    for path in sorted((ROOT / "src" / "retention").rglob("*.py")):
        if path.relative_to(ROOT / "src" / "retention") in ACCEPTED_ANSWERS:
            continue
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


#: Modules that list the answers a grader accepts from students: the textbook's variants (e.g. 后续服务工作) are
#: accepted there on purpose, and no reader sees them.
ACCEPTED_ANSWERS = {Path("assignments/expected.py")}


def test_no_variant_the_glossary_decided_against_is_used_anywhere():
    drifted = {where: found for where, text in _chinese_texts().items() if (found := glossary.drifted_terms(text))}
    assert not drifted, f"use the glossary's terms (book/glossary/*.yml, avoid_zh): {drifted}"


def test_drift_check_catches_a_variant_and_spares_a_quoted_mention():
    assert glossary.drifted_terms("本作业说明客户留存的经济账") == [("客户留存", "客户维系")]
    assert glossary.drifted_terms("年度客户留存率提高") == []
    assert glossary.drifted_terms("教材中也译作“后续服务工作”") == []
    assert ("有望客户", "RFM 模型") in glossary.drifted_terms("有望客户和冠军客户")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_term_is_introduced_with_its_english_at_first_use(path):
    missing = glossary.unglossed_first_uses(_markdown_cells(path, "zh-Hans"))
    assert not missing, f"{path.stem}: write the first use as 中文术语（English term）, linked to the glossary: {missing}"


def test_first_use_check_fails_on_a_bare_term_and_passes_a_gloss():
    assert glossary.unglossed_first_uses(["我们的投诉很多。", "投诉（complaint）"]) == ["投诉"]
    assert glossary.unglossed_first_uses(["[投诉](../book/glossary.md#complaint)（complaint）很多，投诉。"]) == []
    assert glossary.unglossed_first_uses(["[复购率](../book/glossary.md#repurchase)（repurchase rate）"]) == []
    assert glossary.unglossed_first_uses(["投诉处理结果（complaint outcome）"]) == [], "投诉 inside a longer term is no use"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_terms_are_linked_to_the_glossary_from_both_languages(path):
    linked = {lang: {key for text in _markdown_cells(path, lang) for _, key in LINK.findall(text)}
              for lang in ("en", "zh-Hans")}
    assert linked["en"] == linked["zh-Hans"], (
        f"{path.stem}: glossary links only in English {sorted(linked['en'] - linked['zh-Hans'])}, "
        f"only in Chinese {sorted(linked['zh-Hans'] - linked['en'])}")


def test_glossary_glosses_english_in_lower_case_but_names():
    entries = {e.key: e for e in glossary.load_glossary()}
    assert entries["acquisition-cost"].gloss_en == "acquisition cost"
    assert entries["lorenz-curve"].gloss_en == "Lorenz curve" and entries["rfm-model"].gloss_en == "RFM model"
    assert "**获客成本**（acquisition cost）" in glossary.entries_markdown()


# --- taught and graded the same; examples that agree with the data --------------------------------------------------

def test_assignment_2_grades_the_definitions_lesson_04_teaches():
    """Each definition of assignment 2 is the first sentence of the glossary definition lesson 04 shows."""
    import ast

    path = ROOT / "grading" / "source" / "a2_crm_language" / "crm_language.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = ["".join(c["source"]) for c in cells]
    solution = next(t for t in text if "matches = {" in t)
    matches = ast.literal_eval(re.search(r"matches = (\{.*?\})", solution, re.S).group(1))
    entries = {e.en.replace("and", "&"): e for e in glossary.load_glossary()}
    for lang, stop in (("en", ". "), ("zh", "。")):
        prose = next(t for t in text if t.startswith("Definitions" if lang == "en" else "定义"))
        letters = dict(re.findall(r"^- ([a-h])\. (.+)$", prose, flags=re.M))
        for term, letter in matches.items():
            definition = getattr(entries[term], f"definition_{lang}")
            first = definition[: definition.find(stop) + 1] if stop in definition else definition
            assert letters[letter] == first.strip(), f"a2 defines {term!r} ({lang}) otherwise than lesson 04"


def test_data_examples_of_the_glossary_quote_the_computed_numbers():
    """Glossary examples about the course's data use the numbers the package computes."""
    from retention.cleaning import cleaning_report
    from retention.cohorts import retention_matrix
    from retention.data import load_online_retail
    from retention.cleaning import clean_transactions
    from retention.rfm import rfm_scores, rfm_table, segment_customers, segment_summary

    import pandas as pd

    raw = load_online_retail()
    clean = clean_transactions(raw)
    report = cleaning_report(raw).set_index("step")["revenue_gbp"]
    fall = 1 - report.iloc[-1] / report.iloc[0]
    at_risk = int(segment_summary(segment_customers(rfm_scores(rfm_table(clean)))).loc["at_risk", "customers"])
    january = retention_matrix(clean).loc[pd.Period("2011-01"), 3]
    entries = {e.key: e for e in glossary.load_glossary()}
    assert f"by {fall:.0%}" in entries["data-cleaning"].example_en and f"下降了 {fall:.0%}" in entries["data-cleaning"].example_zh
    assert report["cancellations"] > report["missing_customer"], "dropping cancellations raises revenue, as the example says"
    assert f"{at_risk} customers" in entries["rfm-model"].example_en and f"{at_risk} 名客户" in entries["rfm-model"].example_zh
    assert january < 0.25 and "Fewer than a quarter" in entries["cohort"].example_en and "不到四分之一" in entries["cohort"].example_zh
