"""Monthly cohort retention: customers grouped by the month of their first purchase, followed month by month.

A cohort (同期群) is every customer whose first sales invoice in the data falls in the same calendar
month. The first cohort is the first invoice month of the data (for Online Retail see
``card("online_retail").counts["first_invoice"]``), so it also holds every older customer
(left-censoring); the last month of the data is partial unless it ends on its last day.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.cleaning import is_cancellation, require_columns, to_timestamp
from retention.customers import HOME_COUNTRY, MARKETS, customer_countries, market_of


def _sales(transactions: pd.DataFrame, complete_months_only: bool, data_end) -> tuple[pd.DataFrame, pd.Period]:
    """Sales lines with a customer, and the last calendar month the analysis covers."""
    require_columns(transactions, ("CustomerID", "InvoiceNo", "InvoiceDate"), "transactions")
    sales = transactions.loc[transactions["CustomerID"].notna() & ~is_cancellation(transactions["InvoiceNo"])]
    if sales.empty:
        raise ValueError("transactions have no sales invoice with a CustomerID")
    # Any line, anonymous or not, shows how far the data reach; a subset (one market) passes the full data's end.
    last = transactions["InvoiceDate"].max() if data_end is None else to_timestamp(data_end, "data_end")
    last_month = last.to_period("M")
    if complete_months_only and last.normalize() < last.normalize() + pd.offsets.MonthEnd(0):
        sales = sales.loc[sales["InvoiceDate"] < last_month.start_time]
        last_month = last_month - 1
        if sales.empty:
            raise ValueError("all sales fall in one incomplete month; pass complete_months_only=False")
    return sales, last_month


def customer_months(transactions: pd.DataFrame, complete_months_only: bool = True, data_end=None) -> pd.DataFrame:
    """Distinct (CustomerID, month) pairs with a sale, with each customer's cohort month and months since it."""
    sales, _ = _sales(transactions, complete_months_only, data_end)
    dates = sales["InvoiceDate"]
    # Months as integers (year x 12 + month) are far faster to de-duplicate than Period objects.
    month = (dates.dt.year.to_numpy() * 12 + dates.dt.month.to_numpy() - 1).astype("int64")
    active = pd.DataFrame({"CustomerID": sales["CustomerID"].to_numpy(), "month_number": month}).drop_duplicates()
    first = active.groupby("CustomerID")["month_number"].transform("min")
    active["period"] = (active["month_number"] - first).astype("int64")
    active["month"] = pd.PeriodIndex.from_ordinals(active["month_number"].to_numpy() - 1970 * 12, freq="M")
    active["cohort"] = pd.PeriodIndex.from_ordinals(first.to_numpy() - 1970 * 12, freq="M")
    active = active.drop(columns="month_number")[["CustomerID", "month", "cohort", "period"]]
    return active.reset_index(drop=True)


def cohort_counts(transactions: pd.DataFrame, complete_months_only: bool = True, data_end=None) -> pd.DataFrame:
    """Active customers per cohort (rows, first-purchase month) and months since the first purchase (columns).

    ``data_end`` (default: the last InvoiceDate in ``transactions``) decides which months are observed;
    pass the full data's end when ``transactions`` is a subset, so quiet months count as 0, not missing.
    """
    _, last = _sales(transactions, complete_months_only, data_end)
    active = customer_months(transactions, complete_months_only, data_end)
    counts = active.groupby(["cohort", "period"]).size().unstack("period", fill_value=0)
    # A cell is observed when its calendar month is inside the data; months with nobody active are 0, later ones NA.
    months_observed = np.array([(last - cohort).n for cohort in counts.index])
    counts = counts.reindex(columns=range(int(months_observed.max()) + 1), fill_value=0)
    observed = counts.columns.to_numpy()[None, :] <= months_observed[:, None]
    counts = counts.astype("Int64").where(observed)
    counts.columns.name = "months_since_first"
    return counts


def retention_matrix(transactions: pd.DataFrame, complete_months_only: bool = True, data_end=None) -> pd.DataFrame:
    """Share of each cohort active in each later month (period 0 is always 1.0; unobserved cells are NaN)."""
    counts = cohort_counts(transactions, complete_months_only, data_end).astype("float64")
    return counts.div(counts[0], axis=0)


def cohort_sizes(transactions: pd.DataFrame, complete_months_only: bool = True) -> pd.Series:
    """Number of new customers in each monthly cohort."""
    return cohort_counts(transactions, complete_months_only)[0].astype("int64").rename("customers")


def average_retention(
    transactions: pd.DataFrame, complete_months_only: bool = True, data_end=None, *,
    new_customers_only: bool = True, data_start=None,
) -> pd.Series:
    """Retention curve pooled over cohorts: active / cohort size, summed over the cohorts observed that long.

    ``new_customers_only`` leaves out the cohort of the data's first month (``data_start``, default the first
    InvoiceDate in ``transactions``): it holds every customer who was buying before the data start, not new ones.
    """
    counts = cohort_counts(transactions, complete_months_only, data_end).astype("float64")
    if new_customers_only:
        start = transactions["InvoiceDate"].min() if data_start is None else to_timestamp(data_start, "data_start")
        counts = counts.loc[counts.index != start.to_period("M")]
        if counts.empty:
            raise ValueError("no cohort after the data's first month: pass new_customers_only=False to pool that one")
        counts = counts.loc[:, counts.notna().any()]
    sizes = counts[0]
    observed = counts.notna()
    active = counts.fillna(0).sum()
    base = observed.mul(sizes, axis=0).sum()
    return (active / base).rename("retention_rate")


def retention_by_market(
    transactions: pd.DataFrame, home: str = HOME_COUNTRY, complete_months_only: bool = True
) -> dict[str, pd.DataFrame]:
    """Cohort retention matrices for domestic and cross-border customers (a customer's market is their main country)."""
    require_columns(transactions, ("CustomerID", "InvoiceNo", "InvoiceDate", "Country"), "transactions")
    end = transactions["InvoiceDate"].max()
    known = transactions.loc[transactions["CustomerID"].notna()]
    markets = market_of(customer_countries(known), home)
    row_market = known["CustomerID"].map(markets)
    return {
        market: retention_matrix(known.loc[row_market.eq(market).to_numpy()], complete_months_only, end)
        for market in MARKETS
        if row_market.eq(market).any()
    }


def average_retention_by_market(
    transactions: pd.DataFrame, home: str = HOME_COUNTRY, complete_months_only: bool = True, *,
    new_customers_only: bool = True,
) -> pd.DataFrame:
    """Pooled retention curves side by side: one column per market, one row per month since the first purchase.

    By default without the data's first cohort, which is not new customers (see :func:`average_retention`); a market
    with no customer who is new after that month then has no column.
    """
    require_columns(transactions, ("CustomerID", "InvoiceNo", "InvoiceDate", "Country"), "transactions")
    start, end = transactions["InvoiceDate"].min(), transactions["InvoiceDate"].max()
    known = transactions.loc[transactions["CustomerID"].notna()]
    markets = market_of(customer_countries(known), home)
    row_market = known["CustomerID"].map(markets).to_numpy()
    curves = {
        market: average_retention(known.loc[row_market == market], complete_months_only, end,
                                  new_customers_only=new_customers_only, data_start=start)
        for market in MARKETS
        if (row_market == market).any()
        and (not new_customers_only or _has_new_cohort(known.loc[row_market == market], start))
    }
    frame = pd.DataFrame(curves)
    frame.index.name = "months_since_first"
    return frame


def _has_new_cohort(sales: pd.DataFrame, start: pd.Timestamp) -> bool:
    """Whether some customer in ``sales`` makes a first purchase after the data's first month."""
    first = sales.groupby("CustomerID")["InvoiceDate"].min()
    return bool((first.dt.to_period("M") != start.to_period("M")).any())


def retention_at(matrix: pd.DataFrame, months: int) -> float:
    """Mean retention ``months`` after the first purchase over the cohorts observed that long (unweighted)."""
    if months not in matrix.columns:
        raise ValueError(f"months must be one of {list(matrix.columns)}, got {months!r}")
    values = matrix[months].dropna()
    return float(np.mean(values)) if len(values) else float("nan")
