"""retention.assignments.reference: test inputs read from the grader's prepared file, else computed; none is an answer."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

from retention.assignments import reference


@pytest.fixture
def fresh_caches():
    reference._prepared.cache_clear()
    yield
    reference._prepared.cache_clear()


def test_the_prepared_file_holds_the_computed_inputs(tmp_path, monkeypatch, fresh_caches):
    path = tmp_path / "reference.pickle"
    written = reference.write(str(path), "a4_churn_case_study")
    assert sorted(written) == ["a4_customers", "a4_even_customers", "a4_sales"]
    monkeypatch.delenv(reference.REFERENCE_ENV, raising=False)
    computed = reference.a4_even_customers()  # no file given: computed here
    pd.testing.assert_frame_equal(computed, written["a4_even_customers"])
    assert len(computed) > 500 and (computed.index % 2 == 0).all()


def test_no_input_holds_an_answer_over_all_customers(fresh_caches, monkeypatch):
    """The data inputs hold the customers with an even id only: half of what any answer covers."""
    monkeypatch.delenv(reference.REFERENCE_ENV, raising=False)
    customers = reference.a4_customers()
    even = reference.a4_even_customers()
    assert 0.3 < len(even) / len(customers) < 0.7 and set(even.index) < set(customers)
    sales = reference.a3_even_sales()
    assert (sales["CustomerID"].astype("int64") % 2 == 0).all()
    assert sales["CustomerID"].nunique() < reference.a3_sales_full()["CustomerID"].nunique()


def test_the_file_given_by_the_grader_is_what_the_tests_read(tmp_path, monkeypatch, fresh_caches):
    marker = pd.DataFrame({"churned": [True]}, index=pd.Index([2], name="CustomerID"))
    path = tmp_path / "reference.pickle"
    path.write_bytes(pickle.dumps({"a4_even_customers": marker}))
    monkeypatch.setenv(reference.REFERENCE_ENV, str(path))
    got = reference.a4_even_customers()
    pd.testing.assert_frame_equal(got, marker)
    got.loc[2, "churned"] = False  # a test that changes what it receives ...
    assert bool(reference.a4_even_customers().loc[2, "churned"]) is True  # ... cannot change the next one


def test_the_parameters_are_defined_once_and_used_by_the_notebooks():
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "grading" / "source"
    a3 = (source / "a3_rfm_and_cohorts" / "rfm_and_cohorts.ipynb").read_text(encoding="utf-8")
    a4 = (source / "a4_churn_case_study" / "churn_case_study.ipynb").read_text(encoding="utf-8")
    assert "from retention.assignments.reference import AS_OF" in a3
    assert "from retention.assignments.reference import CUTOFF, HORIZON_DAYS" in a4
    assert reference.AS_OF not in a3 and "2011-09-01" not in a4
