"""A builder for small, hand-made order-line frames with the real file's dtypes (for the data-module tests)."""

import pandas as pd


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
