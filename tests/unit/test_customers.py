"""Country mix, order sizes, Pareto share, Lorenz curve and Gini: known answers, properties and the real file."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from order_lines import lines

from retention.cleaning import add_revenue
from retention.concentration import gini, lorenz_curve, top_count, top_share, top_share_for
from retention.customers import (
    COUNTRY_NAMES,
    country_mix,
    customer_countries,
    customer_revenue,
    market_of,
    market_summary,
    order_size_summary,
    order_sizes,
)
from retention.data import card

UK, DE, FR = "United Kingdom", "Germany", "France"


@pytest.fixture
def sales():
    return add_revenue(
        lines(
            [
                ("1", "A", 2, "2011-01-01", 5.0, 1, UK),  # 10
                ("1", "B", 1, "2011-01-01", 20.0, 1, UK),  # 20 -> invoice 1 = 30
                ("2", "A", 10, "2011-01-02", 5.0, 2, DE),  # 50
                ("3", "A", 4, "2011-01-03", 5.0, 2, DE),  # 20
                ("4", "A", 1, "2011-01-04", 5.0, 3, FR),  # 5
                ("5", "A", 1, "2011-01-05", 5.0, 3, UK),  # 5 (customer 3 ordered from two countries)
                ("6", "A", 1, "2011-01-06", 5.0, 3, FR),  # 5
            ]
        )
    )


def test_market_of():
    assert market_of(pd.Series([UK, DE, "Unspecified"])).tolist() == ["domestic", "cross-border", "cross-border"]


def test_customer_revenue_and_countries(sales):
    assert customer_revenue(sales).to_dict() == {2: 70.0, 1: 30.0, 3: 15.0}
    assert customer_countries(sales).to_dict() == {1: UK, 2: DE, 3: FR}


def test_country_mix_counts_invoices_not_lines(sales):
    mix = country_mix(sales)
    assert mix.loc[UK, "invoices"] == 2 and mix.loc[UK, "customers"] == 2
    assert mix.loc[DE, "revenue"] == 70.0 and mix.loc[DE, "market"] == "cross-border"
    assert mix["revenue_share"].sum() == pytest.approx(1.0)
    assert mix.index[0] == DE  # sorted by revenue


def test_market_summary(sales):
    summary = market_summary(sales)
    assert summary.loc["domestic", "revenue"] == 35.0
    assert summary.loc["cross-border", "invoices"] == 4
    assert summary.loc["cross-border", "avg_order_value"] == pytest.approx(80 / 4)


def test_order_sizes(sales):
    orders = order_sizes(sales)
    assert len(orders) == 6
    assert orders.loc["1", "lines"] == 2 and orders.loc["1", "items"] == 3 and orders.loc["1", "value"] == 30.0
    summary = order_size_summary(orders)
    assert summary.loc["domestic", "orders"] == 2
    assert summary.loc["cross-border", "median_value"] == pytest.approx(12.5)


def test_pareto_known_answers():
    values = [10, 0, 30, 60, 0]
    assert top_share(values, 0.2) == pytest.approx(0.6)
    assert top_share(values, 0.4) == pytest.approx(0.9)
    assert top_share(values, 1.0) == pytest.approx(1.0)
    assert top_share_for(values, 0.8) == pytest.approx(0.4)
    assert top_share_for(values, 0.6) == pytest.approx(0.2)


def test_lorenz_and_gini_known_answers():
    curve = lorenz_curve([3, 1])
    assert curve["customer_share"].tolist() == [0, 0.5, 1]
    assert curve["value_share"].tolist() == [0, 0.25, 1]
    assert gini([5, 5, 5, 5]) == pytest.approx(0)
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)


@pytest.mark.parametrize("bad", [[], [1, -1], [0, 0], [1, np.nan]])
def test_bad_values(bad):
    with pytest.raises(ValueError):
        top_share(bad)


def test_bad_top():
    for top in (0, 1.5, "20%", True):
        with pytest.raises(ValueError, match="top"):
            top_share([1, 2], top)


def test_missing_column(sales):
    with pytest.raises(ValueError, match="Revenue"):
        customer_revenue(sales.drop(columns="Revenue"))


values_strategy = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=200).filter(
    lambda v: sum(v) > 0
)


@settings(max_examples=60, deadline=None)
@given(values_strategy, st.floats(min_value=0.01, max_value=1.0))
def test_pareto_properties(values, top):
    share = top_share(values, top)
    # the largest ceil(top x n) customers carry at least their head-count share, which is at least top
    assert share >= top_count(len(values), top) / len(values) - 1e-9 >= top - 1e-9
    assert 0 < share <= 1 + 1e-12
    assert top_share(values, min(1.0, top + 0.1)) >= share - 1e-12
    # the top fraction of customers never brings less than its head count share
    assert share >= np.ceil(round(top * len(values), 9)) / len(values) - 1e-9


@settings(max_examples=60, deadline=None)
@given(values_strategy)
def test_lorenz_properties(values):
    curve = lorenz_curve(values)
    assert curve.iloc[0].tolist() == [0, 0]
    assert curve.iloc[-1].tolist() == pytest.approx([1, 1])
    assert (curve["value_share"].diff().dropna() >= -1e-12).all()
    assert (curve["value_share"] <= curve["customer_share"] + 1e-9).all()
    assert -1e-9 <= gini(values) < 1


def test_real_file(raw, clean):  # noqa: F811
    assert raw["Country"].nunique() == card("online_retail").counts["countries"]
    revenue = customer_revenue(clean)
    share = top_share(revenue, 0.2)
    assert share == pytest.approx(revenue.head(int(np.ceil(0.2 * len(revenue)))).sum() / revenue.sum())
    assert 0.5 < share < 0.85  # the real data do not show "20% bring 85%"
    mix = country_mix(clean)
    assert mix["customers"].sum() >= clean["CustomerID"].nunique()
    assert mix.index[0] == UK and (mix["market"] == "domestic").sum() == 1


def test_every_country_of_the_data_has_an_english_and_a_chinese_name(raw):  # noqa: F811
    """Tables and charts show each country in both languages: a country new to the data needs its names here."""
    from retention.bilingual import has_chinese
    from retention.data import load_support_tickets

    countries = set(raw["Country"]) | set(load_support_tickets()["Country"])
    assert sorted(countries - set(COUNTRY_NAMES)) == []
    for country, (en, zh) in COUNTRY_NAMES.items():
        assert country in en, "the English name keeps the file's spelling, so a reader can filter on it"
        assert has_chinese(zh) and not any(c.isascii() and c.isalpha() for c in zh), country
    assert len({zh for _, zh in COUNTRY_NAMES.values()}) == len(COUNTRY_NAMES), "two countries share a Chinese name"
