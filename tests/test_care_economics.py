"""Care economics: complaint value, retention and profit, the Pareto share, staffing, training value,
cross-border returns, and their calculators."""

import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retention import care_economics as care
from retention import care_widgets as cw
from retention import churn_cost, value_of_better_complaint_handling

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
inner = st.floats(min_value=0.01, max_value=0.99, allow_nan=False)
money = st.floats(min_value=0, max_value=1e6, allow_nan=False)


# --- known values ---------------------------------------------------------------------------


def test_complaint_value_table_reproduces_the_seed_rates():
    table = care.complaint_value_table(100, 1000)
    assert table["buy again · 复购率"].tolist() == [0.82, 0.54, 0.19, 0.09]
    assert table["customers kept · 留住的客户"].tolist() == [82, 54, 19, 9]
    assert table["value kept · 保留的价值"].tolist() == [82000, 54000, 19000, 9000]


def test_complaint_mix_known_value():
    mix = care.complaint_mix(200, 300, 0.5, 0.3)
    assert mix.unresolved_share == pytest.approx(0.2)
    assert mix.customers_kept == pytest.approx(200 * (0.5 * 0.82 + 0.3 * 0.54 + 0.2 * 0.19))  # 122
    assert mix.value_kept == pytest.approx(36600)
    assert mix.gain_over_no_resolution == pytest.approx(36600 - 200 * 0.19 * 300)


def test_all_quick_mix_agrees_with_the_economics_module():
    mix = care.complaint_mix(100, 1000, 1, 0)
    assert mix.gain_over_no_resolution == pytest.approx(value_of_better_complaint_handling(100, 1000))


def test_lesson_05_exercise_answers():
    assert value_of_better_complaint_handling(300, 400, "resolved", "resolved_quickly") == pytest.approx(33600)
    mix = care.complaint_mix(100, 1000, 0.4, 0.4)
    assert (mix.value_kept, mix.gain_over_no_resolution) == (58200, 39200)


def test_exercise_answers_of_lessons_06_to_08():
    from retention import discounted_clv

    assert discounted_clv(60, 0.70, 0.08) == pytest.approx(110.53, abs=0.005)
    row = care.churn_cost_by_multiple(2000, 0.15, (8,)).iloc[0]
    assert (row["total (n) · 合计"], row["share spent on churn · 用于弥补流失的比例"]) == (4100, 0.5854)
    assert care.agents_needed(100, 6, 2, 0.80) == 13
    assert care.training_value(4000, 0.30, 0.28, 250, 20000).net == 0
    assert value_of_better_complaint_handling(60, 400) == pytest.approx(15120)
    jacket = care.return_or_refund(60, 25, 5, 0.7)
    assert (jacket.return_route, jacket.refund_only, jacket.cheaper, jacket.saving) == (48, 60, "return", 12)


def test_silent_loss_known_value():
    assert care.silent_loss(100, 0.04, 1000) == pytest.approx(96 * 0.91 * 1000)


def test_retention_uplift_table_seed_case():
    table = care.retention_uplift_table()
    row = table[table["retention · 留存率"] == 0.80].iloc[0]
    assert row["CLV before · 提高前价值"] == pytest.approx(266.67)
    assert row["CLV after · 提高后价值"] == pytest.approx(340.00)
    assert row["change · 变化"] == pytest.approx(0.275)


def test_churn_cost_by_multiple_seed_row():
    table = care.churn_cost_by_multiple(1000, 0.10, (3, 5, 10))
    assert table["total (n) · 合计"].tolist() == [1200, 1400, 1900]
    assert table["acquisition cost (n) · 获客成本"].tolist() == [300, 500, 1000]


def test_pareto_seed_share():
    sigma = care.lognormal_sigma_for_share(0.20, 0.85)
    assert sigma == pytest.approx(1.878, abs=1e-3)
    assert care.lognormal_top_share(sigma, 0.20) == pytest.approx(0.85)
    assert care.pareto_top_share(1.16, 0.2) == pytest.approx(0.8, abs=0.005)  # the classic 80/20 power law


def test_top_share_known_values():
    assert care.top_share([10, 0, 0, 0, 0], 0.2) == 1
    assert care.top_share([1, 1, 1, 1], 0.5) == 0.5
    assert care.top_share([3, 1], 0.25) == pytest.approx(1.5 / 4)  # half of the best customer


def test_simulated_values_are_reproducible_and_near_the_target():
    a = care.simulated_customer_values()
    assert np.array_equal(a, care.simulated_customer_values())
    assert abs(care.top_share(a, 0.2) - 0.85) < 0.05


def test_erlang_c_known_values():
    assert care.erlang_c(1, 0.5) == pytest.approx(0.5)  # one server: the chance of waiting is the load
    assert care.erlang_c(2, 1) == pytest.approx(1 / 3)
    assert care.erlang_c(3, 3) == 1.0


def test_staffing_table_meets_the_target_with_the_fewest_agents():
    table = care.staffing_table()
    assert table["agents online · 在线客服"].tolist() == [6, 12, 8]
    assert table["agents rostered · 排班人数"].tolist() == [9, 18, 12]
    for (_, _, _, per_hour), agents in zip(care.SUPPORT_WINDOWS, table["agents online · 在线客服"]):
        assert care.service_level(agents, per_hour, 6, 2) >= 0.80
        assert care.service_level(agents - 1, per_hour, 6, 2) < 0.80


def test_training_value_known_value():
    t = care.training_value(5000, 0.25, 0.22, 300, 30000)
    assert (t.customers_saved, t.value_saved, t.net, t.return_on_cost) == (150, 45000, 15000, 0.5)


def test_return_or_refund_known_values():
    r = care.return_or_refund(12, 18, 3, 0.6)
    assert (r.return_route, r.refund_only, r.cheaper) == (25.8, 12, "refund only")
    assert r.saving == pytest.approx(13.8)
    assert care.return_or_refund(200, 20, 5, 0.8).cheaper == "return"


# --- properties -----------------------------------------------------------------------------


@given(money, money, inner, inner)
def test_complaint_mix_keeps_between_the_worst_and_the_best(n, value, quick, slow):
    if quick + slow > 1:
        quick, slow = quick / 2, slow / 2
    mix = care.complaint_mix(n, value, quick, slow)
    assert n * 0.19 - 1e-6 <= mix.customers_kept <= n * 0.82 + 1e-6
    assert mix.gain_over_no_resolution >= -1e-6 * max(1, n * value)


@given(inner, st.floats(min_value=0, max_value=3, allow_nan=False), st.floats(min_value=0, max_value=3, allow_nan=False))
def test_more_spread_means_a_bigger_top_share(top, s1, s2):
    lo, hi = sorted((s1, s2))
    assert top - 1e-9 <= care.lognormal_top_share(lo, top) <= care.lognormal_top_share(hi, top) + 1e-9 <= 1 + 1e-9


@given(st.floats(min_value=0.05, max_value=0.5), st.floats(min_value=0.5, max_value=0.95))
def test_sigma_for_share_inverts_the_top_share(top, share):
    if share < top:
        return
    assert care.lognormal_top_share(care.lognormal_sigma_for_share(top, share), top) == pytest.approx(share, abs=1e-6)


@given(st.lists(st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e6)), min_size=1, max_size=200), inner)
def test_top_share_is_at_least_the_head_count_share(values, top):
    if sum(values) == 0:
        return
    assert top - 1e-9 <= care.top_share(values, top) <= 1 + 1e-9


@given(st.floats(min_value=1, max_value=300), st.floats(min_value=1, max_value=20), st.floats(min_value=0, max_value=10), st.floats(min_value=0.5, max_value=0.95))
def test_agents_needed_is_the_smallest_team_that_meets_the_target(per_hour, handle, target, share):
    n = care.agents_needed(per_hour, handle, target, share)
    assert care.service_level(n, per_hour, handle, target) >= share
    if n > 1:
        assert care.service_level(n - 1, per_hour, handle, target) < share


@given(money, rates, rates, money, money)
def test_training_value_adds_up(customers, a, b, value, cost):
    before, after = max(a, b), min(a, b)
    t = care.training_value(customers, before, after, value, cost)
    assert t.net == pytest.approx(t.value_saved - cost, rel=1e-9, abs=1e-6)
    assert t.customers_saved >= 0


@given(money, money, money, rates)
def test_return_route_is_cheaper_exactly_when_resale_beats_postage(item, postage, handling, resale):
    r = care.return_or_refund(item, postage, handling, resale)
    if resale * item > postage + handling + 1e-6:
        assert r.cheaper == "return"
    elif resale * item < postage + handling - 1e-6:
        assert r.cheaper == "refund only"


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=3, max_value=10))
def test_churn_cost_by_multiple_agrees_with_churn_cost(rate, multiple):
    row = care.churn_cost_by_multiple(1000, rate, (multiple,)).iloc[0]
    assert row["total (n) · 合计"] == pytest.approx(churn_cost(1000, rate, multiple).total_cost)


# --- bad input names the argument -----------------------------------------------------------


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: care.complaint_mix(-1, 100, 0.5, 0.3), "complaints"),
        (lambda: care.complaint_mix(10, 100, 0.8, 0.3), "quick_share \\+ slow_share"),
        (lambda: care.complaint_mix(10, "a lot", 0.5, 0.3), "customer_value"),
        (lambda: care.silent_loss(10, 1.5, 100), "complain_share"),
        (lambda: care.top_share([1, 2], 0), "top"),
        (lambda: care.top_share([], 0.2), "values"),
        (lambda: care.top_share([0, 0], 0.2), "values"),
        (lambda: care.top_share([1, -2], 0.2), "values"),
        (lambda: care.lognormal_top_share(-1, 0.2), "sigma"),
        (lambda: care.lognormal_sigma_for_share(0.2, 0.1), "share"),
        (lambda: care.pareto_top_share(1, 0.2), "alpha"),
        (lambda: care.erlang_c(0, 1), "agents"),
        (lambda: care.service_level(2, -5, 6, 2), "per_hour"),
        (lambda: care.agents_needed(50, 0, 2, 0.8), "handle_minutes"),
        (lambda: care.agents_needed(50, 6, 2, 1), "target_share"),
        (lambda: care.staffing_table(shrinkage=1), "shrinkage"),
        (lambda: care.training_value(100, 0.1, 0.2, 100, 10), "churn_after"),
        (lambda: care.training_value(100, 0.2, 0.1, 100, -10), "cost"),
        (lambda: care.return_or_refund(10, 5, 0, 2), "resale_share"),
        (lambda: care.simulated_customer_values(0), "customers"),
    ],
)
def test_bad_arguments_raise_a_clear_error(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


# --- calculators ----------------------------------------------------------------------------


def _numbers(html):
    return re.findall(r"[-+]?[£]?[\d,]+(?:\.\d+)?%?", re.sub("<[^>]+>", " ", html))


def test_complaint_calculator_starts_at_the_default_and_follows_the_sliders():
    calc = cw.complaint_value_calculator()
    assert "£61,000" in calc.result.value and "£42,000" in calc.result.value  # 100 × (0.5·0.82 + 0.3·0.54 + 0.2·0.19) × £1,000
    calc.controls["quick_share"].value = 1.0
    assert "more than 100%" in calc.result.value
    calc.controls["slow_share"].value = 0.0
    assert "£82,000" in calc.result.value and "£63,000" in calc.result.value


def test_retention_calculator_shows_the_25_percent_rule():
    calc = cw.retention_profit_calculator()
    assert "+27.5%" in calc.result.value
    calc.controls["retention"].value = 0.05
    calc.controls["change"].value = -0.05
    assert "-100.0%" in calc.result.value  # a clamped rate, not an error


def test_pareto_calculator_starts_at_85_percent():
    calc = cw.pareto_calculator()
    assert "85.0%" in calc.result.value
    calc.controls["sigma"].value = 0
    assert "20.0%" in calc.result.value


def test_staffing_calculator_follows_the_sliders():
    calc = cw.staffing_calculator()
    assert ">12<" in calc.result.value
    calc.controls["per_hour"].value = 0
    assert ">0<" in calc.result.value


@pytest.mark.parametrize(
    "calc", [cw.complaint_value_calculator, cw.retention_profit_calculator, cw.pareto_calculator, cw.staffing_calculator]
)
def test_calculator_labels_are_bilingual(calc):
    widget = calc()
    for control in widget.controls.values():
        assert re.search(r"[A-Za-z]", control.description) and re.search(r"[\u4e00-\u9fff]", control.description)
    assert 'lang="zh-Hans"' in widget.result.value


def test_pareto_chart_has_a_bilingual_title():
    import matplotlib

    matplotlib.use("Agg")
    ax = cw.pareto_chart(care.simulated_customer_values())
    assert re.search(r"[\u4e00-\u9fff]", ax.get_title()) and math.isfinite(ax.get_xlim()[1])
