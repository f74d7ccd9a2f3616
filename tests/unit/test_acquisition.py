"""Tests of retention.acquisition."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import counts, multiples, positive_rates, rates

from retention import (
    acquisition,
    churn_cost,
    complaints,
    service_desk,
    value_of_better_complaint_handling,
)


def test_churn_cost_seed_table():
    cost = acquisition.churn_cost(customers=1000, churn_rate=0.10, acquisition_multiple=5)
    assert (cost.new_customers, cost.acquisition_cost, cost.retention_cost, cost.total_cost) == (100, 500, 900, 1400)


def test_churn_cost_table_rows_follow_the_same_rule():
    table = acquisition.churn_cost_table(1000, churn_rates=(0.05, 0.10, 0.20), acquisition_multiple=5)
    assert table["total_cost_n"].tolist() == [1200, 1400, 1800]
    assert table["new_customers"].tolist() == [50, 100, 200]


@given(st.floats(min_value=1, max_value=1e6), rates, multiples)
def test_churn_cost_accounts_for_every_customer(customers, churn, multiple):
    cost = acquisition.churn_cost(customers, churn, multiple)
    kept = cost.retention_cost  # at n = 1 each kept customer costs 1
    assert kept + cost.new_customers == pytest.approx(customers)
    assert cost.total_cost >= customers - 1e-6  # replacing is never cheaper than keeping (multiple >= 1)


@given(st.floats(min_value=1, max_value=1e6), multiples)
def test_zero_churn_costs_nothing_to_acquire(customers, multiple):
    cost = acquisition.churn_cost(customers, 0, multiple)
    assert cost.acquisition_cost == 0 and cost.total_cost == pytest.approx(customers)


@given(st.floats(min_value=1, max_value=1e6), rates, rates, multiples)
def test_more_churn_costs_more(customers, a, b, multiple):
    low, high = sorted((a, b))
    assert (
        acquisition.churn_cost(customers, high, multiple).total_cost
        >= acquisition.churn_cost(customers, low, multiple).total_cost - 1e-6
    )


def test_default_rates_are_the_seed_figures():
    assert (acquisition.P_NEW, acquisition.P_EXISTING, acquisition.REFERRAL_SHARE) == (0.15, 0.50, 0.60)


def test_selling_scenario_seed_case():
    table = acquisition.selling_scenario_table(100)
    assert table["expected_sales"].tolist() == [15, 50]
    assert table["chance_of_sale"].tolist() == [0.15, 0.50]


def test_prospects_needed_known_values():
    assert acquisition.prospects_needed(100) == 334  # 100 x 0.5 / 0.15 = 333.3..., rounded up to whole people
    assert acquisition.prospects_needed(30) == 100  # exactly 100: binary noise must not round it up to 101
    assert acquisition.prospects_needed(0) == 0


def test_referral_seed_case():
    s = acquisition.referral_scenario(500)
    assert (s.referred, s.other, s.referred_after, s.referrals_lost, s.replacement_cost) == (300, 200, 150, 150, 750)
    table = acquisition.referral_table()
    assert table["replacement_cost_n"].tolist() == [750, 375, 0, -375]


@given(counts, rates, rates)
def test_existing_customers_sell_at_least_as_well_when_their_chance_is_higher(n, a, b):
    low, high = sorted((a, b))
    assert acquisition.expected_sales(n, low) <= acquisition.expected_sales(n, high)
    assert 0 <= acquisition.expected_sales(n, high) <= n


@given(counts, positive_rates, rates)
def test_prospects_needed_make_up_the_lost_sales(lost, p_new, p_existing):
    needed = acquisition.prospects_needed(lost, p_new, p_existing)
    assert needed * p_new >= lost * p_existing - 1e-6
    assert (needed - 1) * p_new < lost * p_existing + 1e-6 or needed == 0


@given(counts, rates, st.floats(min_value=-1, max_value=10, allow_nan=False), st.floats(min_value=3, max_value=10))
def test_referral_scenario_accounts_for_everyone(n, share, change, multiple):
    s = acquisition.referral_scenario(n, share, change, multiple)
    assert s.referred + s.other == pytest.approx(n)
    assert s.referred_after >= 0
    assert (s.replacement_cost > 0) == (s.referrals_lost > 0)
    if change <= 0:
        assert s.replacement_cost >= 0


def test_exercise_answers_of_lessons_06_to_08():
    from retention import discounted_clv

    assert discounted_clv(60, 0.70, 0.08) == pytest.approx(110.53, abs=0.005)
    row = acquisition.churn_cost_by_multiple(2000, 0.15, (8,)).iloc[0]
    assert (row["total (n) · 合计"], row["share spent on churn · 用于弥补流失的比例"]) == (4100, 0.5854)
    assert service_desk.agents_needed(100, 6, 2, 0.80) == 13
    assert service_desk.training_value(4000, 0.30, 0.28, 250, 20000).net == 0
    assert value_of_better_complaint_handling(60, 400) == pytest.approx(15120)
    jacket = complaints.return_or_refund(60, 25, 5, 0.7)
    assert (jacket.return_route, jacket.refund_only, jacket.cheaper, jacket.saving) == (48, 60, "return", 12)


def test_churn_cost_by_multiple_seed_row():
    table = acquisition.churn_cost_by_multiple(1000, 0.10, (3, 5, 10))
    assert table["total (n) · 合计"].tolist() == [1200, 1400, 1900]
    assert table["acquisition cost (n) · 获客成本"].tolist() == [300, 500, 1000]


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=3, max_value=10))
def test_churn_cost_by_multiple_agrees_with_churn_cost(rate, multiple):
    row = acquisition.churn_cost_by_multiple(1000, rate, (multiple,)).iloc[0]
    assert row["total (n) · 合计"] == pytest.approx(churn_cost(1000, rate, multiple).total_cost)
