"""Calculators recompute with the package's formulas when a slider moves; labels carry both languages."""

import re

from retention import economics
from retention.widgets import churn_cost_calculator, ltv_calculator


def _numbers(html):
    return [float(x.replace(",", "")) for x in re.findall(r"£?([\d,]+\.\d\d|[\d,]+)(?=n?<)", html)]


def test_ltv_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = ltv_calculator()
    assert "£100.00" in calc.result.value
    calc.controls["years"].value = 10
    assert "£1,000.00" in calc.result.value
    calc.controls["order_value"].value = 11
    calc.controls["orders_per_year"].value = 11
    calc.controls["years"].value = 11
    expected = economics.lifetime_value(11, 11, 11)
    assert f"£{expected:,.2f}" in calc.result.value


def test_churn_calculator_reproduces_the_seed_table_and_updates():
    calc = churn_cost_calculator()
    assert _numbers(calc.result.value) == [100, 500, 900, 1400]
    calc.controls["churn_rate"].value = 0.2
    calc.controls["acquisition_multiple"].value = 8
    cost = economics.churn_cost(1000, 0.2, 8)
    assert _numbers(calc.result.value) == [cost.new_customers, cost.acquisition_cost, cost.retention_cost, cost.total_cost]


def test_every_label_is_bilingual():
    for calc in (ltv_calculator(), churn_cost_calculator()):
        for control in calc.controls.values():
            assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
        assert 'lang="en"' in calc.result.value and 'lang="zh-Hans"' in calc.result.value
