"""retention.bilingual: the notebook check catches every kind of missing or misplaced translation; book pages pair their blocks."""

import re

import pytest
from paths import ROOT

from retention.bilingual import (
    HAN,
    SEPARATOR,
    bi,
    check_notebook,
    fix_emphasis,
    join_soft_breaks,
    split,
    stray_emphasis,
    wrap_for_book,
)

BOOK_PAGES = sorted((ROOT / "book").rglob("*.md"))


def cell(lang, text, kind="markdown"):
    return {"cell_type": kind, "metadata": {"lang": lang} if lang else {}, "source": text}


def test_check_catches_a_missing_translation():
    nb = {"cells": [cell(None, "# Title · 标题"), cell("en", "Customers leave when service is slow.")]}
    assert any("no Chinese cell" in p for p in check_notebook(nb))


def test_check_catches_an_orphan_chinese_block_and_untagged_prose():
    nb = {"cells": [cell("zh-Hans", "客户流失的原因。"), cell(None, "Plain prose with no language.")]}
    problems = check_notebook(nb)
    assert any("no English cell" in p for p in problems)
    assert any("without \"lang\"" in p for p in problems)


def test_check_catches_mislabelled_language_and_monolingual_heading():
    nb = {"cells": [cell(None, "## Only English"), cell("en", "这是中文。"), cell("zh-Hans", "This is English.")]}
    problems = check_notebook(nb)
    assert any("both languages" in p for p in problems)
    assert any("mostly in Chinese" in p for p in problems)
    assert any("not written in Chinese" in p for p in problems)


def test_check_rejects_myst_syntax_that_jupyterlab_shows_raw():
    nb = {"cells": [cell("en", ":::{note}\nHello\n:::"), cell("zh-Hans", "你好，这是说明。")]}
    assert any("MyST" in p for p in check_notebook(nb))


def test_wrapping_survives_nested_fences():
    wrapped = wrap_for_book("text\n:::\ninner\n:::", "en")
    assert wrapped.startswith("::::{container} language-en")


@pytest.mark.parametrize("path", BOOK_PAGES, ids=[p.stem for p in BOOK_PAGES])
def test_book_page_blocks_come_in_pairs(path):
    langs = re.findall(r"^:{3,}\{container\} language-(\S+)", path.read_text(encoding="utf-8"), flags=re.M)
    assert langs, f"{path.name} has no language blocks"
    assert langs == ["en", "zh-Hans"] * (len(langs) // 2), f"{path.name}: blocks must alternate en, zh-Hans: {langs}"


def test_check_catches_soft_line_breaks_in_chinese():
    nb = {"cells": [cell("en", "Reply within a day."), cell("zh-Hans", "请在一天之内\n回复客户。")]}
    assert any("line break" in p for p in check_notebook(nb))


def test_the_book_script_splits_on_the_same_separator_and_han_ranges():
    script = (ROOT / "book" / "_static" / "bilingual.js").read_text(encoding="utf-8")
    separator = re.search(r'var SEPARATOR = "([^"]*)";', script)
    han = re.search(r"var HAN = /\[([^\]]*)\]/;", script)
    assert separator and separator.group(1) == SEPARATOR
    ranges = han.group(1).encode().decode("unicode_escape") if han else None
    assert ranges == HAN, "bilingual.js and retention.bilingual disagree on what a Chinese character is"


def test_split_and_bi_are_inverse():
    assert split(bi("Churn rate", "流失率")) == ("Churn rate", "流失率")
    assert split("Summary") is None and split("流失率 · Churn") is None


def test_join_soft_breaks_keeps_list_items_and_latin_lines():
    assert join_soft_breaks("请在一天之内\n回复客户。") == "请在一天之内回复客户。"
    assert join_soft_breaks("第一点。\n- 第二点") == "第一点。\n- 第二点"
    assert join_soft_breaks("English line\nnext line") == "English line\nnext line"


def test_stray_emphasis_sees_what_commonmark_leaves_unclosed():
    assert stray_emphasis("- **随时联系得上。**提供服务") == ["**随时联系得上。**提供服务"]
    assert stray_emphasis("- **随时联系得上**。提供服务") == []
    assert stray_emphasis("**Be reachable.** Offer help") == []


def test_fix_emphasis_moves_wide_punctuation_out_only_where_it_helps():
    assert fix_emphasis("- **随时联系得上。**提供") == "- **随时联系得上**。提供"
    assert fix_emphasis("1. **“客户只看价格。”**价格") == "1. “**客户只看价格**。”价格"
    kept = "4. **[物流](glossary.md#logistics)（logistics）**：读懂"  # renders already: left as written
    assert fix_emphasis(kept) == kept and stray_emphasis(kept) == []
    assert fix_emphasis("*例句：*您好") == "*例句：*您好"  # italics are not moved; the glossary writes *例句*：


def test_check_names_asterisks_a_reader_would_see():
    nb = {"cells": [cell("en", "Be **reachable.** Always."), cell("zh-Hans", "**随时联系得上。**提供服务。")]}
    assert any("literal asterisks" in p for p in check_notebook(nb))


def test_join_soft_breaks_joins_a_break_before_a_chinese_link():
    assert join_soft_breaks("你会了解业内常引用的\n[客户维系](../book/glossary.md#x)数据") == (
        "你会了解业内常引用的[客户维系](../book/glossary.md#x)数据"
    )
    assert join_soft_breaks("见下文：\n[Customer loyalty](x)") == "见下文：\n[Customer loyalty](x)"  # English link text: a space is right
