"""Right answers score even in a damaged submission: a copied test cell, a renamed grade id, a
renamed kernelspec or a loop that ignores SIGINT are graded as far as possible (stock nbgrader
fails the whole submission with "NbGraderException: Please see the the above"), and the report
says what was restored. Bystanders keep their exact scores; one gradebook row per submission."""

from __future__ import annotations

import shutil

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1 = "a1_retention_economics"
STUDENTS = ["copied-test-cell", "renamed-grade-id", "renamed-kernelspec", "sigint-proof-loop"]


@pytest.fixture(scope="module")
def restored(released_course, grading, tmp_path_factory):
    course = tmp_path_factory.mktemp("restore") / "grading"
    shutil.copytree(released_course[0], course)
    every = grading.a1_submissions(course)
    subs = {**grading.restorable_submissions(course), "correct": every["correct"], "off-by-one": every["off-by-one"]}
    expect = grading.write_submissions(course, subs)
    before = grading.hashes(course / "submitted")
    return course, expect, grading.grade(course), before


@pytest.mark.parametrize("student", [*STUDENTS, "correct", "off-by-one"])
def test_damaged_submissions_are_graded_as_far_as_possible(restored, student):
    _, expect, results, _ = restored
    e, r = expect[student], results[student]
    assert (r["status"], r["score"]) == (e.status, e.score), r.get("message") or r.get("log", "")[-3000:]
    assert {k: v for k, v in r["tampered"].items() if v} == e.tampered
    said = " ".join([r.get("message") or "", *r.get("notes", [])])
    assert e.message in said if e.message else said.strip() == ""


def test_one_gradebook_row_each_and_submissions_unchanged(restored, grading):
    course, expect, _, before = restored
    assert grading.scores(course, A1) == {s: e.score for s, e in expect.items()}
    assert grading.hashes(course / "submitted") == before


def test_tests_after_a_stuck_cell_do_not_pass_by_having_no_output(restored):
    import json

    course, _, _, _ = restored
    nb = json.loads((course / "autograded" / "sigint-proof-loop" / A1 / "retention_economics.ipynb").read_text())
    [clv_test] = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "clv_test"]
    assert [o["ename"] for o in clv_test["outputs"] if o["output_type"] == "error"] == ["NotRun"]
