"""Tests of retention.value."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import amounts

from retention import value


def test_ltv_seed_table():
    table = value.ltv_growth_table()
    assert table["lifetime_value"].tolist() == [100, 1000, 1331]
    assert table.loc[2, ["order_value", "orders_per_year", "years"]].tolist() == [11, 11, 11]
    assert table["lifetime_value"][2] - table["lifetime_value"][0] == 1231


def test_discounted_clv_known_value():
    assert value.discounted_clv(margin=100, retention=0.8, discount=0.1) == pytest.approx(100 * 0.8 / 0.3)


def test_five_points_more_retention_gives_about_a_quarter_more_value():
    assert value.profit_impact_of_retention(0.80, 0.05, discount=0.10) == pytest.approx(0.275)


def test_counting_this_year_adds_one_margin_and_dilutes_the_gain_of_five_points():
    assert value.discounted_clv(100, 0.8, 0.1, this_year=True) == pytest.approx(100 + 100 * 0.8 / 0.3)
    assert value.profit_impact_of_retention(0.80, 0.05, discount=0.10, this_year=True) == pytest.approx(440 / (1100 / 3) - 1)
    assert value.profit_impact_of_retention(0.80, 0.05, discount=0.10, this_year=True) == pytest.approx(0.20)


@given(st.floats(min_value=0.05, max_value=0.9), st.floats(min_value=0.01, max_value=0.05), st.floats(min_value=0, max_value=1))
def test_this_year_s_margin_never_raises_the_relative_gain(retention, change, discount):
    with_it = value.profit_impact_of_retention(retention, change, discount, this_year=True)
    assert 0 < with_it <= value.profit_impact_of_retention(retention, change, discount) + 1e-12


@given(amounts, amounts, st.floats(min_value=0, max_value=100))
def test_ltv_is_the_product_and_never_negative(order, freq, years):
    ltv = value.lifetime_value(order, freq, years)
    assert ltv >= 0
    assert ltv == pytest.approx(order * freq * years)


@given(
    st.floats(min_value=0.01, max_value=1e4),
    st.floats(min_value=0, max_value=0.98),
    st.floats(min_value=0, max_value=1),
)
def test_clv_grows_with_retention(margin, retention, discount):
    assert value.discounted_clv(margin, retention + 0.01, discount) > value.discounted_clv(margin, retention, discount)


def test_retention_uplift_table_seed_case():
    table = value.retention_uplift_table()
    row = table[table["retention · 留存率"] == 0.80].iloc[0]
    assert row["CLV before · 提高前价值"] == pytest.approx(266.67)
    assert row["CLV after · 提高后价值"] == pytest.approx(340.00)
    assert row["change · 变化"] == pytest.approx(0.275)
