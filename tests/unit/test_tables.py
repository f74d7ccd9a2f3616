"""retention.ui.tables: results and frames shown as bilingual tables, not reprs or raw pandas output."""

import re

import pandas as pd
import pytest

from retention.ui import key_figures, money, show_table
from retention.ui.tables import HEADERS, KINDS


def test_key_figures_show_each_result_in_both_languages():
    shown = key_figures(("Net gain", "净收益", money(15000)), ("Return", "回报率", "50%"))
    html = shown._repr_html_()
    assert html.count("<tr>") == 2 and '<span lang="zh-Hans">净收益</span>' in html and "£15,000" in html
    assert repr(shown).splitlines() == ["Net gain · 净收益: £15,000", "Return · 回报率: 50%"]


def test_key_figures_show_a_country_or_a_bilingual_result_in_the_language_chosen():
    shown = key_figures(("Second most order lines", "订单行数第二多的国家", "Germany"),
                        ("Cheaper way", "更划算的方式", "refund only · 仅退款"), ("Note", "备注", "a < b"))
    html = shown._repr_html_()
    assert '<span lang="en">Germany</span><span class="bi-sep"> · </span><span lang="zh-Hans">德国</span>' in html
    assert '<span lang="zh-Hans">仅退款</span>' in html and "a &lt; b" in html
    assert repr(shown).splitlines()[0] == "Second most order lines · 订单行数第二多的国家: Germany · 德国"


def test_key_figures_need_a_row():
    with pytest.raises(ValueError, match="at least one"):
        key_figures()


# --- show_table: frames as readers read them ---------------------------------------------------

def headers(html):
    return re.findall(r"<th[^>]*>(.*?)</th>", html)


def test_show_table_writes_snake_case_names_as_bilingual_headers_and_shares_as_percentages():
    frame = pd.DataFrame({"churn_rate": [0.05, 0.1], "total_cost_n": [1200.0, 1400.0], "revenue_share": [0.901889, 0.098111]})
    html = show_table(frame)._repr_html_()
    assert [re.sub("<[^>]+>", "", h) for h in headers(html)] == [
        "Churn rate · 流失率", "Total cost (n) · 总成本（n）", "Share of revenue · 收入占比"]
    assert all('<span lang="zh-Hans">' in h and '<span lang="en">' in h for h in headers(html))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert cells == ["5%", "1,200n", "90.2%", "10%", "1,400n", "9.8%"]


def test_show_table_drops_a_meaningless_index_and_keeps_a_named_one_as_row_headers():
    assert "<th scope" not in show_table(pd.DataFrame({"rows": [1, 2]}))._repr_html_()
    named = pd.DataFrame({"rows": [5, 6]}, index=pd.Index(["domestic", "cross-border"], name="market"))
    html = show_table(named)._repr_html_()
    assert '<span lang="en">Market</span>' in html
    assert '<th scope="row"><span lang="en">cross-border</span><span class="bi-sep"> · </span><span lang="zh-Hans">跨境</span></th>' in html


def test_show_table_needs_a_header_for_every_column_and_index():
    with pytest.raises(ValueError, match="'mystery_column' has no reader's header.*HEADERS"):
        show_table(pd.DataFrame({"mystery_column": [1]}))
    with pytest.raises(ValueError, match="index has no name: pass index="):
        show_table(pd.DataFrame({"rows": [1]}, index=["a"]))
    shown = show_table(pd.DataFrame({"rows": [1]}, index=["a"]), index=("Letter", "字母"))
    assert '<span lang="zh-Hans">字母</span>' in shown._repr_html_()


def test_show_table_joins_a_label_pair_under_the_key_header_and_never_cuts_text():
    long_en = "Thank them personally, offer early access and a referral reward; ask for reviews and more."
    frame = pd.DataFrame({"segment": ["champions"], "en": ["Champions"], "zh": ["冠军客户"],
                          "action_en": [long_en], "action_zh": ["亲自致谢"]}).set_index("segment")
    html = show_table(frame)._repr_html_()
    assert [re.sub("<[^>]+>", "", h) for h in headers(html)] == ["Segment · 客户细分", "What to do · 应对措施"]
    assert long_en in html and "..." not in html and "champions" not in html
    assert "…" not in show_table(frame).to_text()


def test_show_table_formats_money_counts_missing_values_and_signs():
    frame = pd.DataFrame({"revenue": [7265862.23, None], "customers": [3916, 418], "referral_change": [-0.5, 0.0]})
    assert re.findall(r"<td[^>]*>(.*?)</td>", show_table(frame)._repr_html_()) == [
        "£7,265,862", "3,916", "−50%", "–", "418", "0%"]
    assert "£7,265,862" in repr(show_table(frame))


def test_show_table_kinds_override_and_group_header_spans_numbered_columns():
    frame = pd.DataFrame({0: [884, 416], 1: [323, None]}, index=pd.Index(["2010-12", "2011-01"], name="cohort"))
    html = show_table(frame, group=("Months since first purchase", "首次购买后的月数"))._repr_html_()
    assert 'colspan="2"><span lang="en">Months since first purchase</span>' in html
    assert re.findall(r"<td[^>]*>(.*?)</td>", html) == ["884", "323", "416", "–"]
    assert "1.5" in show_table(pd.DataFrame({"rows": [1.5]}), kinds={"*": "num1"})._repr_html_()


def test_every_vocabulary_entry_is_bilingual_with_a_known_kind():
    for name, (en, zh, kind) in HEADERS.items():
        assert en and re.search("[A-Za-z]", en) and re.search("[\u4e00-\u9fff]", zh), name
        assert kind in KINDS, name


def test_show_table_escapes_text_and_shows_code_names_under_bilingual_headers():
    frame = pd.DataFrame({"Description": ["<b>CUP</b> & SAUCER"], "churned": [True], "cross_border": [0]})
    html = show_table(frame, code_names=True)._repr_html_()
    assert "&lt;b&gt;CUP&lt;/b&gt; &amp; SAUCER" in html and "<b>CUP" not in html
    assert '<span lang="en">Description</span>' in html and "<code" in html and ">churned</code>" in html
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    assert '<span lang="zh-Hans">是</span>' in cells[1] and '<span lang="zh-Hans">否</span>' in cells[2]


def test_show_table_writes_country_row_labels_and_cells_in_both_languages():
    frame = pd.DataFrame({"revenue": [100.0, 50.0]}, index=pd.Index(["EIRE", "Germany"], name="Country"))
    html = show_table(frame)._repr_html_()
    assert ('<th scope="row"><span lang="en">EIRE (Ireland)</span><span class="bi-sep"> · </span>'
            '<span lang="zh-Hans">爱尔兰</span></th>') in html
    cells = show_table(pd.DataFrame({"Country": ["Germany"]}), code_names=True)._repr_html_()
    assert '<span lang="en">Germany</span>' in cells and '<span lang="zh-Hans">德国</span>' in cells
    assert "United Kingdom · 英国" in show_table(pd.DataFrame({"Country": ["United Kingdom"]})).to_text()
