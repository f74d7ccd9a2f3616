"""Re-grading never leaves a stale or silent result: a failed re-grade records 0 and its status,
keeps the earlier autograded copy aside (and says where), and never touches the instructor's
manual grades or their flags. Bystanders keep their exact scores."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB = "a1_retention_economics", "retention_economics"


def _subs(grading, course, *names):
    every = grading.a1_submissions(course)
    return {name: every[name] for name in names}


def test_a_failed_regrade_records_zero_and_keeps_the_old_copy_aside(fresh_course, grading):
    course = fresh_course
    grading.write_submissions(course, _subs(grading, course, "correct", "off-by-one"))
    first = grading.grade(course)
    assert (first["correct"]["score"], first["off-by-one"]["score"]) == (grading.A1_TOTAL, 17.0)
    # The student resubmits a damaged file; the bystander does not resubmit.
    (course / "submitted" / "correct" / A1 / f"{A1_NB}.ipynb").write_bytes(b'{"cells": [')
    before = grading.hashes(course / "submitted")
    again = grading.grade(course)
    assert again["correct"]["status"] == "error"
    assert grading.scores(course, A1) == {"correct": 0.0, "off-by-one": 17.0}
    kept = course / "reports" / "kept" / A1 / "correct" / f"{A1_NB}.ipynb"
    assert kept.is_file(), "the last good autograded copy is kept, not deleted"
    assert any(str(kept.parent) in note for note in again["correct"]["notes"])
    assert not (course / "autograded" / "correct" / A1).exists()
    report = {row["student"]: row for row in json.loads((course / "reports" / f"autograde-{A1}.json").read_text())}
    assert (report["correct"]["status"], report["correct"]["score"]) == ("error", 0.0)
    assert (report["off-by-one"]["status"], report["off-by-one"]["score"]) == ("ok", 17.0)
    assert grading.hashes(course / "submitted") == before


def test_a_regrade_that_times_out_records_the_timeout_and_zero(fresh_course, grading):
    course = fresh_course
    subs = _subs(grading, course, "correct", "partially-right")
    grading.write_submissions(course, subs)
    assert grading.grade(course)["correct"]["score"] == grading.A1_TOTAL
    loop, _ = grading.a1_submissions(course)["infinite-loop"]
    grading.write_submissions(course, {"correct": (loop, grading.Expect(0.0))})
    again = grading.grade(course, students=["correct"], wall_seconds=8, cell_timeout=60)
    assert again["correct"]["status"] == "timeout"
    assert grading.scores(course, A1) == {"correct": 0.0, "partially-right": 8.0}
    report = {row["student"]: row for row in json.loads((course / "reports" / f"autograde-{A1}.json").read_text())}
    assert report["correct"]["status"] == "timeout" and report["partially-right"]["status"] == "ok"


def test_manual_grades_and_their_flags_survive_a_regrade(fresh_course, grading):
    from nbgrader.api import Gradebook

    course = fresh_course
    grading.write_submissions(course, _subs(grading, course, "correct", "blank"))
    grading.grade(course)
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url, grading.COURSE_ID) as gb:  # what the Formgrader does
        for student, points in (("correct", 4.0), ("blank", 0.0)):
            grade = gb.find_grade("myth_answer", A1_NB, A1, student)
            grade.manual_score, grade.needs_manual_grade = points, False
        override = gb.find_grade("clv_test", A1_NB, A1, "blank")
        override.manual_score, override.needs_manual_grade = 1.0, False
        gb.db.commit()
    grading.grade(course)
    with Gradebook(url, grading.COURSE_ID) as gb:
        flagged = [(g.student.student.id, g.name) for g in gb.db.query(type(override)).all() if g.needs_manual_grade]
        assert flagged == []
        assert gb.find_grade("myth_answer", A1_NB, A1, "correct").manual_score == 4.0
        assert gb.find_grade("clv_test", A1_NB, A1, "blank").manual_score == 1.0
    assert len(grading.scores(course, A1)) == 2


def test_a_manual_grade_saved_while_the_regrade_merges_is_not_flagged_again(fresh_course, grading, tmp_path):
    """The formgrader saves a manual score after the grader's session has read that grade: the merge must not
    mark the cell as waiting for a hand grade again (the database decides, not the session's stale copy)."""
    import shutil

    import sqlalchemy
    from nbgrader.api import Grade, Gradebook
    from nbgrader_sandbox.gradebook import merge_into_gradebook

    course = fresh_course
    grading.write_submissions(course, _subs(grading, course, "correct"))
    grading.grade(course)
    url = f"sqlite:///{course / 'gradebook.db'}"
    # The re-grade's throw-away gradebook: the resubmission has a written answer, which waits for a hand grade.
    shutil.copy(course / "gradebook.db", tmp_path / "regraded.db")
    with Gradebook(f"sqlite:///{tmp_path / 'regraded.db'}", grading.COURSE_ID) as gb:
        gb.find_grade("myth_answer", A1_NB, A1, "correct").needs_manual_grade = True
        gb.db.commit()
    saved = []

    def formgrader_saves(session, *_):  # when the merge writes the grades it has read: the formgrader was faster
        if saved or not any(isinstance(o, Grade) and o.name == "myth_answer" for o in session.dirty):
            return
        with Gradebook(url, grading.COURSE_ID) as formgrader:
            grade = formgrader.find_grade("myth_answer", A1_NB, A1, "correct")
            grade.manual_score, grade.needs_manual_grade = 3.0, False
            formgrader.db.commit()
        saved.append(True)

    with Gradebook(url, grading.COURSE_ID) as grader:
        sqlalchemy.event.listen(grader.db, "before_flush", formgrader_saves)
        merge_into_gradebook(grader, {"assignment": A1, "student": "correct", "success": True,
                                      "db_url": f"sqlite:///{tmp_path / 'regraded.db'}"}, grading.COURSE_ID)
    assert saved
    with Gradebook(url, grading.COURSE_ID) as gb:
        grade = gb.find_grade("myth_answer", A1_NB, A1, "correct")
        assert (grade.manual_score, grade.needs_manual_grade) == (3.0, False)


def run(*args):
    return subprocess.run([sys.executable, "-m", "nbgrader_sandbox", *args], capture_output=True, text=True)


def test_autograde_exits_non_zero_and_names_the_failed_submissions(fresh_course, grading):
    course = fresh_course
    grading.write_submissions(course, _subs(grading, course, "correct", "malformed-json"))
    done = run("--course", str(course), "autograde", A1, "--workers", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "malformed-json: error" in done.stderr and "1 of 2" in done.stderr
    assert grading.scores(course, A1) == {"correct": grading.A1_TOTAL, "malformed-json": 0.0}


@pytest.mark.parametrize("case", ["typo", "unreleased", "nothing-submitted"])
def test_an_assignment_that_cannot_be_graded_is_named_with_the_fix(fresh_course, case):
    import shutil

    course = fresh_course
    name = {"typo": "a1_retention_economic"}.get(case, A1)
    if case == "unreleased":
        shutil.rmtree(course / "release" / A1)
    done = run("--course", str(course), "autograde", name)
    assert done.returncode != 0, done.stdout + done.stderr
    said = done.stderr
    assert "report:" not in done.stdout and not (course / "reports").exists()
    expected = {"typo": ["unknown assignment 'a1_retention_economic'", A1],
                "unreleased": ["not released", f"make release A={A1}"],
                "nothing-submitted": ["no submissions", f"make collect A={A1}"]}[case]
    for phrase in expected:
        assert phrase in said, said
