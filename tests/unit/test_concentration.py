"""Tests of retention.concentration."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import inner

from retention import concentration


def test_pareto_seed_share():
    sigma = concentration.lognormal_sigma_for_share(0.20, 0.85)
    assert sigma == pytest.approx(1.878, abs=1e-3)
    assert concentration.lognormal_top_share(sigma, 0.20) == pytest.approx(0.85)
    assert concentration.pareto_top_share(1.16, 0.2) == pytest.approx(0.8, abs=0.005)  # the classic 80/20 power law


def test_top_share_known_values():
    assert concentration.top_share([10, 0, 0, 0, 0], 0.2) == 1
    assert concentration.top_share([1, 1, 1, 1], 0.5) == 0.5
    assert concentration.top_share([3, 1], 0.25) == pytest.approx(3 / 4)  # whole customers: ceil(0.25 x 2) = 1


def test_simulated_values_are_reproducible_and_near_the_target():
    a = concentration.simulated_customer_values()
    assert np.array_equal(a, concentration.simulated_customer_values())
    assert abs(concentration.top_share(a, 0.2) - 0.85) < 0.05


@given(
    inner, st.floats(min_value=0, max_value=3, allow_nan=False), st.floats(min_value=0, max_value=3, allow_nan=False)
)
def test_more_spread_means_a_bigger_top_share(top, s1, s2):
    lo, hi = sorted((s1, s2))
    assert (
        top - 1e-9
        <= concentration.lognormal_top_share(lo, top)
        <= concentration.lognormal_top_share(hi, top) + 1e-9
        <= 1 + 1e-9
    )


@given(st.floats(min_value=0.05, max_value=0.5), st.floats(min_value=0.5, max_value=0.95))
def test_sigma_for_share_inverts_the_top_share(top, share):
    if share < top:
        return
    assert concentration.lognormal_top_share(concentration.lognormal_sigma_for_share(top, share), top) == pytest.approx(
        share, abs=1e-6
    )


@given(st.lists(st.one_of(st.just(0.0), st.floats(min_value=1e-3, max_value=1e6)), min_size=1, max_size=200), inner)
def test_top_share_is_at_least_the_head_count_share(values, top):
    if sum(values) == 0:
        return
    assert top - 1e-9 <= concentration.top_share(values, top) <= 1 + 1e-9
