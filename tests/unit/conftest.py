"""Fixtures of the unit tests: the real Online Retail file, raw and cleaned, loaded once per session."""

import matplotlib

matplotlib.use("Agg")  # charts are drawn off-screen

import pytest

from retention.cleaning import clean_transactions
from retention.data import load_online_retail


@pytest.fixture(scope="session")
def raw():
    """The real, verified Online Retail file."""
    return load_online_retail()


@pytest.fixture(scope="session")
def clean(raw):
    """The real file cleaned with the default rules (cancellations dropped)."""
    return clean_transactions(raw)
