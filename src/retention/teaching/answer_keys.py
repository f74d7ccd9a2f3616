"""Numbers for the answer keys of the data lessons' exercises (31–36) that are a few package calls apart:
each function makes the calls the exercise's solution describes, so the teacher's notes quote the
package's results, never a typed number. Called by name from ``book/teacher/notes/<lesson>.yml``."""

from __future__ import annotations

from functools import cache

import pandas as pd

from retention.cleaning import add_revenue, clean_transactions
from retention.cohorts import retention_matrix
from retention.customers import customer_revenue
from retention.churn import evaluate_churn_warning, frequency_rule, precision_recall
from retention.concentration import top_share
from retention.data import load_online_retail, load_support_tickets
from retention.rfm import rfm_scores, rfm_table, segment_customers
from retention.satisfaction import satisfaction_by
from retention.tickets import CHANNEL_NAMES, ISSUE_NAMES

__all__ = [
    "country_lines",
    "country_by_lines",
    "country_by_lines_name",
    "cancellation_revenue",
    "net_cleaning_change",
    "cross_border_top_share",
    "cant_lose_top_monetary",
    "champions_on",
    "best_cohort_at_month",
    "last_month_mean_retention",
    "warning_at_threshold",
    "frequency_rule_vs_model",
    "csat_by",
    "lowest_csat",
    "lowest_csat_name",
]


@cache
def _raw() -> pd.DataFrame:
    return load_online_retail()


@cache
def _clean(cancellations: str = "drop") -> pd.DataFrame:
    return clean_transactions(_raw(), cancellations=cancellations)


def country_lines(country: str) -> int:
    """Order lines (rows) of the raw data from ``country``."""
    return int((_raw()["Country"] == country).sum())


def country_by_lines(place: int) -> str:
    """The country in position ``place`` (0 = most) by number of order lines in the raw data."""
    return str(_raw()["Country"].value_counts().index[place])


def country_by_lines_name(place: int) -> dict:
    """:func:`country_by_lines` as readers read it in each language, e.g. ``{"en": "Germany", "zh": "德国"}``."""
    from retention.customers import COUNTRY_NAMES

    en, zh = COUNTRY_NAMES[country_by_lines(place)]
    return {"en": en, "zh": zh}


def cancellation_revenue() -> float:
    """Revenue of the cancellation invoices (numbers starting with C) in the raw data (negative)."""
    lines = add_revenue(_raw())
    return float(lines.loc[lines["InvoiceNo"].astype("str").str.startswith("C"), "Revenue"].sum())


def net_cleaning_change() -> dict:
    """Customers and revenue with ``cancellations="net"`` against the default cleaning."""
    default, net = _clean(), _clean("net")
    return {
        "customers_net": int(net["CustomerID"].nunique()),
        "customers_default": int(default["CustomerID"].nunique()),
        "revenue_net": float(net["Revenue"].sum()),
        "revenue_default": float(default["Revenue"].sum()),
    }


def cross_border_top_share(top: float = 0.20) -> dict:
    """Top-``top`` share of revenue among cross-border customers only, and among all customers."""
    clean = _clean()
    cross = clean[clean["Country"] != "United Kingdom"]
    return {"cross_border": top_share(customer_revenue(cross), top), "all": top_share(customer_revenue(clean), top)}


def cant_lose_top_monetary(n: int = 10) -> float:
    """Monetary value (GBP) of the ``n`` "can't lose them" customers with the most, added up."""
    segmented = segment_customers(rfm_scores(rfm_table(_clean())))
    return float(segmented[segmented["segment"] == "cant_lose"].nlargest(n, "monetary")["monetary"].sum())


def champions_on(as_of: str = "2011-09-01") -> int:
    """Champions when the segments are computed as of ``as_of`` from the invoices before it."""
    clean = _clean()
    early = clean[clean["InvoiceDate"] < as_of]
    segmented = segment_customers(rfm_scores(rfm_table(early, as_of=as_of)))
    return int((segmented["segment"] == "champions").sum())


def best_cohort_at_month(month: int = 3) -> dict:
    """The cohort (first one excluded) with the highest retention ``month`` months after the first purchase."""
    column = retention_matrix(_clean()).iloc[1:][month]
    return {"cohort": str(column.idxmax()), "rate": float(column.max())}


def last_month_mean_retention() -> float:
    """Mean retention in the last calendar month (December 2011, nine days) once partial months are kept."""
    matrix = retention_matrix(_clean(), complete_months_only=False)
    last = matrix.index.max()
    diagonal = [matrix.loc[cohort, (last - cohort).n] for cohort in matrix.index if cohort < last]
    return float(pd.Series(diagonal).mean())


def warning_at_threshold(recency_threshold: int = 60) -> dict:
    """Precision and recall of the recency rule (and of the model at the same list size) for a threshold."""
    table = evaluate_churn_warning(_clean("net"), recency_threshold=recency_threshold)["comparison"]
    return {f"{method}_{measure}": float(table.loc[method, measure]) for method in table.index for measure in ("precision", "recall", "flagged")}


def frequency_rule_vs_model() -> dict:
    """The lowest-frequency rule against the model and the recency rule, all flagging as many customers as the model.

    ``share_of_gain`` is how much of the model's gain over the recency rule the one-line rule reaches; at a
    fixed list size precision and recall are both true positives over a constant, so one share fits both.
    """
    result = evaluate_churn_warning(_clean("net"))
    table, test = result["comparison"], result["test"]
    size = int(table.loc["logistic", "flagged"])
    rule = precision_recall(test["churned"], frequency_rule(test, size))
    figures = {f"{method}_{measure}": float(table.loc[method, measure]) for method in table.index for measure in ("precision", "recall")}
    figures.update(flagged=size, frequency_precision=rule["precision"], frequency_recall=rule["recall"])
    gain = figures["logistic_precision"] - figures["baseline_precision"]
    figures["share_of_gain"] = (rule["precision"] - figures["baseline_precision"]) / gain if gain else float("nan")
    return figures


def csat_by(column: str, value: str) -> float:
    """CSAT of the tickets whose ``column`` is ``value``."""
    return float(satisfaction_by(load_support_tickets(), column).loc[value, "csat"])


def lowest_csat(column: str = "issue_type") -> str:
    """The value of ``column`` with the lowest CSAT."""
    return str(satisfaction_by(load_support_tickets(), column)["csat"].idxmin())


def lowest_csat_name(column: str = "issue_type") -> dict:
    """:func:`lowest_csat` as readers read it in each language, e.g. ``{"en": "customs", "zh": "海关清关"}``."""
    names = {"issue_type": ISSUE_NAMES, "channel": CHANNEL_NAMES}[column]
    en, zh = names[lowest_csat(column)]
    return {"en": en, "zh": zh}
