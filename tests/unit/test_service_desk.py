"""Tests of retention.service_desk."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import money, rates

from retention import service_desk


def test_erlang_c_known_values():
    assert service_desk.erlang_c(1, 0.5) == pytest.approx(0.5)  # one server: the chance of waiting is the load
    assert service_desk.erlang_c(2, 1) == pytest.approx(1 / 3)
    assert service_desk.erlang_c(3, 3) == 1.0


def test_staffing_table_meets_the_target_with_the_fewest_agents():
    table = service_desk.staffing_table()
    assert table["agents online · 在线客服"].tolist() == [6, 12, 8]
    assert table["agents rostered · 排班人数"].tolist() == [9, 18, 12]
    for (_, _, _, per_hour), agents in zip(service_desk.SUPPORT_WINDOWS, table["agents online · 在线客服"]):
        assert service_desk.service_level(agents, per_hour, 6, 2) >= 0.80
        assert service_desk.service_level(agents - 1, per_hour, 6, 2) < 0.80


def test_training_value_known_value():
    t = service_desk.training_value(5000, 0.25, 0.22, 300, 30000)
    assert (t.customers_saved, t.value_saved, t.net, t.return_on_cost) == (150, 45000, 15000, 0.5)


@given(
    st.floats(min_value=1, max_value=300),
    st.floats(min_value=1, max_value=20),
    st.floats(min_value=0, max_value=10),
    st.floats(min_value=0.5, max_value=0.95),
)
def test_agents_needed_is_the_smallest_team_that_meets_the_target(per_hour, handle, target, share):
    n = service_desk.agents_needed(per_hour, handle, target, share)
    assert service_desk.service_level(n, per_hour, handle, target) >= share
    if n > 1:
        assert service_desk.service_level(n - 1, per_hour, handle, target) < share


@given(money, rates, rates, money, money)
def test_training_value_adds_up(customers, a, b, value, cost):
    before, after = max(a, b), min(a, b)
    t = service_desk.training_value(customers, before, after, value, cost)
    assert t.net == pytest.approx(t.value_saved - cost, rel=1e-9, abs=1e-6)
    assert t.customers_saved >= 0
