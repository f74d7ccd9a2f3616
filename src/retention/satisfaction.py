"""Satisfaction evaluation on service cases: how response time and outcome relate to satisfaction and repurchase.

Works on any frame with the ticket columns (see retention.tickets); satisfaction is a 1-5 score and
CSAT is the share of cases scoring 4 or 5.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.cleaning import require_columns
from retention.complaints import COMPLAINT_OUTCOMES

#: First-response time bands in hours (left-closed): under 1 h, 1-4 h, 4-12 h, 12-24 h, 24-48 h, 48 h and more.
RESPONSE_BANDS = (0, 1, 4, 12, 24, 48, np.inf)


def _check_scores(tickets: pd.DataFrame) -> None:
    scores = tickets["satisfaction"]
    if scores.isna().any() or not scores.between(1, 5).all():
        raise ValueError("satisfaction must be a score from 1 to 5 on every case")


def _satisfied_share(scores: pd.Series) -> float:
    """The one CSAT rule: share of scores that are 4 or 5 (NaN for no scores)."""
    return (scores >= 4).mean() if len(scores) else np.nan


def csat(scores) -> float:
    """CSAT: share of satisfaction scores that are 4 or 5."""
    values = pd.Series(scores)
    if values.empty:
        raise ValueError("scores is empty")
    if values.isna().any() or not values.between(1, 5).all():
        raise ValueError("scores must be numbers from 1 to 5")
    return float(_satisfied_share(values))


def outcome_table(tickets: pd.DataFrame) -> pd.DataFrame:
    """The complaint table from the data: per outcome, cases, repurchase and leave rates, mean satisfaction, and the seed figure."""
    require_columns(tickets, ("outcome", "repurchased", "satisfaction"), "tickets")
    _check_scores(tickets)
    unknown = sorted(set(tickets["outcome"].astype("str")) - set(COMPLAINT_OUTCOMES))
    if unknown:
        raise ValueError(f"unknown outcome(s) {unknown}; expected {list(COMPLAINT_OUTCOMES)}")
    table = tickets.groupby("outcome").agg(
        cases=("repurchased", "size"),
        buy_again=("repurchased", "mean"),
        mean_satisfaction=("satisfaction", "mean"),
    )
    table = table.reindex([k for k in COMPLAINT_OUTCOMES if k in table.index])
    table["leave"] = 1 - table["buy_again"]
    table["seed_buy_again"] = [COMPLAINT_OUTCOMES[k]["repurchase"] for k in table.index]
    table.insert(0, "zh", [COMPLAINT_OUTCOMES[k]["zh"] for k in table.index])
    table.insert(0, "en", [COMPLAINT_OUTCOMES[k]["en"] for k in table.index])
    return table


def response_time_bands(tickets: pd.DataFrame, bands=RESPONSE_BANDS) -> pd.DataFrame:
    """Per first-response band (contacted cases only): cases, mean satisfaction, CSAT, share resolved quickly, repurchase rate."""
    require_columns(tickets, ("first_response_hours", "outcome", "satisfaction", "repurchased"), "tickets")
    contacted = tickets.loc[tickets["first_response_hours"].notna()]
    if contacted.empty:
        raise ValueError("tickets have no case with a first-response time")
    edges = list(bands)
    if len(edges) < 2 or any(b <= a for a, b in zip(edges, edges[1:])):
        raise ValueError(f"bands must be at least two increasing edges, got {bands!r}")
    band = pd.cut(contacted["first_response_hours"], edges, right=False)
    grouped = contacted.groupby(band, observed=False)
    table = grouped.agg(
        cases=("satisfaction", "size"),
        mean_satisfaction=("satisfaction", "mean"),
        csat=("satisfaction", _satisfied_share),
        resolved_quickly=("outcome", lambda s: (s == "resolved_quickly").mean() if len(s) else np.nan),
        repurchase_rate=("repurchased", "mean"),
    )
    table.index = [_band_label(interval) for interval in table.index]
    table.index.name = "first_response"
    return table


def _band_label(interval: pd.Interval) -> str:
    return band_name(interval.left, interval.right)[0]


def band_name(left: float, right: float) -> tuple[str, str]:
    """A response-time band as readers read it: ('0–1 h', '0–1 小时'), ('≥48 h', '≥48 小时')."""
    span = f"≥{left:g}" if np.isinf(right) else f"{left:g}–{right:g}"
    return f"{span} h", f"{span} 小时"


def band_names(bands=RESPONSE_BANDS) -> dict[str, tuple[str, str]]:
    """Every band label of :func:`response_time_bands` with its English and Chinese name (for the tables)."""
    return {en: (en, zh) for en, zh in (band_name(a, b) for a, b in zip(bands, bands[1:]))}


def satisfaction_by(tickets: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per value of ``column`` (e.g. channel, issue_type, market): cases, mean satisfaction, CSAT, median response, repurchase."""
    require_columns(tickets, (column, "satisfaction", "repurchased", "first_response_hours"), "tickets")
    _check_scores(tickets)
    table = tickets.groupby(column).agg(
        cases=("satisfaction", "size"),
        mean_satisfaction=("satisfaction", "mean"),
        csat=("satisfaction", _satisfied_share),
        median_first_response_hours=("first_response_hours", "median"),
        repurchase_rate=("repurchased", "mean"),
    )
    return table.sort_values("mean_satisfaction", ascending=False, kind="stable")


def repurchase_by_score(tickets: pd.DataFrame) -> pd.DataFrame:
    """Per satisfaction score 1-5: cases and the share who bought again."""
    require_columns(tickets, ("satisfaction", "repurchased"), "tickets")
    _check_scores(tickets)
    table = tickets.groupby("satisfaction").agg(cases=("repurchased", "size"), repurchase_rate=("repurchased", "mean"))
    return table.reindex(range(1, 6)).fillna({"cases": 0}).astype({"cases": "int64"})


def response_satisfaction_correlation(tickets: pd.DataFrame) -> float:
    """Spearman rank correlation between first-response hours and satisfaction (contacted cases)."""
    require_columns(tickets, ("first_response_hours", "satisfaction"), "tickets")
    contacted = tickets.loc[tickets["first_response_hours"].notna()]
    if len(contacted) < 3:
        raise ValueError("need at least 3 contacted cases for a correlation")
    return float(contacted["first_response_hours"].rank().corr(contacted["satisfaction"].rank()))


def value_of_faster_resolution(tickets: pd.DataFrame, customer_value: float) -> dict:
    """What moving every merely 'resolved' case to 'resolved_quickly' would keep, using the observed repurchase rates."""
    if isinstance(customer_value, bool) or not isinstance(customer_value, (int, float)) or customer_value < 0:
        raise ValueError(f"customer_value must be a non-negative number, got {customer_value!r}")
    table = outcome_table(tickets)
    for key in ("resolved", "resolved_quickly"):
        if key not in table.index:
            raise ValueError(f"tickets have no {key!r} case to compare")
    cases = int(table.loc["resolved", "cases"])
    gain = float(table.loc["resolved_quickly", "buy_again"] - table.loc["resolved", "buy_again"])
    return {"cases": cases, "extra_customers_kept": cases * gain, "value_kept": cases * gain * customer_value}
