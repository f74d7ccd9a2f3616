"""Shared fixtures and builders for the data-lesson tests (tests/test_data_*.py)."""

import pandas as pd
import pytest

from retention.cleaning import clean_transactions
from retention.data import load_online_retail


def lines(rows) -> pd.DataFrame:
    """A small transactions frame from tuples (InvoiceNo, StockCode, Quantity, date, UnitPrice, CustomerID, Country)."""
    frame = pd.DataFrame(
        rows, columns=["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
    )
    frame["InvoiceNo"] = frame["InvoiceNo"].astype("str")
    frame["StockCode"] = frame["StockCode"].astype("str")
    frame["Description"] = "ITEM"
    frame["InvoiceDate"] = pd.to_datetime(frame["InvoiceDate"])
    frame["Quantity"] = frame["Quantity"].astype("int64")
    frame["UnitPrice"] = frame["UnitPrice"].astype("float64")
    frame["CustomerID"] = frame["CustomerID"].astype("Int64")
    return frame


@pytest.fixture(scope="session")
def raw():
    """The real, verified Online Retail file."""
    return load_online_retail()


@pytest.fixture(scope="session")
def clean(raw):
    """The real file cleaned with the default rules (cancellations dropped)."""
    return clean_transactions(raw)
