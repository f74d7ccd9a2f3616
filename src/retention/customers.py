"""Who the customers are: where they live, how big their orders are, and how concentrated revenue is.

Orders are counted by invoice (InvoiceNo), not by order line. Revenue is in GBP.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.cleaning import is_cancellation, require_columns

HOME_COUNTRY = "United Kingdom"
MARKETS = ("domestic", "cross-border")
MARKET_NAMES = {"domestic": ("domestic (UK)", "国内（英国）"), "cross-border": ("cross-border", "跨境")}


def market_of(countries: pd.Series, home: str = HOME_COUNTRY) -> pd.Series:
    """'domestic' for the home country, 'cross-border' for every other value (including 'Unspecified')."""
    return pd.Series(np.where(countries.astype("str").eq(home), "domestic", "cross-border"), index=countries.index)


def customer_revenue(transactions: pd.DataFrame) -> pd.Series:
    """Total revenue per CustomerID (GBP), largest first; needs a ``Revenue`` column (see clean_transactions)."""
    require_columns(transactions, ("CustomerID", "Revenue"), "transactions")
    return transactions.groupby("CustomerID")["Revenue"].sum().sort_values(ascending=False, kind="stable")


def customer_countries(transactions: pd.DataFrame) -> pd.Series:
    """Each customer's country: the one on most of their invoices (ties go to the alphabetically first)."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo"), "transactions")
    counts = transactions.groupby(["CustomerID", "Country"])["InvoiceNo"].nunique().reset_index()
    counts = counts.sort_values(["CustomerID", "InvoiceNo", "Country"], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates("CustomerID").set_index("CustomerID")["Country"]


def country_mix(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """Per country: customers, invoices, revenue and their shares, and whether it is the domestic market."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo", "Revenue"), "transactions")
    mix = transactions.groupby("Country").agg(
        customers=("CustomerID", "nunique"), invoices=("InvoiceNo", "nunique"), revenue=("Revenue", "sum")
    )
    for column in ("customers", "invoices", "revenue"):
        mix[f"{column}_share"] = mix[column] / mix[column].sum()
    mix["market"] = market_of(mix.index.to_series(), home).to_numpy()
    return mix.sort_values("revenue", ascending=False, kind="stable")


def market_summary(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """Domestic vs cross-border: customers, invoices, revenue, revenue share and average order value (GBP)."""
    require_columns(transactions, ("CustomerID", "Country", "InvoiceNo", "Revenue"), "transactions")
    market = market_of(transactions["Country"], home)
    summary = transactions.groupby(market.rename("market")).agg(
        customers=("CustomerID", "nunique"), invoices=("InvoiceNo", "nunique"), revenue=("Revenue", "sum")
    )
    summary["revenue_share"] = summary["revenue"] / summary["revenue"].sum()
    summary["avg_order_value"] = summary["revenue"] / summary["invoices"]
    return summary.reindex([m for m in MARKETS if m in summary.index])


def order_sizes(transactions: pd.DataFrame, home: str = HOME_COUNTRY) -> pd.DataFrame:
    """One row per sales invoice: customer, country, market, date, lines, items and value (GBP); cancellations excluded."""
    require_columns(
        transactions, ("InvoiceNo", "CustomerID", "Country", "InvoiceDate", "Quantity", "Revenue"), "transactions"
    )
    sales = transactions.loc[~is_cancellation(transactions["InvoiceNo"])]
    if sales.empty:
        raise ValueError("transactions hold only cancellations: there are no orders to size")
    orders = sales.groupby("InvoiceNo").agg(
        CustomerID=("CustomerID", "first"),
        Country=("Country", "first"),
        InvoiceDate=("InvoiceDate", "min"),
        lines=("Quantity", "size"),
        items=("Quantity", "sum"),
        value=("Revenue", "sum"),
    )
    orders["market"] = market_of(orders["Country"], home)
    return orders


def order_size_summary(orders: pd.DataFrame) -> pd.DataFrame:
    """Per market: number of orders and the median and mean order value and items (from :func:`order_sizes`)."""
    require_columns(orders, ("market", "value", "items"), "orders")
    summary = orders.groupby("market").agg(
        orders=("value", "size"),
        median_value=("value", "median"),
        mean_value=("value", "mean"),
        median_items=("items", "median"),
    )
    return summary.reindex([m for m in MARKETS if m in summary.index])


def _nonnegative_values(values) -> np.ndarray:
    array = np.asarray(pd.Series(values, dtype="float64"), dtype="float64")
    if array.size == 0:
        raise ValueError("values is empty: there is nothing to compare")
    if np.isnan(array).any():
        raise ValueError("values contain missing entries; drop or fill them first")
    if (array < 0).any():
        raise ValueError(
            f"values contain {(array < 0).sum()} negative entries (net refunds?); "
            "use sales without cancellations or clip at 0 first"
        )
    if array.sum() == 0:
        raise ValueError("values sum to 0: shares are undefined")
    return array


def pareto_share(values, top: float = 0.20) -> float:
    """Share of the total that the largest ``top`` fraction of entries brings (top n = ceil(top x count))."""
    if isinstance(top, bool) or not isinstance(top, (int, float)) or not 0 < top <= 1:
        raise ValueError(f"top must be a fraction in (0, 1], got {top!r}")
    array = np.sort(_nonnegative_values(values))[::-1]
    n = int(np.ceil(round(top * array.size, 9)))
    return float(array[:n].sum() / array.sum())


def top_share_for(values, share: float = 0.80) -> float:
    """Smallest fraction of entries (largest first) whose total reaches ``share`` of the whole."""
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise ValueError(f"share must be a fraction in (0, 1], got {share!r}")
    array = np.sort(_nonnegative_values(values))[::-1]
    cumulative = np.cumsum(array) / array.sum()
    n = int(np.searchsorted(cumulative, share - 1e-12) + 1)
    return n / array.size


def lorenz_curve(values) -> pd.DataFrame:
    """Lorenz curve points (customer_share, value_share), smallest customers first, starting at (0, 0)."""
    array = np.sort(_nonnegative_values(values))
    customer_share = np.arange(array.size + 1) / array.size
    value_share = np.concatenate([[0.0], np.cumsum(array) / array.sum()])
    return pd.DataFrame({"customer_share": customer_share, "value_share": value_share})


def gini(values) -> float:
    """Gini coefficient of the values (0 = everyone equal, near 1 = one customer has everything)."""
    array = np.sort(_nonnegative_values(values))
    n = array.size
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * array).sum()) / (n * array.sum()) - (n + 1) / n)
