"""Parameters and reference results of the data assignments (a3, a4), for their test cells.

Test cells compare a student's answer with these results of the course package's own functions.
When the grader has prepared them (``python -m retention.assignments.reference --write PATH
--assignment NAME``, run once per autograding run, named in grading/nbgrader_config.py) it gives the
read-only file's path in ``$RETENTION_ASSIGNMENT_REFERENCE`` and they are read from there;
otherwise (a source notebook run in JupyterLab) they are computed, once per kernel. Either way each
call hands out a copy, so a test that changes what it receives cannot change the next comparison.

The parameters live here, once: the assignments' setup cells import them.
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from functools import lru_cache

import pandas as pd

#: a3: the day after the last invoice.
AS_OF = "2011-12-10"
#: a4: the day the analyst decides whom to call.
CUTOFF = pd.Timestamp("2011-09-01")
#: a4: churned = no purchase in this many days from CUTOFF.
HORIZON_DAYS = 90

#: Environment variable with the path of the prepared reference file.
REFERENCE_ENV = "RETENTION_ASSIGNMENT_REFERENCE"


def _a3_sales():
    from retention.cleaning import clean_transactions
    from retention.data import load_online_retail

    # a3 asks for the three basic rules only (known customer, no cancellation, positive quantity and
    # price); postage and fee lines, and the sale lines cancelled in full within minutes, stay in.
    return clean_transactions(load_online_retail(), drop_non_product=False, drop_cancelled_in_full=False)


def _a4_sales():
    from retention.cleaning import clean_transactions
    from retention.data import load_online_retail

    return clean_transactions(load_online_retail())


def _compute(assignment: str) -> dict:
    """Every reference result of ``assignment`` (a3 or a4), by name."""
    from retention import churn, cohorts, rfm

    if assignment.startswith("a3"):
        sales = _a3_sales()
        table = rfm.rfm_table(sales, AS_OF)
        return {"a3_sales": sales, "a3_rfm": table,
                "a3_segments": rfm.segment_customers(rfm.rfm_scores(table)),
                "a3_retention": cohorts.retention_matrix(sales)}
    if assignment.startswith("a4"):
        sales = _a4_sales()
        return {"a4_sales": sales, "a4_churn_data": churn.churn_dataset(sales, CUTOFF, HORIZON_DAYS)}
    raise ValueError(f"no reference results for assignment {assignment!r}")


@lru_cache(maxsize=None)
def _prepared() -> dict:
    path = os.environ.get(REFERENCE_ENV)
    if not path:
        return {}
    with open(path, "rb") as f:
        return pickle.load(f)


@lru_cache(maxsize=None)
def _computed(assignment: str) -> dict:
    return _compute(assignment)


def _get(name: str):
    prepared = _prepared()
    value = prepared[name] if name in prepared else _computed(name[:2])[name]
    return value.copy()


def a3_sales() -> pd.DataFrame:
    """a3's cleaned sales lines, with Revenue (retention.cleaning.clean_transactions, non-products kept)."""
    return _get("a3_sales")


def a3_rfm() -> pd.DataFrame:
    """retention.rfm.rfm_table of :func:`a3_sales` as of :data:`AS_OF`."""
    return _get("a3_rfm")


def a3_segments() -> pd.DataFrame:
    """retention.rfm segments (scores and segment keys) of :func:`a3_rfm`."""
    return _get("a3_segments")


def a3_retention() -> pd.DataFrame:
    """retention.cohorts.retention_matrix of :func:`a3_sales` (complete months only)."""
    return _get("a3_retention")


def a4_sales() -> pd.DataFrame:
    """a4's sales lines (retention.cleaning.clean_transactions with its defaults)."""
    return _get("a4_sales")


def a4_churn_data() -> pd.DataFrame:
    """retention.churn.churn_dataset of :func:`a4_sales` at :data:`CUTOFF` with :data:`HORIZON_DAYS`."""
    return _get("a4_churn_data")


def write(path: str, assignment: str) -> dict:
    """Compute ``assignment``'s reference results into ``path`` (a pickle); return them."""
    results = _compute(assignment) if assignment[:2] in ("a3", "a4") else {}
    with open(path, "wb") as f:
        pickle.dump(results, f, protocol=pickle.HIGHEST_PROTOCOL)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write an assignment's reference results to a file.")
    parser.add_argument("--write", required=True, metavar="PATH", help="the pickle file to write")
    parser.add_argument("--assignment", required=True, help="e.g. a3_rfm_and_cohorts (others: empty file)")
    args = parser.parse_args(argv)
    results = write(args.write, args.assignment)
    print(f"{args.assignment}: wrote {sorted(results) or 'no'} reference results to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
