"""The money formulas: the seed tables reproduced exactly, invariants by property tests, clear errors."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retention import economics as eco

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
multiples = st.floats(min_value=3, max_value=10, allow_nan=False)


# --- the seed tables -------------------------------------------------------------------------


def test_ltv_seed_table():
    table = eco.ltv_growth_table()
    assert table["lifetime_value"].tolist() == [100, 1000, 1331]
    assert table.loc[2, ["order_value", "orders_per_year", "years"]].tolist() == [11, 11, 11]
    assert table["lifetime_value"][2] - table["lifetime_value"][0] == 1231


def test_churn_cost_seed_table():
    cost = eco.churn_cost(customers=1000, churn_rate=0.10, acquisition_multiple=5)
    assert (cost.new_customers, cost.acquisition_cost, cost.retention_cost, cost.total_cost) == (100, 500, 900, 1400)


def test_churn_cost_table_rows_follow_the_same_rule():
    table = eco.churn_cost_table(1000, churn_rates=(0.05, 0.10, 0.20), acquisition_multiple=5)
    assert table["total_cost_n"].tolist() == [1200, 1400, 1800]
    assert table["new_customers"].tolist() == [50, 100, 200]


def test_complaint_seed_table():
    table = eco.complaint_outcome_table().set_index("outcome")
    assert table["buy_again"].to_dict() == {"resolved_quickly": 0.82, "resolved": 0.54, "unresolved": 0.19, "silent": 0.09}
    assert table["leave"].to_dict() == {"resolved_quickly": 0.18, "resolved": 0.46, "unresolved": 0.81, "silent": 0.91}


def test_value_of_better_complaint_handling():
    # 100 complaints moved from unresolved (19%) to resolved quickly (82%) at £1,000 each keep 63 customers.
    assert eco.value_of_better_complaint_handling(100, 1000) == pytest.approx(63_000)


def test_discounted_clv_known_value():
    assert eco.discounted_clv(margin=100, retention=0.8, discount=0.1) == pytest.approx(100 * 0.8 / 0.3)


def test_five_points_more_retention_gives_about_a_quarter_more_value():
    assert eco.profit_impact_of_retention(0.80, 0.05, discount=0.10) == pytest.approx(0.275)


# --- invariants ------------------------------------------------------------------------------


@given(amounts, amounts, st.floats(min_value=0, max_value=100))
def test_ltv_is_the_product_and_never_negative(value, freq, years):
    ltv = eco.lifetime_value(value, freq, years)
    assert ltv >= 0
    assert ltv == pytest.approx(value * freq * years)


@given(st.floats(min_value=0.01, max_value=1e4), st.floats(min_value=0, max_value=0.98), st.floats(min_value=0, max_value=1))
def test_clv_grows_with_retention(margin, retention, discount):
    assert eco.discounted_clv(margin, retention + 0.01, discount) > eco.discounted_clv(margin, retention, discount)


@given(st.floats(min_value=1, max_value=1e6), rates, multiples)
def test_churn_cost_accounts_for_every_customer(customers, churn, multiple):
    cost = eco.churn_cost(customers, churn, multiple)
    kept = cost.retention_cost  # at n = 1 each kept customer costs 1
    assert kept + cost.new_customers == pytest.approx(customers)
    assert cost.total_cost >= customers - 1e-6  # replacing is never cheaper than keeping (multiple >= 1)


@given(st.floats(min_value=1, max_value=1e6), multiples)
def test_zero_churn_costs_nothing_to_acquire(customers, multiple):
    cost = eco.churn_cost(customers, 0, multiple)
    assert cost.acquisition_cost == 0 and cost.total_cost == pytest.approx(customers)


@given(st.floats(min_value=1, max_value=1e6), rates, rates, multiples)
def test_more_churn_costs_more(customers, a, b, multiple):
    low, high = sorted((a, b))
    assert eco.churn_cost(customers, high, multiple).total_cost >= eco.churn_cost(customers, low, multiple).total_cost - 1e-6


@given(st.floats(min_value=0, max_value=1e4), st.sampled_from(list(eco.COMPLAINT_OUTCOMES)), st.sampled_from(list(eco.COMPLAINT_OUTCOMES)))
def test_complaint_value_sign_follows_repurchase_order(n, before, after):
    value = eco.value_of_better_complaint_handling(n, 100, before, after)
    gap = eco.COMPLAINT_OUTCOMES[after]["repurchase"] - eco.COMPLAINT_OUTCOMES[before]["repurchase"]
    assert math.copysign(1, value) == math.copysign(1, gap) or value == 0


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: eco.churn_cost(-1, 0.1), "customers"),
        (lambda: eco.churn_cost(1000, 1.5), "churn_rate"),
        (lambda: eco.churn_cost(1000, -0.1), "churn_rate"),
        (lambda: eco.churn_cost(1000, 0.1, acquisition_multiple=0), "acquisition_multiple"),
        (lambda: eco.lifetime_value(-10, 10, 1), "order_value"),
        (lambda: eco.lifetime_value(10, "ten", 1), "orders_per_year"),
        (lambda: eco.lifetime_value(10, 10, float("nan")), "years"),
        (lambda: eco.discounted_clv(100, 1.0, 0.0), "retention"),
        (lambda: eco.discounted_clv(100, 1.2, 0.3), "retention"),
        (lambda: eco.discounted_clv(100, 0.5, -0.1), "discount"),
        (lambda: eco.value_of_better_complaint_handling(10, 100, before="ignored"), "before"),
        (lambda: eco.profit_impact_of_retention(0.9, 0.2), "change"),
    ],
)
def test_bad_arguments_raise_a_clear_error(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
