"""Monthly cohort retention: a hand-made example with known matrix, zero months, partial months and markets."""

import numpy as np
import pandas as pd
import pytest
from order_lines import lines

from retention.cohorts import (
    average_retention,
    average_retention_by_market,
    cohort_counts,
    cohort_sizes,
    customer_months,
    retention_at,
    retention_by_market,
    retention_matrix,
)

UK, DE = "United Kingdom", "Germany"


@pytest.fixture
def frame():
    return lines(
        [
            ("1", "A", 1, "2011-01-05", 1.0, 1, UK),
            ("2", "A", 1, "2011-01-20", 1.0, 1, UK),  # same month twice: counted once
            ("3", "A", 1, "2011-02-03", 1.0, 1, UK),
            ("4", "A", 1, "2011-04-10", 1.0, 1, UK),
            ("5", "A", 1, "2011-02-11", 1.0, 2, UK),
            ("6", "A", 1, "2011-03-11", 1.0, 2, UK),
            ("7", "A", 1, "2011-01-15", 1.0, 3, DE),
            ("C8", "A", -1, "2011-03-15", 1.0, 3, DE),  # a cancellation is not activity
            ("9", "A", 1, "2011-04-30", 1.0, None, UK),  # anonymous, but it shows April is complete
        ]
    )


def test_counts_and_matrix(frame):
    counts = cohort_counts(frame)
    assert [str(p) for p in counts.index] == ["2011-01", "2011-02"]
    assert counts.loc[pd.Period("2011-01")].tolist() == [2, 1, 0, 1]
    assert counts.loc[pd.Period("2011-02")].iloc[:3].tolist() == [1, 1, 0]
    assert counts.loc[pd.Period("2011-02")].isna().tolist() == [False, False, False, True]
    matrix = retention_matrix(frame)
    assert matrix.loc[pd.Period("2011-01")].tolist() == [1.0, 0.5, 0.0, 0.5]
    assert cohort_sizes(frame).tolist() == [2, 1]


def test_average_retention_weights_by_observed_cohorts(frame):
    curve = average_retention(frame, new_customers_only=False)
    assert curve.tolist() == pytest.approx([1.0, 2 / 3, 0.0, 0.5])


def test_average_retention_leaves_out_the_first_cohort_by_default(frame):
    """The data's first month holds customers who were buying before it: only customer 2 (February) is new."""
    assert average_retention(frame).tolist() == pytest.approx([1.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="no cohort after the data's first month"):
        average_retention(frame[frame["CustomerID"].ne(2) | frame["CustomerID"].isna()])


def test_incomplete_last_month_is_dropped(frame):
    shorter = frame[frame["InvoiceNo"] != "9"]  # last sale now 2011-04-10: April is partial
    assert cohort_counts(shorter).columns.max() == 2
    assert cohort_counts(shorter, complete_months_only=False).columns.max() == 3


def test_customer_months(frame):
    active = customer_months(frame)
    assert len(active) == 6
    assert active.groupby("CustomerID")["cohort"].nunique().eq(1).all()


def test_by_market(frame):
    matrices = retention_by_market(frame)
    assert set(matrices) == {"domestic", "cross-border"}
    assert matrices["cross-border"].loc[pd.Period("2011-01")].iloc[:2].tolist() == [1.0, 0.0]
    assert matrices["domestic"].loc[pd.Period("2011-01")].tolist() == [1.0, 1.0, 0.0, 1.0]
    curves = average_retention_by_market(frame, new_customers_only=False)
    assert list(curves.columns) == ["domestic", "cross-border"]
    assert list(average_retention_by_market(frame).columns) == ["domestic"], "customer 3 (DE) is of the first month"


def test_retention_at(frame):
    assert retention_at(retention_matrix(frame), 1) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="months"):
        retention_at(retention_matrix(frame), 12)


def test_bad_input(frame):
    with pytest.raises(ValueError, match="no sales"):
        cohort_counts(frame[frame["CustomerID"].isna()])
    with pytest.raises(ValueError, match="missing column"):
        cohort_counts(frame.drop(columns="InvoiceDate"))


def test_real_file(clean):  # noqa: F811
    counts = cohort_counts(clean)
    assert int(counts[0].sum()) == clean["CustomerID"].nunique() - clean.loc[
        clean["InvoiceDate"] >= "2011-12-01", "CustomerID"
    ].pipe(lambda ids: len(set(ids) - set(clean.loc[clean["InvoiceDate"] < "2011-12-01", "CustomerID"])))
    matrix = retention_matrix(clean)
    assert (matrix[0] == 1).all() and len(matrix) == 12
    assert np.nanmax(matrix.iloc[:, 1:].to_numpy()) < 1
    curves = average_retention_by_market(clean)
    assert curves.loc[0].tolist() == [1.0, 1.0]
    # without the December-2010 cohort (customers from before the data), so no month 11 and lower curves
    assert curves.index.max() == 10 and average_retention_by_market(clean, new_customers_only=False).index.max() == 11
