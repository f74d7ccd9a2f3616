"""Hypothesis strategies shared by the formula tests: rates, money amounts, counts and multiples."""

from hypothesis import strategies as st

rates = st.floats(min_value=0, max_value=1, allow_nan=False)
positive_rates = st.floats(min_value=0.01, max_value=1, allow_nan=False)
inner = st.floats(min_value=0.01, max_value=0.99, allow_nan=False)
amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
money = amounts
counts = st.integers(min_value=0, max_value=100_000)
multiples = st.floats(min_value=3, max_value=10, allow_nan=False)
