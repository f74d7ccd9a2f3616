"""Tests of retention.ui.calculators."""

import re

import pytest

from retention import (
    acquisition,
    value,
)
from retention.ui import calculators
from retention.ui.calculators import (
    churn_cost_calculator,
    ltv_calculator,
    referral_calculator,
    selling_calculator,
)


def _cells(html):
    return [float(x.replace(",", "")) for x in re.findall(r">(-?[\d,]+)n?</td>", html)]


def _amounts(html):
    return [float(x.replace(",", "")) for x in re.findall(r"£?([\d,]+\.\d\d|[\d,]+)(?=n?<)", html)]


def test_selling_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = selling_calculator()
    assert _cells(calc.result.value) == [50, 334]
    calc.controls["lost_customers"].value = 300
    calc.controls["p_new"].value = 0.2
    assert _cells(calc.result.value) == [
        acquisition.expected_sales(300, 0.5),
        acquisition.prospects_needed(300, 0.2, 0.5),
    ]


def test_referral_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = referral_calculator()
    assert _cells(calc.result.value) == [300, 150, 150, 750]
    calc.controls["referral_change"].value = 0.25
    s = acquisition.referral_scenario(500, 0.6, 0.25, 5)
    assert _cells(calc.result.value) == [s.referred, s.referred_after, s.referrals_lost, s.replacement_cost]


def test_selling_and_referral_labels_are_bilingual():
    for calc in (selling_calculator(), referral_calculator()):
        for control in calc.controls.values():
            assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
        assert 'lang="en"' in calc.result.value and 'lang="zh-Hans"' in calc.result.value


def test_complaint_calculator_starts_at_the_default_and_follows_the_sliders():
    calc = calculators.complaint_value_calculator()
    assert (
        "£61,000" in calc.result.value and "£42,000" in calc.result.value
    )  # 100 × (0.5·0.82 + 0.3·0.54 + 0.2·0.19) × £1,000
    calc.controls["quick_share"].value = 1.0
    assert "more than 100%" in calc.result.value
    calc.controls["slow_share"].value = 0.0
    assert "£82,000" in calc.result.value and "£63,000" in calc.result.value


def test_retention_calculator_shows_the_25_percent_rule():
    calc = calculators.retention_profit_calculator()
    assert "+27.5%" in calc.result.value
    calc.controls["retention"].value = 0.05
    calc.controls["change"].value = -0.05
    assert "-100.0%" in calc.result.value  # a clamped rate, not an error


def test_pareto_calculator_starts_at_85_percent():
    calc = calculators.pareto_calculator()
    assert "85.0%" in calc.result.value
    calc.controls["sigma"].value = 0
    assert "20.0%" in calc.result.value


def test_staffing_calculator_follows_the_sliders():
    calc = calculators.staffing_calculator()
    assert ">12<" in calc.result.value
    calc.controls["per_hour"].value = 0
    assert ">0<" in calc.result.value


@pytest.mark.parametrize(
    "calc",
    [
        calculators.complaint_value_calculator,
        calculators.retention_profit_calculator,
        calculators.pareto_calculator,
        calculators.staffing_calculator,
    ],
)
def test_calculator_labels_are_bilingual(calc):
    widget = calc()
    for control in widget.controls.values():
        assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
    assert 'lang="zh-Hans"' in widget.result.value


def test_ltv_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = ltv_calculator()
    assert "£100.00" in calc.result.value
    calc.controls["years"].value = 10
    assert "£1,000.00" in calc.result.value
    calc.controls["order_value"].value = 11
    calc.controls["orders_per_year"].value = 11
    calc.controls["years"].value = 11
    expected = value.lifetime_value(11, 11, 11)
    assert f"£{expected:,.2f}" in calc.result.value


def test_churn_calculator_reproduces_the_seed_table_and_updates():
    calc = churn_cost_calculator()
    assert _amounts(calc.result.value) == [100, 500, 900, 1400]
    calc.controls["churn_rate"].value = 0.2
    calc.controls["acquisition_multiple"].value = 8
    cost = acquisition.churn_cost(1000, 0.2, 8)
    assert _amounts(calc.result.value) == [
        cost.new_customers,
        cost.acquisition_cost,
        cost.retention_cost,
        cost.total_cost,
    ]


def test_every_label_is_bilingual():
    for calc in (ltv_calculator(), churn_cost_calculator()):
        for control in calc.controls.values():
            assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
        assert 'lang="en"' in calc.result.value and 'lang="zh-Hans"' in calc.result.value
