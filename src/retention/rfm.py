"""RFM model: recency, frequency and monetary value per customer, 1-5 scores, and named segments with a follow-up plan.

Frequency counts sales invoices (not order lines); monetary value is the sum of ``Revenue`` (GBP),
so it is net of refunds when cancellations were netted, gross when they were dropped.
"""

from __future__ import annotations

import pandas as pd

from retention.cleaning import is_cancellation, require_columns, to_timestamp
from retention.segments import (  # noqa: F401  (re-exported: lessons import them from here)
    SEGMENT_KEYS,
    SEGMENTS,
    Segment,
    quantile_score,
    rfm_scores,
    segment_customers,
    segment_definitions,
    segment_of,
)


def rfm_table(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Per customer: recency_days (as_of minus last purchase), frequency (sales invoices) and monetary (GBP).

    ``as_of`` defaults to the day after the last invoice date. Rows without CustomerID are ignored.
    """
    require_columns(transactions, ("CustomerID", "InvoiceNo", "InvoiceDate", "Revenue"), "transactions")
    known = transactions.loc[transactions["CustomerID"].notna()]
    if known.empty:
        raise ValueError("transactions have no row with a CustomerID")
    sales = known.loc[~is_cancellation(known["InvoiceNo"])]
    if sales.empty:
        raise ValueError("transactions hold only cancellations: no customer has bought anything")
    last_date = known["InvoiceDate"].max()
    as_of = last_date.normalize() + pd.Timedelta(days=1) if as_of is None else to_timestamp(as_of, "as_of")
    if as_of < last_date:
        raise ValueError(f"as_of ({as_of}) is before the last transaction ({last_date}): filter the data first")
    per_customer = sales.groupby("CustomerID").agg(last=("InvoiceDate", "max"), frequency=("InvoiceNo", "nunique"))
    rfm = pd.DataFrame(
        {
            "recency_days": (as_of - per_customer["last"]).dt.days.astype("int64"),
            "frequency": per_customer["frequency"].astype("int64"),
            "monetary": known.groupby("CustomerID")["Revenue"].sum().reindex(per_customer.index),
        }
    )
    return rfm


def rfm_segments(transactions: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Shortcut: :func:`rfm_table`, :func:`rfm_scores` and :func:`segment_customers` in one call."""
    return segment_customers(rfm_scores(rfm_table(transactions, as_of)))


def segment_summary(segmented: pd.DataFrame) -> pd.DataFrame:
    """Per segment: customers, their share, revenue and its share, mean recency/frequency/monetary, and the action."""
    require_columns(segmented, ("segment", "recency_days", "frequency", "monetary"), "segmented")
    summary = segmented.groupby("segment").agg(
        customers=("monetary", "size"),
        revenue=("monetary", "sum"),
        mean_recency_days=("recency_days", "mean"),
        mean_frequency=("frequency", "mean"),
        mean_monetary=("monetary", "mean"),
    )
    summary["customer_share"] = summary["customers"] / summary["customers"].sum()
    summary["revenue_share"] = summary["revenue"] / summary["revenue"].sum()
    definitions = segment_definitions().set_index("segment")
    summary = summary.reindex([k for k in SEGMENT_KEYS if k in summary.index])
    summary = definitions[["en", "zh"]].join(summary, how="right")
    summary = summary.join(definitions[["action_en", "action_zh"]])
    summary.index.name = "segment"
    columns = ["en", "zh", "customers", "customer_share", "revenue", "revenue_share",
               "mean_recency_days", "mean_frequency", "mean_monetary", "action_en", "action_zh"]
    return summary[columns]
