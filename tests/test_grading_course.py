"""The nbgrader course in grading/: layout, authoring rules, release, validation and execution."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from paths import ROOT
from retention.bilingual import check_notebook

pytestmark = pytest.mark.xdist_group("grading")

COURSE = ROOT / "grading"
SOURCES = sorted((COURSE / "source").glob("*/*.ipynb"))
ASSIGNMENTS = [p.parent.name for p in SOURCES]


def nbgrader_cells(nb):
    return [c for c in nb.cells if "nbgrader" in c.metadata]


def autograded_points(nb) -> float:
    return sum(c.metadata.nbgrader["points"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def stated_total(nb) -> tuple[float, float]:
    """(total, autograded) as stated in the English introduction."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    total = re.search(r"\*\*Total: (\d+) points\*\*", text)
    auto = re.search(r"(\d+) points autograded", text)
    assert total and auto, "the notebook must state its total and autograded points"
    return float(total.group(1)), float(auto.group(1))


@pytest.fixture(scope="session")
def released_course(tmp_path_factory):
    """A copy of the course with every assignment released by nbgrader (in one process)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from retention.grading.autograde import load_course_config

    course = tmp_path_factory.mktemp("course") / "grading"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "__pycache__"))
    config = load_course_config(str(course))
    config.CourseDirectory.root = str(course)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    results = {name: api.generate_assignment(name, force=True) for name in ASSIGNMENTS}
    return course, results


def test_course_follows_nbgraders_layout():
    assert (COURSE / "nbgrader_config.py").is_file()
    ignored = (COURSE / ".gitignore").read_text().split()
    for name in ("release/", "submitted/", "autograded/", "feedback/", "gradebook.db"):
        assert name in ignored
    assert len(ASSIGNMENTS) >= 2
    for extra in ("release", "submitted", "autograded", "feedback"):
        tracked = subprocess.run(["git", "ls-files", f"grading/{extra}"], cwd=ROOT, capture_output=True, text=True)
        assert tracked.stdout == ""


def test_source_notebooks_are_built_from_the_authoring_script():
    result = subprocess.run([sys.executable, str(COURSE / "build_sources.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", SOURCES, ids=ASSIGNMENTS)
def test_source_notebook_authoring_rules(path):
    nb = nbformat.read(str(path), as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit without outputs"
    for cell in nbgrader_cells(nb):
        assert cell.metadata.nbgrader["schema_version"] == 3
    tests = [c for c in nbgrader_cells(nb) if c.metadata.nbgrader["grade"] and c.cell_type == "code"]
    assert tests
    for cell in tests:
        first = cell.source.splitlines()[0]
        assert first.startswith("# Checks") and "·" in first and re.search(r"[\u4e00-\u9fff]", first), first
    total, auto = stated_total(nb)
    assert autograded_points(nb) == auto
    assert sum(c.metadata.nbgrader.get("points", 0) for c in nbgrader_cells(nb)) == total
    prose = nbformat.from_dict({**nb, "cells": [c for c in nb.cells
                                                if not c.metadata.get("nbgrader", {}).get("solution")]})
    assert check_notebook(prose) == []
    text = json.dumps(nb)
    assert "../" not in text and "datasets/" not in text, "load data through retention.data, not paths"


def test_generate_assignment_works_for_every_assignment(released_course):
    course, results = released_course
    for name, result in results.items():
        assert result["success"], result.get("error") or result.get("log")
        assert list((course / "release" / name).glob("*.ipynb"))
        release = (course / "release" / name)
        text = "".join(p.read_text() for p in release.glob("*.ipynb"))
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text


def test_source_notebooks_pass_and_released_ones_fail_validation(released_course):
    from nbgrader.validator import Validator

    course, _ = released_course
    for name in ASSIGNMENTS:
        for path in (course / "source" / name).glob("*.ipynb"):
            assert Validator().validate(str(path)) == {}, path
        for path in (course / "release" / name).glob("*.ipynb"):
            result = Validator().validate(str(path))  # `nbgrader validate` exits 0 either way
            assert result.get("failed"), path
            inverted = Validator(invert=True).validate(str(path))
            assert not inverted.get("passed"), f"{path}: some tests pass with no answers"


def _score(nb) -> float:
    from nbgrader import utils

    return sum(utils.determine_grade(c)[0] or 0 for c in nb.cells
               if utils.is_grade(c) and c.cell_type == "code")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_papermill_source_full_marks_and_release_zero(released_course, name, tmp_path):
    import papermill
    from nbclient import NotebookClient

    course, _ = released_course
    source = next((course / "source" / name).glob("*.ipynb"))
    out = tmp_path / "executed.ipynb"
    papermill.execute_notebook(str(source), str(out), cwd=str(tmp_path), progress_bar=False, kernel_name="python3")
    executed = nbformat.read(str(out), as_version=4)
    assert _score(executed) == autograded_points(executed)
    release = next((course / "release" / name).glob("*.ipynb"))
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(str(release), str(tmp_path / "r.ipynb"), cwd=str(tmp_path),
                                   progress_bar=False, kernel_name="python3")
    assert info.value.ename == "NotImplementedError"
    nb = nbformat.read(str(release), as_version=4)
    NotebookClient(nb, allow_errors=True, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert _score(nb) == 0
