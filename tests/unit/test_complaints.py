"""Tests of retention.complaints."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inner, money, rates

from retention import (
    complaints,
    value_of_better_complaint_handling,
)


def test_complaint_seed_table():
    table = complaints.complaint_outcome_table().set_index("outcome")
    assert table["buy_again"].to_dict() == {
        "resolved_quickly": 0.82,
        "resolved": 0.54,
        "unresolved": 0.19,
        "silent": 0.09,
    }
    assert table["leave"].to_dict() == {"resolved_quickly": 0.18, "resolved": 0.46, "unresolved": 0.81, "silent": 0.91}


def test_value_of_better_complaint_handling():
    # 100 complaints moved from unresolved (19%) to resolved quickly (82%) at £1,000 each keep 63 customers.
    assert complaints.value_of_better_complaint_handling(100, 1000) == pytest.approx(63_000)


@given(
    st.floats(min_value=0, max_value=1e4),
    st.sampled_from(list(complaints.COMPLAINT_OUTCOMES)),
    st.sampled_from(list(complaints.COMPLAINT_OUTCOMES)),
)
def test_complaint_value_sign_follows_repurchase_order(n, before, after):
    kept = complaints.value_of_better_complaint_handling(n, 100, before, after)
    gap = complaints.COMPLAINT_OUTCOMES[after]["repurchase"] - complaints.COMPLAINT_OUTCOMES[before]["repurchase"]
    assert math.copysign(1, kept) == math.copysign(1, gap) or kept == 0


def test_complaint_value_table_reproduces_the_seed_rates():
    table = complaints.complaint_value_table(100, 1000)
    assert table["buy again · 复购率"].tolist() == [0.82, 0.54, 0.19, 0.09]
    assert table["customers kept · 留住的客户"].tolist() == [82, 54, 19, 9]
    assert table["value kept · 保留的价值"].tolist() == [82000, 54000, 19000, 9000]


def test_complaint_mix_known_value():
    mix = complaints.complaint_mix(200, 300, 0.5, 0.3)
    assert mix.unresolved_share == pytest.approx(0.2)
    assert mix.customers_kept == pytest.approx(200 * (0.5 * 0.82 + 0.3 * 0.54 + 0.2 * 0.19))  # 122
    assert mix.value_kept == pytest.approx(36600)
    assert mix.gain_over_no_resolution == pytest.approx(36600 - 200 * 0.19 * 300)


def test_all_quick_mix_agrees_with_the_economics_module():
    mix = complaints.complaint_mix(100, 1000, 1, 0)
    assert mix.gain_over_no_resolution == pytest.approx(value_of_better_complaint_handling(100, 1000))


def test_lesson_05_exercise_answers():
    assert value_of_better_complaint_handling(300, 400, "resolved", "resolved_quickly") == pytest.approx(33600)
    mix = complaints.complaint_mix(100, 1000, 0.4, 0.4)
    assert (mix.value_kept, mix.gain_over_no_resolution) == (58200, 39200)


def test_silent_loss_known_value():
    assert complaints.silent_loss(100, 0.04, 1000) == pytest.approx(96 * 0.91 * 1000)


def test_return_or_refund_known_values():
    r = complaints.return_or_refund(12, 18, 3, 0.6)
    assert (r.return_route, r.refund_only, r.cheaper) == (25.8, 12, "refund only")
    assert r.saving == pytest.approx(13.8)
    assert complaints.return_or_refund(200, 20, 5, 0.8).cheaper == "return"


@given(money, money, inner, inner)
def test_complaint_mix_keeps_between_the_worst_and_the_best(n, value, quick, slow):
    if quick + slow > 1:
        quick, slow = quick / 2, slow / 2
    mix = complaints.complaint_mix(n, value, quick, slow)
    assert n * 0.19 - 1e-6 <= mix.customers_kept <= n * 0.82 + 1e-6
    assert mix.gain_over_no_resolution >= -1e-6 * max(1, n * value)


@given(money, money, money, rates)
def test_return_route_is_cheaper_exactly_when_resale_beats_postage(item, postage, handling, resale):
    r = complaints.return_or_refund(item, postage, handling, resale)
    if resale * item > postage + handling + 1e-6:
        assert r.cheaper == "return"
    elif resale * item < postage + handling - 1e-6:
        assert r.cheaper == "refund only"
