"""Fixtures of the unit tests: the real Online Retail file, raw and cleaned, loaded once per session; a copy of
the practice content to break."""

import shutil

import matplotlib

matplotlib.use("Agg")  # charts are drawn off-screen

import pytest
from paths import ROOT

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


@pytest.fixture
def practice_book(tmp_path, monkeypatch):
    """A copy of book/phrases/ and book/roleplays/ under $RETENTION_BOOK_DIR, to break on purpose; returns its book folder."""
    for folder in ("phrases", "roleplays"):
        shutil.copytree(ROOT / "book" / folder, tmp_path / folder)
    monkeypatch.setenv("RETENTION_BOOK_DIR", str(tmp_path))
    return tmp_path
