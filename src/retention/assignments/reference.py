"""Parameters and inputs of the assignments' test cells, the only course data the kernel reads.

Test cells call a student's functions on these inputs and hand the results out
(:mod:`retention.assignments.handout`); the expected answers are computed outside the kernel by
:mod:`retention.assignments.expected`. No input is the answer of any test: the data assignments'
inputs hold the customers with an even CustomerID only, while the tests compare answers over all
customers. When the grader has prepared the inputs (``python -m retention.assignments.reference
--write PATH --assignment NAME``, run once per autograding run, named in grading/nbgrader_config.py)
it gives the read-only file's path in ``$RETENTION_ASSIGNMENT_REFERENCE`` and they are read from
there (the sandbox hides the modules that compute them); otherwise (a source notebook run in
JupyterLab) they are computed, once per kernel. Each call hands out a copy.

The parameters live here, once: the assignments' setup cells import them.
"""

from __future__ import annotations

import argparse
import copy
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


def a3_sales_full() -> pd.DataFrame:
    """a3's cleaned sales lines (retention.cleaning.clean_transactions, non-products kept): outside the kernel only."""
    from retention.cleaning import clean_transactions
    from retention.data import load_online_retail

    # a3 asks for the three basic rules only (known customer, no cancellation, positive quantity and
    # price); postage and fee lines, and the sale lines cancelled in full within minutes, stay in.
    return clean_transactions(load_online_retail(), drop_non_product=False, drop_cancelled_in_full=False)


def a4_sales_full() -> pd.DataFrame:
    """a4's sales lines (retention.cleaning.clean_transactions with its defaults)."""
    from retention.cleaning import clean_transactions
    from retention.data import load_online_retail

    return clean_transactions(load_online_retail())


def even_customers(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of customers with an even CustomerID (column or index): inputs that answer no test."""
    ids = frame["CustomerID"] if "CustomerID" in frame.columns else frame.index.to_series()
    return frame.loc[(ids.astype("int64") % 2 == 0).to_numpy()].copy()


def _compute(assignment: str) -> dict:
    """Every input of ``assignment``'s test cells, by name."""
    if assignment.startswith("a1"):
        from retention.complaints import COMPLAINT_OUTCOMES

        return {"a1_complaint_outcomes": {k: dict(v) for k, v in COMPLAINT_OUTCOMES.items()}}
    if assignment.startswith("a3"):
        return {"a3_even_sales": even_customers(a3_sales_full())}
    if assignment.startswith("a4"):
        from retention import churn

        sales = a4_sales_full()
        data = churn.churn_dataset(sales, CUTOFF, HORIZON_DAYS)
        return {"a4_sales": sales, "a4_customers": data.index.copy(),
                "a4_even_customers": even_customers(data[["recency_days", "frequency", "monetary", "churned"]])}
    raise ValueError(f"no test inputs for assignment {assignment!r}")


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
    return copy.deepcopy(value)


def complaint_outcomes() -> dict:
    """a1: repurchase rates by complaint outcome (retention.complaints.COMPLAINT_OUTCOMES)."""
    return _get("a1_complaint_outcomes")


def a3_even_sales() -> pd.DataFrame:
    """a3: the cleaned sales lines of the customers with an even CustomerID."""
    return _get("a3_even_sales")


def a4_sales() -> pd.DataFrame:
    """a4's sales lines (what its setup cell computes, kept apart from the student's variables)."""
    return _get("a4_sales")


def a4_customers() -> pd.Index:
    """a4: the customers who bought before :data:`CUTOFF` (CustomerID)."""
    return _get("a4_customers")


def a4_even_customers() -> pd.DataFrame:
    """a4: recency, frequency, monetary value and churned of the customers with an even CustomerID."""
    return _get("a4_even_customers")


def write(path: str, assignment: str) -> dict:
    """Compute ``assignment``'s test inputs into ``path`` (a pickle); return them."""
    results = _compute(assignment) if assignment[:2] in ("a1", "a3", "a4") else {}
    with open(path, "wb") as f:
        pickle.dump(results, f, protocol=pickle.HIGHEST_PROTOCOL)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write an assignment's test inputs to a file.")
    parser.add_argument("--write", required=True, metavar="PATH", help="the pickle file to write")
    parser.add_argument("--assignment", required=True, help="e.g. a3_rfm_and_cohorts (others: empty file)")
    args = parser.parse_args(argv)
    results = write(args.write, args.assignment)
    print(f"{args.assignment}: wrote {sorted(results) or 'no'} reference results to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
