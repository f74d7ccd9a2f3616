"""Seeded generator of synthetic after-sales service cases tied to real Online Retail customers and orders.

No open data set records after-sales service, so the course simulates one. Every case belongs to a
real sales invoice (and so a real CustomerID, country and order date); everything after that is
drawn from the documented distributions below. Repurchase after each outcome follows
``retention.complaints.COMPLAINT_OUTCOMES`` (the commonly cited 82% / 54% / 19% / 9%).

Reproducibility: all randomness comes from one block of uniform numbers of
``numpy.random.default_rng(seed)``, turned into choices and log-normal times by formulas here
(inverse CDF and Box-Muller), and the CSV is written with fixed formats, so the same seed and the
same transactions give the same bytes. Regenerate the committed file with
``python -m retention.tickets`` (see datasets/support_tickets.md).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from retention.cleaning import is_cancellation, require_columns
from retention.complaints import COMPLAINT_OUTCOMES
from retention.customers import HOME_COUNTRY
from retention.data import card

SEED = 2011
#: Name of the ticket data set: its card, datasets/support_tickets.yml, gives the column order and date formats.
CARD = "support_tickets"
N_TICKETS = 4000

CHANNELS = ("email", "chat", "phone", "messenger")
ISSUE_TYPES = ("logistics_delay", "damaged_item", "wrong_item", "refund", "payment", "customs")
OUTCOMES = tuple(COMPLAINT_OUTCOMES)  # resolved_quickly, resolved, unresolved, silent

CHANNEL_NAMES = {"email": ("e-mail", "电子邮件"), "chat": ("live chat", "在线聊天"), "phone": ("phone", "电话"),
                 "messenger": ("messenger app", "即时通讯应用")}
ISSUE_NAMES = {"logistics_delay": ("logistics delay", "物流延误"), "damaged_item": ("damaged item", "商品破损"),
               "wrong_item": ("wrong item", "发错商品"), "refund": ("refund", "退款"), "payment": ("payment", "支付问题"),
               "customs": ("customs", "海关清关")}

#: Share of cases where an unhappy customer never contacted service (the shop learned of it from tracking or a survey).
SILENT_SHARE = 0.15
#: Channel mix of customer contacts, by market: cross-border customers phone less and message more.
CHANNEL_MIX = {"domestic": (0.35, 0.25, 0.25, 0.15), "cross-border": (0.45, 0.20, 0.05, 0.30)}
#: Issue mix, by market: only cross-border orders meet customs.
ISSUE_MIX = {"domestic": (0.30, 0.22, 0.18, 0.18, 0.12, 0.00), "cross-border": (0.32, 0.15, 0.12, 0.13, 0.10, 0.18)}
#: Median first-response time in hours, by channel; cross-border contacts wait longer (time zones).
RESPONSE_MEDIAN_HOURS = {"email": 10.0, "chat": 0.25, "phone": 0.1, "messenger": 3.0}
CROSS_BORDER_RESPONSE_FACTOR = 1.6
RESPONSE_SIGMA = 0.9
#: Chance a contacted case stays unresolved, by issue, before the effect of a slow first response.
UNRESOLVED_BASE = {"logistics_delay": 0.10, "damaged_item": 0.06, "wrong_item": 0.06, "refund": 0.12,
                   "payment": 0.08, "customs": 0.30}
#: Each doubling of (1 + first-response hours) multiplies the odds of staying unresolved by 2 ** SLOW_RESPONSE_LOG_ODDS.
SLOW_RESPONSE_LOG_ODDS = 0.35
#: Median hours of work between first response and resolution, by issue.
WORK_MEDIAN_HOURS = {"logistics_delay": 30.0, "damaged_item": 20.0, "wrong_item": 20.0, "refund": 40.0,
                     "payment": 8.0, "customs": 70.0}
WORK_SIGMA = 0.8
#: A case resolved within this many hours of being opened counts as resolved quickly.
QUICK_RESOLUTION_HOURS = 48.0
#: Mean satisfaction (1-5) by outcome before the penalty for a slow first response and noise.
SATISFACTION_MEAN = {"resolved_quickly": 4.5, "resolved": 3.5, "unresolved": 1.7, "silent": 1.6}
SLOW_RESPONSE_PENALTY = 0.25  # points per doubling of (1 + first-response hours / 2)
SATISFACTION_NOISE = 0.7


def _choose(u: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Index of the category each uniform falls into (inverse CDF); ``probabilities`` is one row per draw."""
    cumulative = np.cumsum(probabilities, axis=1)
    cumulative[:, -1] = 1.0
    return (u[:, None] >= cumulative).sum(axis=1)


def _normal(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Standard normal draws from two uniforms (Box-Muller), stable across numpy versions."""
    return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)


def sales_invoices(transactions: pd.DataFrame) -> pd.DataFrame:
    """One row per sales invoice with a customer: InvoiceNo, CustomerID, Country, InvoiceDate; sorted by InvoiceNo."""
    require_columns(transactions, ("InvoiceNo", "CustomerID", "Country", "InvoiceDate"), "transactions")
    sales = transactions.loc[transactions["CustomerID"].notna() & ~is_cancellation(transactions["InvoiceNo"])]
    if sales.empty:
        raise ValueError("transactions have no sales invoice with a CustomerID to attach tickets to")
    invoices = sales.groupby("InvoiceNo", sort=True).agg(
        CustomerID=("CustomerID", "first"), Country=("Country", "first"), InvoiceDate=("InvoiceDate", "min")
    )
    return invoices.reset_index()


def generate_support_tickets(
    transactions: pd.DataFrame, n_tickets: int = N_TICKETS, seed: int = SEED, home: str = HOME_COUNTRY
) -> pd.DataFrame:
    """``n_tickets`` synthetic service cases on real invoices (drawn with replacement), in the card's column order."""
    if isinstance(n_tickets, bool) or not isinstance(n_tickets, (int, np.integer)) or n_tickets < 1:
        raise ValueError(f"n_tickets must be a positive integer, got {n_tickets!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    invoices = sales_invoices(transactions)
    u = np.random.default_rng(seed).random((n_tickets, 14))

    picked = invoices.iloc[np.minimum((u[:, 0] * len(invoices)).astype(np.int64), len(invoices) - 1)].reset_index(drop=True)
    cross = picked["Country"].astype("str").ne(home).to_numpy()
    market = np.where(cross, "cross-border", "domestic")

    # When: 1-21 days after the order, during the working day (08:00-20:00), to the minute.
    days = 1 + (u[:, 1] * 21).astype(np.int64)
    minutes = 8 * 60 + (u[:, 2] * 12 * 60).astype(np.int64)
    opened = picked["InvoiceDate"].dt.normalize() + pd.to_timedelta(days, unit="D") + pd.to_timedelta(minutes, unit="min")

    silent = u[:, 3] < SILENT_SHARE
    channel_p = np.where(cross[:, None], CHANNEL_MIX["cross-border"], CHANNEL_MIX["domestic"])
    channel = np.array(CHANNELS)[_choose(u[:, 4], channel_p)]
    issue_p = np.where(cross[:, None], ISSUE_MIX["cross-border"], ISSUE_MIX["domestic"])
    issue = np.array(ISSUE_TYPES)[_choose(u[:, 5], issue_p)]

    median = pd.Series(channel).map(RESPONSE_MEDIAN_HOURS).to_numpy() * np.where(cross, CROSS_BORDER_RESPONSE_FACTOR, 1.0)
    response = np.round(median * np.exp(RESPONSE_SIGMA * _normal(u[:, 6], u[:, 7])), 2)
    response = np.maximum(response, 0.01)

    base = pd.Series(issue).map(UNRESOLVED_BASE).to_numpy()
    log_odds = np.log(base / (1 - base)) + SLOW_RESPONSE_LOG_ODDS * np.log2(1 + response)
    unresolved = u[:, 8] < 1 / (1 + np.exp(-log_odds))

    work = pd.Series(issue).map(WORK_MEDIAN_HOURS).to_numpy() * np.exp(WORK_SIGMA * _normal(u[:, 9], u[:, 10]))
    resolution = np.round(response + work, 2)
    quick = resolution <= QUICK_RESOLUTION_HOURS

    outcome = np.select([silent, unresolved, quick], ["silent", "unresolved", "resolved_quickly"], default="resolved")
    contacted = ~silent
    mean = pd.Series(outcome).map(SATISFACTION_MEAN).to_numpy()
    penalty = np.where(contacted, SLOW_RESPONSE_PENALTY * np.log2(1 + response / 2), 0.0)
    score = np.clip(np.rint(mean - penalty + SATISFACTION_NOISE * _normal(u[:, 11], u[:, 12])), 1, 5).astype(np.int64)

    repurchase_p = pd.Series(outcome).map({k: v["repurchase"] for k, v in COMPLAINT_OUTCOMES.items()}).to_numpy()
    repurchased = u[:, 13] < repurchase_p

    tickets = pd.DataFrame(
        {
            "CustomerID": picked["CustomerID"].astype("int64").to_numpy(),
            "InvoiceNo": picked["InvoiceNo"].astype("str").to_numpy(),
            "Country": picked["Country"].astype("str").to_numpy(),
            "market": market,
            "order_date": picked["InvoiceDate"].to_numpy(),
            "opened_at": opened.to_numpy(),
            "channel": pd.Series(np.where(contacted, channel, None), dtype="str"),
            "issue_type": issue,
            "first_response_hours": np.where(contacted, response, np.nan),
            "resolution_hours": np.where(contacted & ~unresolved, resolution, np.nan),
            "outcome": outcome,
            "satisfaction": score,
            "repurchased": repurchased,
        }
    )
    tickets = tickets.sort_values(["opened_at", "InvoiceNo"], kind="stable", ignore_index=True)
    width = max(5, len(str(n_tickets)))
    tickets.insert(0, "ticket_id", "T" + pd.Series(np.arange(1, n_tickets + 1)).astype("str").str.zfill(width))
    return tickets[card(CARD).columns]


def tickets_to_csv(tickets: pd.DataFrame) -> bytes:
    """The exact bytes of the ticket CSV: UTF-8, LF line ends, the card's columns and date formats, two decimals for hours."""
    info = card(CARD)
    require_columns(tickets, info.columns, "tickets")
    out = tickets[info.columns].copy()
    for column, fmt in info.dates.items():
        out[column] = out[column].dt.strftime(fmt)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", float_format="%.2f")
    return buffer.getvalue().encode("utf-8")


def write_support_tickets(path, transactions: pd.DataFrame, n_tickets: int = N_TICKETS, seed: int = SEED) -> Path:
    """Generate the tickets and write them to ``path``; returns the path."""
    path = Path(path)
    path.write_bytes(tickets_to_csv(generate_support_tickets(transactions, n_tickets, seed)))
    return path


def main() -> None:  # pragma: no cover - thin command-line wrapper
    """Regenerate datasets/support_tickets.csv from the verified Online Retail file."""
    from retention.cleaning import clean_transactions
    from retention.data import datasets_dir, load_online_retail, sha256_of

    info = card(CARD)
    target = datasets_dir() / info.file
    write_support_tickets(target, clean_transactions(load_online_retail()))
    sha256, size = sha256_of(target), target.stat().st_size
    print(f"wrote {target} (sha256 {sha256}, {size} bytes)")
    if (sha256, size) != (info.sha256, info.size_bytes):
        print(f"the file changed: update sha256, size_bytes and counts in {info.path}, then regenerate the .md card")


if __name__ == "__main__":  # pragma: no cover
    main()
