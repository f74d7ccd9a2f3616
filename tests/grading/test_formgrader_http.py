"""The real formgrader on the default SQLite gradebook: what it writes over HTTP survives a re-grade and is exported.

Jupyter Server with nbgrader's formgrader extension serves the course on 127.0.0.1 (see formgrader.py);
one round of hand grading (a manual score for the written answer and an overridden test, every comment,
the flags) goes through its API, then the parallel grader re-grades everything. The PostgreSQL test
(test_postgres_gradebook.py) does the same while grading runs.
"""

from __future__ import annotations

import pytest
from formgrader import Formgrader, Instructor, check_export, expected_totals, export, gradebook_state

STUDENTS = ["correct", "off-by-one"]


@pytest.mark.xdist_group("formgrader")
def test_formgrader_writes_on_sqlite_survive_a_regrade(fresh_course, grading, tmp_path):
    course, assignment = fresh_course, grading.A1
    url = f"sqlite:///{course / 'gradebook.db'}"
    subs = grading.a1_submissions(course)
    grading.write_submissions(course, {s: subs[s] for s in STUDENTS})
    formgrader = Formgrader(course, tmp_path / "formgrader").start()
    try:
        first = grading.grade(course, assignment)
        graded = gradebook_state(url, grading.COURSE_ID, assignment)
        formgrader.wait()
        instructor = Instructor(formgrader, assignment, grading.A1_NB, {"off-by-one": "churn_visible"})
        instructor.one_round()
        instructor.settle_flags()
        again = grading.grade(course, assignment, force=True)
        seen = {nb["student"]: nb for nb in formgrader.submitted_notebooks(assignment, grading.A1_NB)}
    finally:
        left = formgrader.stop()
    assert not left, f"formgrader processes left running: {left}"

    assert {s: r["score"] for s, r in again.items()} == {s: r["score"] for s, r in first.items()}
    state = gradebook_state(url, grading.COURSE_ID, assignment)
    assert {g[:4] for g in state["grades"]} == {g[:4] for g in graded["grades"]}
    manual = {(s, cell): m for s, _, cell, _, m, _ in state["grades"] if m is not None}
    assert manual == instructor.scores and set(manual) == {(s, "myth_answer") for s in STUDENTS} | {
        ("off-by-one", "churn_visible")}
    assert {k: v for k, v in state["comments"].items() if v is not None} == instructor.comments
    assert state["flags"] == instructor.flags == {"correct": True, "off-by-one": False}
    totals = expected_totals(graded["grades"], instructor.scores)
    assert {s: nb["score"] for s, nb in seen.items()} == pytest.approx(totals)
    check_export(export(course), assignment, totals, instructor.scores)
