"""Tests of retention.crm."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import counts, rates

from retention import crm


def test_follow_up_plan_table_is_bilingual_and_complete():
    table = crm.follow_up_plan_table()
    assert len(table) == len(crm.CUSTOMER_CLASSES) == 5
    for column in table.columns:
        assert re.search(r"[A-Za-z]", column) and re.search(r"[\u4e00-\u9fff]", column)
    for value in table.iloc[:, 0]:
        assert " · " in value


def test_follow_up_workload_known_value():
    work = crm.follow_up_workload({"vip": 100, "regular": 400, "new": 300, "at-risk": 150, "after-complaint": 50})
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
    assert crm.customer_class(**kwargs) == expected


def test_early_renewal_known_values():
    offer = crm.early_renewal_offer(members=100, price=120, renewal_without=0.60, renewal_with=0.75, discount=0.10)
    assert (offer.revenue_without, offer.revenue_with, offer.gain) == (7200, 8100, 900)
    assert offer.break_even_renewal == pytest.approx(2 / 3)


def test_crm_terms_come_from_the_glossary():
    table = crm.crm_terms_table()
    assert table["术语"].tolist() == [
        "积极主动的客户服务",
        "跟进",
        "反馈意见",
        "客户接触点",
        "客户忠诚度",
        "价值主张",
        "追踪与总结",
        "最佳实践",
    ]


@given(
    st.integers(min_value=1, max_value=500),
    st.floats(min_value=0, max_value=2000),
    rates,
    st.booleans(),
)
def test_every_customer_gets_a_known_class_and_a_complaint_comes_first(orders, days, rank, complained):
    key = crm.customer_class(orders, days, rank, complained)
    assert key in {c.key for c in crm.CUSTOMER_CLASSES}
    assert (key == "after-complaint") == complained


@given(st.dictionaries(st.sampled_from([c.key for c in crm.CUSTOMER_CLASSES]), counts))
def test_workload_total_is_the_sum_of_the_classes(mix):
    work = crm.follow_up_workload(mix)
    assert work["contacts"].iloc[-1] == pytest.approx(work["contacts"].iloc[:-1].sum())
    assert work["customers"].iloc[-1] == sum(mix.values())


@given(rates, st.floats(min_value=0, max_value=0.9))
def test_renewal_at_break_even_keeps_revenue(renewal, discount):
    offer = crm.early_renewal_offer(100, 50, renewal, min(1, renewal / (1 - discount)), discount)
    if renewal / (1 - discount) <= 1:
        assert offer.revenue_with == pytest.approx(offer.revenue_without, abs=1e-6)
