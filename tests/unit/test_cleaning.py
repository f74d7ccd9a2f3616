"""Cleaning rules on a hand-made frame with one example of every quirk, and the cleaning report on the real file."""

import pandas as pd
import pytest
from order_lines import lines

from retention.cleaning import (
    CANCELLED_WITHIN_MINUTES,
    cancelled_in_full,
    clean_transactions,
    cleaning_report,
    extreme_lines,
    flag_quirks,
    is_cancellation,
    is_non_product,
    quirk_counts,
    summary_counts,
    to_timestamp,
)
from retention.data import card

UK, DE = "United Kingdom", "Germany"
ROWS = [
    ("1001", "85123A", 2, "2011-01-03 10:00", 2.5, 1, UK),   # sale: 5.00
    ("1001", "POST", 1, "2011-01-03 10:00", 18.0, 1, UK),    # postage
    ("1002", "22423", 4, "2011-01-05 11:00", 10.0, 2, DE),   # sale: 40.00
    ("C1003", "22423", -1, "2011-01-06 11:00", 10.0, 2, DE),  # cancellation: -10.00
    ("1004", "22423", 3, "2011-01-07 12:00", 1.0, None, UK),  # anonymous: 3.00
    ("1005", "21000", -5, "2011-01-08 12:00", 0.0, None, UK),  # stock adjustment
    ("1006", "21001", 6, "2011-01-09 12:00", 0.0, 3, UK),    # free line
    ("A1007", "B", 1, "2011-01-10 12:00", -100.0, None, UK),  # bad debt
    ("1008", "gift_0001_10", 1, "2011-01-11 12:00", 8.5, 3, UK),  # voucher
]


@pytest.fixture
def frame():
    return lines(ROWS)


def test_predicates():
    assert is_cancellation(pd.Series(["C1", "1", "A2"])).tolist() == [True, False, False]
    assert is_non_product(pd.Series(["POST", "M", "m", "gift_0001_20", "85123A", "DCGS0003"])).tolist() == [
        True, True, True, True, False, False
    ]


def test_flags(frame):
    flags = flag_quirks(frame)
    assert flags["missing_customer"].tolist() == [False, False, False, False, True, True, False, True, False]
    assert flags["cancellation"].sum() == 1
    assert not flags["cancelled_in_full"].any(), "C1003 cancels one of four units: a refund, not an order undone"
    assert flags["non_product"].tolist() == [False, True, False, False, False, False, False, True, True]
    assert flags["bad_price"].tolist() == [False] * 5 + [True, True, True, False]
    assert flags["bad_quantity"].tolist() == [False] * 5 + [True, False, False, False]
    assert flags["bad_debt"].sum() == 1
    counts = quirk_counts(frame)
    assert counts.loc["cancellation", "invoices"] == 1 and counts.loc["missing_customer", "rows"] == 3


def test_clean_drop(frame):
    out = clean_transactions(frame)
    assert out["InvoiceNo"].tolist() == ["1001", "1002"]
    assert out["Revenue"].tolist() == [5.0, 40.0]


def test_clean_net_keeps_cancellations_and_nets_revenue(frame):
    out = clean_transactions(frame, cancellations="net")
    assert out["InvoiceNo"].tolist() == ["1001", "1002", "C1003"]
    assert out["Revenue"].sum() == pytest.approx(35.0)


def test_clean_options_keep_everything(frame):
    out = clean_transactions(
        frame, cancellations="keep", drop_missing_customer=False, drop_non_product=False, drop_bad_values=False
    )
    assert len(out) == len(frame)


def test_cleaning_report_known_answer(frame):
    report = cleaning_report(frame).set_index("step")
    assert report["rows"].tolist() == [9, 6, 5, 5, 3, 2]
    assert report["rows_removed"].tolist() == [0, 3, 1, 0, 2, 1]
    assert report["invoices"].tolist() == [8, 5, 4, 4, 3, 2]
    assert report["customers"].tolist() == [3, 3, 3, 3, 3, 2]
    assert report["revenue_gbp"].tolist() == [pytest.approx(v) for v in [-35.5, 61.5, 71.5, 71.5, 45.0, 45.0]]
    assert report.loc["raw", "zh"] and report.loc["raw", "en"]


UNDONE = [
    ("2001", "X", 100, "2011-02-01 10:00", 2.0, 11, UK),   # 0 undone 12 minutes later: never happened
    ("C2002", "X", -100, "2011-02-01 10:12", 2.0, 11, UK),
    ("2003", "X", 50, "2011-02-01 10:00", 2.0, 12, UK),    # 2 cancelled after an hour: a real return
    ("C2004", "X", -50, "2011-02-01 11:00", 2.0, 12, UK),
    ("2005", "Y", 5, "2011-02-01 10:00", 3.0, 13, UK),     # 4 cancelled in part: a refund
    ("C2006", "Y", -4, "2011-02-01 10:05", 3.0, 13, UK),
    ("2007", "Z", 10, "2011-02-01 10:00", 1.0, 14, UK),    # 6 an earlier order of the same size stays
    ("2008", "Z", 10, "2011-02-01 10:05", 1.0, 14, UK),    # 7 the latest order before the cancellation goes
    ("C2009", "Z", -10, "2011-02-01 10:10", 1.0, 14, UK),
    ("2010", "X", 100, "2011-02-01 10:05", 2.0, 15, DE),   # 9 another customer's cancellation undoes nothing
    ("C2011", "W", -7, "2011-02-01 09:00", 1.0, 16, UK),   # 10 a cancellation before the sale undoes nothing
    ("2012", "W", 7, "2011-02-01 09:05", 1.0, 16, UK),
    ("2013", "V", 9, "2011-02-01 10:00", 1.0, None, UK),  # 12 anonymous lines never match
    ("C2014", "V", -9, "2011-02-01 10:01", 1.0, None, UK),
]


def test_cancelled_in_full_matches_one_sale_of_the_same_customer_within_the_window():
    frame = lines(UNDONE)
    assert CANCELLED_WITHIN_MINUTES == 30
    assert frame.index[cancelled_in_full(frame)].tolist() == [0, 7]
    assert frame.index[cancelled_in_full(frame, minutes=60)].tolist() == [0, 2, 7]
    assert clean_transactions(frame)["InvoiceNo"].tolist() == ["2003", "2005", "2007", "2010", "2012"]
    assert len(clean_transactions(frame, drop_cancelled_in_full=False)) == 7
    net = clean_transactions(frame, cancellations="net")
    assert "2001" in set(net["InvoiceNo"]) and net.loc[net["InvoiceNo"].isin(["2001", "C2002"]), "Revenue"].sum() == 0
    with pytest.raises(ValueError, match="whole number of minutes"):
        cancelled_in_full(frame, minutes=-1)


def test_summary_counts(frame):
    facts = summary_counts(frame)
    assert (facts["rows"], facts["invoices"], facts["cancellation_invoices"], facts["customers"], facts["countries"]) == (
        9, 8, 1, 3, 2
    )


def test_extreme_lines(frame):
    assert extreme_lines(frame, 2)["Quantity"].tolist() == [6, -5]
    with pytest.raises(ValueError, match="positive integer"):
        extreme_lines(frame, 0)


def test_bad_input(frame):
    with pytest.raises(ValueError, match="missing column"):
        clean_transactions(frame.drop(columns="CustomerID"))
    with pytest.raises(ValueError, match="empty"):
        clean_transactions(frame.iloc[:0])
    with pytest.raises(ValueError, match="cancellations must be"):
        clean_transactions(frame, cancellations="ignore")
    with pytest.raises(ValueError, match="DataFrame"):
        clean_transactions([1, 2])
    with pytest.raises(ValueError, match="cutoff must be a date"):
        to_timestamp("not a date", "cutoff")


def test_real_report_is_consistent(raw, clean):  # noqa: F811
    report = cleaning_report(raw)
    counts = card("online_retail").counts
    assert report["rows"].iloc[0] == counts["rows"] == len(raw)
    assert report["rows"].is_monotonic_decreasing
    assert report["rows"].iloc[-1] == len(clean)
    # dropping anonymous lines loses no customer
    assert report["customers"].iloc[1] == counts["customers"] == raw["CustomerID"].nunique()
    assert (clean["Quantity"] > 0).all() and (clean["UnitPrice"] > 0).all()
    assert not clean["InvoiceNo"].str.startswith("C").any()
    # the two huge orders undone within minutes (lesson 31) are gone, and their customers' sales with them
    assert clean["Quantity"].max() < counts["second_largest_line_units"]
    assert report.set_index("step").loc["cancelled_in_full", "rows_removed"] > 0
    assert clean["CustomerID"].notna().all()
    assert clean["Revenue"].sum() == pytest.approx(report["revenue_gbp"].iloc[-1], abs=0.01)
