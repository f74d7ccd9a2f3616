"""retention.ui.tables: results shown as bilingual tables, not reprs."""

import pytest

from retention.ui import key_figures, money


def test_key_figures_show_each_result_in_both_languages():
    shown = key_figures(("Net gain", "净收益", money(15000)), ("Return", "回报率", "50%"))
    html = shown._repr_html_()
    assert html.count("<tr>") == 2 and '<span lang="zh-Hans">净收益</span>' in html and "£15,000" in html
    assert repr(shown).splitlines() == ["Net gain · 净收益: £15,000", "Return · 回报率: 50%"]


def test_key_figures_need_a_row():
    with pytest.raises(ValueError, match="at least one"):
        key_figures()
