"""Relationship formulas: selling chances, referrals, follow-up plans, early renewal; their calculators and CRM terms."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retention import relationships as rel
from retention.relationship_widgets import referral_calculator, selling_calculator

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
positive_rates = st.floats(min_value=0.01, max_value=1, allow_nan=False)
counts = st.integers(min_value=0, max_value=100_000)


# --- the seed figures ------------------------------------------------------------------------


def test_default_rates_are_the_seed_figures():
    assert (rel.P_NEW, rel.P_EXISTING, rel.REFERRAL_SHARE) == (0.15, 0.50, 0.60)


def test_selling_scenario_seed_case():
    table = rel.selling_scenario_table(100)
    assert table["expected_sales"].tolist() == [15, 50]
    assert table["chance_of_sale"].tolist() == [0.15, 0.50]


def test_prospects_needed_known_values():
    assert rel.prospects_needed(100) == 334  # 100 x 0.5 / 0.15 = 333.3..., rounded up to whole people
    assert rel.prospects_needed(30) == 100  # exactly 100: binary noise must not round it up to 101
    assert rel.prospects_needed(0) == 0


def test_referral_seed_case():
    s = rel.referral_scenario(500)
    assert (s.referred, s.other, s.referred_after, s.referrals_lost, s.replacement_cost) == (300, 200, 150, 150, 750)
    table = rel.referral_table()
    assert table["replacement_cost_n"].tolist() == [750, 375, 0, -375]


def test_follow_up_plan_table_is_bilingual_and_complete():
    table = rel.follow_up_plan_table()
    assert len(table) == len(rel.CUSTOMER_CLASSES) == 5
    for column in table.columns:
        assert re.search(r"[A-Za-z]", column) and re.search(r"[\u4e00-\u9fff]", column)
    for value in table.iloc[:, 0]:
        assert " · " in value


def test_follow_up_workload_known_value():
    work = rel.follow_up_workload({"vip": 100, "regular": 400, "new": 300, "at-risk": 150, "after-complaint": 50})
    assert work["contacts"].iloc[-1] == 100 * 14 + 400 * 6 + 300 * 2 + 150 * 2 + 50 * 3
    assert work["customers"].iloc[-1] == 1000


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(orders=5, days_since_last_order=10, profit_rank_share=0.05, complained_recently=True), "after-complaint"),
        (dict(orders=5, days_since_last_order=200, profit_rank_share=0.05), "at-risk"),
        (dict(orders=1, days_since_last_order=20, profit_rank_share=0.9), "new"),
        (dict(orders=8, days_since_last_order=20, profit_rank_share=0.1), "vip"),
        (dict(orders=3, days_since_last_order=20, profit_rank_share=0.5), "regular"),
    ],
)
def test_customer_class_rules(kwargs, expected):
    assert rel.customer_class(**kwargs) == expected


def test_early_renewal_known_values():
    offer = rel.early_renewal_offer(members=100, price=120, renewal_without=0.60, renewal_with=0.75, discount=0.10)
    assert (offer.revenue_without, offer.revenue_with, offer.gain) == (7200, 8100, 900)
    assert offer.break_even_renewal == pytest.approx(2 / 3)


def test_crm_terms_come_from_the_glossary():
    table = rel.crm_terms_table()
    assert table["术语"].tolist() == ["积极主动的客户服务", "后续服务工作", "反馈意见", "客户接触点", "客户忠诚度", "价值主张", "追踪与总结", "最佳实践"]


# --- properties ------------------------------------------------------------------------------


@given(counts, rates, rates)
def test_existing_customers_sell_at_least_as_well_when_their_chance_is_higher(n, a, b):
    low, high = sorted((a, b))
    assert rel.expected_sales(n, low) <= rel.expected_sales(n, high)
    assert 0 <= rel.expected_sales(n, high) <= n


@given(counts, positive_rates, rates)
def test_prospects_needed_make_up_the_lost_sales(lost, p_new, p_existing):
    needed = rel.prospects_needed(lost, p_new, p_existing)
    assert needed * p_new >= lost * p_existing - 1e-6
    assert (needed - 1) * p_new < lost * p_existing + 1e-6 or needed == 0


@given(counts, rates, st.floats(min_value=-1, max_value=10, allow_nan=False), st.floats(min_value=3, max_value=10))
def test_referral_scenario_accounts_for_everyone(n, share, change, multiple):
    s = rel.referral_scenario(n, share, change, multiple)
    assert s.referred + s.other == pytest.approx(n)
    assert s.referred_after >= 0
    assert (s.replacement_cost > 0) == (s.referrals_lost > 0)
    if change <= 0:
        assert s.replacement_cost >= 0


@given(
    st.integers(min_value=1, max_value=500),
    st.floats(min_value=0, max_value=2000),
    rates,
    st.booleans(),
)
def test_every_customer_gets_a_known_class_and_a_complaint_comes_first(orders, days, rank, complained):
    key = rel.customer_class(orders, days, rank, complained)
    assert key in {c.key for c in rel.CUSTOMER_CLASSES}
    assert (key == "after-complaint") == complained


@given(st.dictionaries(st.sampled_from([c.key for c in rel.CUSTOMER_CLASSES]), counts))
def test_workload_total_is_the_sum_of_the_classes(mix):
    work = rel.follow_up_workload(mix)
    assert work["contacts"].iloc[-1] == pytest.approx(work["contacts"].iloc[:-1].sum())
    assert work["customers"].iloc[-1] == sum(mix.values())


@given(rates, st.floats(min_value=0, max_value=0.9))
def test_renewal_at_break_even_keeps_revenue(renewal, discount):
    offer = rel.early_renewal_offer(100, 50, renewal, min(1, renewal / (1 - discount)), discount)
    if renewal / (1 - discount) <= 1:
        assert offer.revenue_with == pytest.approx(offer.revenue_without, abs=1e-6)


# --- calculators ---------------------------------------------------------------------------------


def _numbers(html):
    return [float(x.replace(",", "")) for x in re.findall(r">(-?[\d,]+)n?</td>", html)]


def test_selling_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = selling_calculator()
    assert _numbers(calc.result.value) == [50, 334]
    calc.controls["lost_customers"].value = 300
    calc.controls["p_new"].value = 0.2
    assert _numbers(calc.result.value) == [rel.expected_sales(300, 0.5), rel.prospects_needed(300, 0.2, 0.5)]


def test_referral_calculator_starts_at_the_seed_case_and_follows_the_sliders():
    calc = referral_calculator()
    assert _numbers(calc.result.value) == [300, 150, 150, 750]
    calc.controls["referral_change"].value = 0.25
    s = rel.referral_scenario(500, 0.6, 0.25, 5)
    assert _numbers(calc.result.value) == [s.referred, s.referred_after, s.referrals_lost, s.replacement_cost]


def test_calculator_labels_are_bilingual():
    for calc in (selling_calculator(), referral_calculator()):
        for control in calc.controls.values():
            assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
        assert 'lang="en"' in calc.result.value and 'lang="zh-Hans"' in calc.result.value


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: rel.expected_sales(-1, 0.5), "contacts"),
        (lambda: rel.expected_sales(10, 1.5), "probability"),
        (lambda: rel.prospects_needed(10, 0, 0.5), "p_new"),
        (lambda: rel.prospects_needed(10, 0.15, -0.1), "p_existing"),
        (lambda: rel.prospects_needed("ten"), "lost_customers"),
        (lambda: rel.selling_scenario_table(100, p_new=2), "p_new"),
        (lambda: rel.referral_scenario(-5), "new_customers"),
        (lambda: rel.referral_scenario(100, referral_share=1.2), "referral_share"),
        (lambda: rel.referral_scenario(100, referral_change=-2), "referral_change"),
        (lambda: rel.referral_scenario(100, acquisition_multiple=0), "acquisition_multiple"),
        (lambda: rel.customer_class(0, 10, 0.5), "orders"),
        (lambda: rel.customer_class(2, -1, 0.5), "days_since_last_order"),
        (lambda: rel.customer_class(2, 10, 1.5), "profit_rank_share"),
        (lambda: rel.customer_class(2, 10, 0.5, complained_recently="yes"), "complained_recently"),
        (lambda: rel.follow_up_workload({"gold": 5}), "counts"),
        (lambda: rel.follow_up_workload({"vip": -5}), "counts"),
        (lambda: rel.early_renewal_offer(100, 120, 0.6, 0.7, discount=1.5), "discount"),
        (lambda: rel.early_renewal_offer(100, -1, 0.6, 0.7), "price"),
        (lambda: rel.early_renewal_offer(100, 120, 1.6, 0.7), "renewal_without"),
    ],
)
def test_bad_arguments_raise_a_clear_error(call, argument):
    with pytest.raises(ValueError, match=re.escape(argument)):
        call()


def test_figures_table_quotes_the_chosen_figures_with_their_source():
    table = rel.figures_table("sell_probability", "referral_share")
    assert table["figure · 数据"].tolist() == ["15% vs 50%", "60%"]
    assert all("commonly cited industry figure" in s for s in table["source · 来源"])
    with pytest.raises(ValueError, match="keys"):
        rel.figures_table()
    with pytest.raises(ValueError, match="no_such"):
        rel.figures_table("no_such")
