"""The committed nbgrader source notebooks in grading/source/ (edited in JupyterLab's Create Assignment view).

These are the authoring rules: nbgrader metadata schema 3, bilingual prose and test-cell comments,
the points stated in the text equal to the cells' points (and to what nbgrader releases), no data
paths, solutions that pass and released versions that fail.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from retention.bilingual import check_notebook

pytestmark = pytest.mark.xdist_group("grading")

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "grading"
SOURCES = sorted((COURSE / "source").glob("*/*.ipynb"))
ASSIGNMENTS = [p.parent.name for p in SOURCES]
CJK = re.compile(r"[\u4e00-\u9fff]")
SOFT_BREAK = re.compile(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[^\x00-\x7f])")


def nbgrader_cells(nb):
    return [c for c in nb.cells if "nbgrader" in c.metadata]


def autograded_points(nb) -> float:
    return sum(c.metadata.nbgrader["points"] for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def all_points(nb) -> float:
    return sum(c.metadata.nbgrader.get("points", 0) for c in nbgrader_cells(nb) if c.metadata.nbgrader.get("grade")
               or c.metadata.nbgrader.get("task"))


def stated_points(nb, lang: str) -> tuple[float, float | None]:
    """(total, autograded or None) as the introduction in ``lang`` states them."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("lang") == lang)
    if lang == "en":
        total = re.search(r"\*\*Total: (\d+) points\*\*", text)
        auto = re.search(r"(\d+) points autograded", text)
    else:
        total = re.search(r"\*\*总分：(\d+) 分\*\*", text)
        auto = re.search(r"自动评分 (\d+) 分", text)
    assert total, f"the {lang} introduction must state the total points"
    return float(total.group(1)), float(auto.group(1)) if auto else None


def test_course_follows_nbgraders_layout():
    assert (COURSE / "nbgrader_config.py").is_file()
    ignored = (COURSE / ".gitignore").read_text().split()
    for name in ("release/", "submitted/", "autograded/", "feedback/", "gradebook.db"):
        assert name in ignored
    assert len(ASSIGNMENTS) >= 4
    assert not (COURSE / "build_sources.py").exists(), "the source notebooks are the source"
    for extra in ("release", "submitted", "autograded", "feedback"):
        tracked = subprocess.run(["git", "ls-files", f"grading/{extra}"], cwd=ROOT, capture_output=True, text=True)
        assert tracked.stdout == ""


@pytest.mark.parametrize("path", SOURCES, ids=ASSIGNMENTS)
def test_source_notebook_authoring_rules(path):
    nb = nbformat.read(str(path), as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb.cells if c.cell_type == "code"), "commit without outputs"
    cells = nbgrader_cells(nb)
    assert all(c.metadata.nbgrader["schema_version"] == 3 for c in cells)
    ids = [c.metadata.nbgrader["grade_id"] for c in cells]
    assert len(ids) == len(set(ids)), "grade ids are unique"
    tests = [c for c in cells if c.metadata.nbgrader["grade"] and c.cell_type == "code"]
    assert tests
    for cell in tests:
        first = cell.source.splitlines()[0]
        assert first.startswith("# Checks") and " · " in first and CJK.search(first.split(" · ", 1)[1]), first
    for cell in cells:
        meta = cell.metadata.nbgrader
        if meta["locked"] and cell.cell_type == "code":  # set-up and test cells: students cannot change them
            assert cell.metadata.get("deletable") is False and cell.metadata.get("editable") is False, meta["grade_id"]
    assert nb.metadata.kernelspec.name == "python3"
    for cell in nb.cells:  # a line break between Chinese characters would show as a space
        if cell.metadata.get("lang") == "zh-Hans":
            assert not SOFT_BREAK.search(cell.source), cell.source[:80]
    prose = nbformat.from_dict({**nb, "cells": [c for c in nb.cells
                                                if not c.metadata.get("nbgrader", {}).get("solution")]})
    assert check_notebook(prose) == []
    text = json.dumps(nb)
    assert "../" not in text and "datasets/" not in text, "load data through retention.data, not paths"
    assert "retention.grading" not in text, "test cells import from retention.assignments"


@pytest.mark.parametrize("path", SOURCES, ids=ASSIGNMENTS)
def test_points_stated_in_both_languages_match_the_cells(path):
    nb = nbformat.read(str(path), as_version=4)
    for lang in ("en", "zh-Hans"):
        total, auto = stated_points(nb, lang)
        assert all_points(nb) == total, f"{lang}: the text says {total:g} points, the cells add up to {all_points(nb):g}"
        if auto is not None:
            assert autograded_points(nb) == auto, f"{lang}: autograded points in the text and the cells differ"
    assert stated_points(nb, "en")[1] is not None, "the English text states the autograded points"


def test_released_maximum_equals_the_stated_total(released_course):
    """What nbgrader records at release (the gradebook's maximum) is what the text promises."""
    from nbgrader.api import Gradebook

    course, _ = released_course
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "cbec-retention") as gb:
        for path in SOURCES:
            nb = nbformat.read(str(path), as_version=4)
            assert gb.find_assignment(path.parent.name).max_score == stated_points(nb, "en")[0], path


def test_generate_assignment_works_for_every_assignment(released_course):
    course, results = released_course
    assert sorted(results) == sorted(ASSIGNMENTS)
    for name, result in results.items():
        assert result["success"], result.get("error") or result.get("log")
        release = course / "release" / name
        assert list(release.glob("*.ipynb"))
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
    assert _score(executed) == autograded_points(executed) > 0
    release = next((course / "release" / name).glob("*.ipynb"))
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(str(release), str(tmp_path / "r.ipynb"), cwd=str(tmp_path),
                                   progress_bar=False, kernel_name="python3")
    assert info.value.ename == "NotImplementedError"
    nb = nbformat.read(str(release), as_version=4)
    NotebookClient(nb, allow_errors=True, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert _score(nb) == 0
