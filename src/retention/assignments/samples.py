"""Small example frames the assignments' test cells try a student's functions on.

Each call returns a new frame, so a test that changes what it receives cannot change the next test.
"""

from __future__ import annotations

import pandas as pd

#: Cut-off date used with :func:`sales_lines` (assignment 4's small examples).
SALES_CUTOFF = pd.Timestamp("2011-06-01")


def order_lines() -> pd.DataFrame:
    """Seven raw order lines (assignment 3): a cancellation, an anonymous line, postage, a zero price."""
    return pd.DataFrame({
        "InvoiceNo": ["536365", "536365", "536366", "C536379", "536380", "536381", "536382"],
        "StockCode": ["85123A", "71053", "22633", "85123A", "22752", "POST", "21730"],
        "Description": ["HEART T-LIGHT HOLDER", "METAL LANTERN", "HAND WARMER", "HEART T-LIGHT HOLDER",
                        "GLASS STAR", "POSTAGE", "GLASS LANTERN"],
        "Quantity": [6, 6, 2, -6, 3, 1, 4],
        "InvoiceDate": pd.to_datetime(["2011-01-03 08:26", "2011-01-03 08:26", "2011-01-05 11:00",
                                       "2011-01-06 09:41", "2011-01-07 10:00", "2011-01-08 12:00",
                                       "2011-01-09 15:30"]),
        "UnitPrice": [2.55, 3.39, 1.85, 2.55, 7.65, 18.0, 0.0],
        "CustomerID": pd.array([17850, 17850, 17850, 17850, None, 12583, 12583], dtype="Int64"),
        "Country": ["United Kingdom"] * 4 + ["United Kingdom", "France", "France"],
    })


def sales_lines() -> pd.DataFrame:
    """Eight cleaned sales lines of four customers around :data:`SALES_CUTOFF` (assignment 4)."""
    return pd.DataFrame({
        "InvoiceNo": ["500001", "500001", "500002", "500003", "500004", "500005", "500006", "500007"],
        "CustomerID": pd.array([1, 1, 1, 2, 2, 3, 4, 4], dtype="Int64"),
        "InvoiceDate": pd.to_datetime(["2011-03-01 10:00", "2011-03-01 10:00", "2011-05-20 09:00",
                                       "2011-08-30 16:00", "2011-09-10 12:00", "2011-01-15 08:00",
                                       "2011-09-05 10:00", "2011-12-05 10:00"]),
        "Revenue": [10.0, 5.0, 20.0, 8.0, 30.0, 50.0, 12.0, 40.0],
    })


def customer_features() -> pd.DataFrame:
    """Eight customers' recency, frequency and monetary value, indexed by CustomerID (assignment 4)."""
    return pd.DataFrame({
        "recency_days": [120, 95, 200, 30, 91, 150, 100, 90],
        "frequency": [5, 2, 1, 9, 3, 2, 2, 4],
        "monetary": [900.0, 300.0, 5000.0, 4000.0, 300.0, 120.0, 800.0, 600.0],
    }, index=pd.Index([11, 12, 13, 14, 15, 16, 17, 18], name="CustomerID"))
