"""Each assignment's kernel view holds what its notebook imports, and never a module that computes its answers.

The view is computed from the source notebook (retention.assignments.kernel_view). These checks
need no bubblewrap: the listed files are copied alone into a folder and the notebook's imports run
there, so a missing file fails here even on a machine where grading falls back to degraded isolation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader_sandbox.config import load_course_config

from retention.assignments import kernel_view
from retention.assignments.kernel_view import KernelViewError, closure, kernel_files, notebook_imports
from tests.paths import ROOT

COURSE = ROOT / "grading"
VIEWS = load_course_config(str(COURSE)).SandboxedAutograde.assignment_visible_paths


def _notebook(tmp_path: Path, *cells: str) -> Path:
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": c, "metadata": {}} for c in cells]}))
    return path


def test_the_course_gives_every_graded_data_assignment_a_view():
    assert set(VIEWS) == {"a1_retention_economics", "a2_crm_language", "a3_rfm_and_cohorts", "a4_churn_case_study",
                          "a5_reply_to_a_buyer"}


@pytest.mark.parametrize("assignment", sorted(VIEWS))
def test_the_listed_files_alone_import_everything_the_notebook_imports(assignment, tmp_path):
    package = Path(kernel_view.PACKAGE_DIR)
    copy = tmp_path / "view"
    for path in map(Path, VIEWS[assignment]):
        if path.is_relative_to(package):
            (copy / "retention" / path.relative_to(package)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, copy / "retention" / path.relative_to(package))
    modules = sorted(m for m in notebook_imports(next((COURSE / "source" / assignment).glob("*.ipynb")))
                     if kernel_view.module_file(m))
    code = "import importlib, retention\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules) + \
        "assert retention.__file__.startswith(" + repr(str(copy)) + "), retention.__file__\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(copy)})
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("assignment,answers", [
    ("a3_rfm_and_cohorts", ["retention.cleaning", "retention.rfm", "retention.cohorts"]),
    ("a4_churn_case_study", ["retention.rfm", "retention.churn"]),
    ("a1_retention_economics", ["retention.value", "retention.acquisition", "retention.complaints"]),
])
def test_no_view_holds_a_module_that_computes_the_answers(assignment, answers):
    listed = {Path(p).resolve() for p in VIEWS[assignment]}
    for module in [*answers, "retention.assignments.expected"]:
        assert kernel_view.module_file(module).resolve() not in listed, module


@pytest.mark.parametrize("assignment", sorted(VIEWS))
def test_the_released_notebooks_give_the_view_the_source_gives(assignment, released_course):
    """A Dask worker's copy of the course has the release only (hidden tests stay home): same view."""
    course, _ = released_course
    released = sorted((course / "release" / assignment).glob("*.ipynb"))
    assert released
    assert kernel_files(released) == kernel_files(sorted((COURSE / "source" / assignment).glob("*.ipynb")))


def test_only_the_data_assignments_see_the_data():
    data = {a for a, paths in VIEWS.items() if any(Path(p).name == "datasets" for p in paths)}
    assert data == {"a3_rfm_and_cohorts", "a4_churn_case_study"}


def test_the_closure_follows_load_time_imports_only():
    """reference.py imports cleaning inside a function (run by the grader): the kernel does not need it."""
    found = closure(["retention.assignments.reference"])
    assert {"retention", "retention.exports", "retention.assignments", "retention.assignments.reference"} <= found
    assert "retention.cleaning" not in found
    assert {"retention.datacards", "retention.schema_errors"} <= closure(["retention.data"])


def test_a_lazily_exported_name_brings_its_module(tmp_path):
    assert "retention.acquisition" in closure(notebook_imports(_notebook(tmp_path, "%matplotlib inline\nfrom retention import churn_cost")))


def test_a_notebook_whose_imports_reach_an_answer_module_is_refused(tmp_path):
    notebook = _notebook(tmp_path, "from retention.cleaning import clean_transactions")
    with pytest.raises(KernelViewError, match="retention.cleaning, which computes the answers"):
        kernel_files([notebook], ["retention.cleaning"])


def test_an_unknown_module_is_named(tmp_path):
    with pytest.raises(KernelViewError, match="'retention.no_such_module' is not a module"):
        kernel_files([_notebook(tmp_path, "import retention.no_such_module")])
