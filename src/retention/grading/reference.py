"""Reference results for the test cells of the data assignments (a3, a4), computed with the course package.

Test cells compare a student's answer with these. Each reference is computed once per kernel (the
data are loaded and cleaned once, not once per test cell) and handed out as a copy, so a test that
changes what it receives cannot change what the next test compares with. The answer-specific logic
(what an answer must contain) stays in the hidden tests in grading/; only the course package's own,
documented functions are called here.
"""

from __future__ import annotations

from functools import lru_cache

#: Fixed parameters of the assignments (also stated in their notebooks).
AS_OF = "2011-12-10"  # a3: the day after the last invoice
CUTOFF = "2011-09-01"  # a4: churn cut-off
HORIZON_DAYS = 90  # a4: churn window after the cut-off


@lru_cache(maxsize=None)
def _orders():
    from retention.data import load_online_retail

    return load_online_retail()


@lru_cache(maxsize=None)
def _a3_sales():
    from retention.cleaning import clean_transactions

    # a3 asks for the three basic rules only (known customer, no cancellation, positive quantity and
    # price); postage and fee lines stay in.
    return clean_transactions(_orders(), drop_non_product=False)


@lru_cache(maxsize=None)
def _a4_sales():
    from retention.cleaning import clean_transactions

    return clean_transactions(_orders())


@lru_cache(maxsize=None)
def _a3_rfm():
    from retention import rfm

    return rfm.rfm_table(_a3_sales(), AS_OF)


@lru_cache(maxsize=None)
def _a4_churn_data():
    from retention import churn

    return churn.churn_dataset(_a4_sales(), CUTOFF, HORIZON_DAYS)


def orders():
    """The raw order lines (retention.data.load_online_retail)."""
    return _orders().copy()


def a3_sales():
    """a3's cleaned sales lines, with Revenue (retention.cleaning.clean_transactions, non-products kept)."""
    return _a3_sales().copy()


def a3_rfm():
    """retention.rfm.rfm_table of :func:`a3_sales` as of :data:`AS_OF`."""
    return _a3_rfm().copy()


def a3_segments():
    """retention.rfm segments (scores and segment keys) of :func:`a3_rfm`."""
    from retention import rfm

    return rfm.segment_customers(rfm.rfm_scores(_a3_rfm()))


def a3_retention():
    """retention.cohorts.retention_matrix of :func:`a3_sales` (complete months only)."""
    from retention import cohorts

    return cohorts.retention_matrix(_a3_sales())


def a4_sales():
    """a4's sales lines (retention.cleaning.clean_transactions with its defaults)."""
    return _a4_sales().copy()


def a4_churn_data():
    """retention.churn.churn_dataset of :func:`a4_sales` at :data:`CUTOFF` with :data:`HORIZON_DAYS`."""
    return _a4_churn_data().copy()


def forkserver_warm() -> None:
    """Compute every reference once in the kernel fork server, before kernels are forked from it.

    Each forked kernel then starts with the references computed (shared copy-on-write memory), as
    if its test cells had computed them; the values are the same.
    """
    _a3_rfm()
    _a4_churn_data()
