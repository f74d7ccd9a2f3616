"""retention.assignments.reference: reference results read from the grader's prepared file, else computed."""

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


def test_the_prepared_file_holds_the_computed_results(tmp_path, monkeypatch, fresh_caches):
    path = tmp_path / "reference.pickle"
    written = reference.write(str(path), "a4_churn_case_study")
    assert sorted(written) == ["a4_churn_data", "a4_sales"]
    monkeypatch.delenv(reference.REFERENCE_ENV, raising=False)
    computed = reference.a4_churn_data()  # no file given: computed here
    pd.testing.assert_frame_equal(computed, written["a4_churn_data"])
    assert len(computed) > 1000 and computed.index.name == "CustomerID"


def test_the_file_given_by_the_grader_is_what_the_tests_compare_with(tmp_path, monkeypatch, fresh_caches):
    marker = pd.DataFrame({"churned": [True]}, index=pd.Index([1], name="CustomerID"))
    path = tmp_path / "reference.pickle"
    path.write_bytes(pickle.dumps({"a4_churn_data": marker}))
    monkeypatch.setenv(reference.REFERENCE_ENV, str(path))
    got = reference.a4_churn_data()
    pd.testing.assert_frame_equal(got, marker)
    got.loc[1, "churned"] = False  # a test that changes what it receives ...
    assert bool(reference.a4_churn_data().loc[1, "churned"]) is True  # ... cannot change the next comparison


def test_the_parameters_are_defined_once_and_used_by_the_notebooks():
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "grading" / "source"
    a3 = (source / "a3_rfm_and_cohorts" / "rfm_and_cohorts.ipynb").read_text(encoding="utf-8")
    a4 = (source / "a4_churn_case_study" / "churn_case_study.ipynb").read_text(encoding="utf-8")
    assert "from retention.assignments.reference import AS_OF" in a3
    assert "from retention.assignments.reference import CUTOFF, HORIZON_DAYS" in a4
    assert reference.AS_OF not in a3 and "2011-09-01" not in a4
