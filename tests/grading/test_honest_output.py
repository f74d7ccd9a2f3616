"""What the grader writes is fair and safe to hand out: warnings cost no points, outputs are capped
by bytes, feedback shows neither hidden tests nor the grader's paths (unless asked), grades.csv
says which submissions failed and which are missing."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB = "a1_retention_economics", "retention_economics"
HIDDEN = "lifetime_value(11, 11, 11)"  # a line of the hidden test ltv_hidden


def text_of(page: str) -> str:
    """What a reader of the HTML sees (code is split into highlighting spans)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", page))


def run(*args):
    return subprocess.run([sys.executable, "-m", "nbgrader_sandbox", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def output_course(released_course, grading, tmp_path_factory):
    """Graded once: a correct answer that warns, one that prints a 5 MB line, a wrong one, a damaged file."""
    import shutil

    course = tmp_path_factory.mktemp("output") / "grading"
    shutil.copytree(released_course[0], course)
    every = grading.a1_submissions(course)
    correct, _ = every["correct"]
    good = grading.solutions(__import__("nbformat").read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), 4))
    warns = ("import sys, warnings\n" + good["clv_answer"] + "\n_clv = clv\n"
             "def clv(*args):\n    warnings.warn('clv: deprecated spelling', UserWarning)\n"
             "    print('a note on stderr', file=sys.stderr)\n    return _clv(*args)\n")
    subs = {
        "warns": (grading.fill(correct, {"clv_answer": warns}), grading.Expect(grading.A1_TOTAL)),
        "huge-line": (grading.fill(correct, {"complaint_answer": good["complaint_answer"] + "\nprint('x' * 5_000_000)\n"}),
                      grading.Expect(grading.A1_TOTAL)),
        # Fails clv_test with a traceback through pandas: absolute paths the feedback must not show.
        "library-traceback": (grading.fill(correct, {"clv_answer": "import pandas as pd\ndef clv(*args):\n"
                                                                   "    return pd.DataFrame({'a': [1]}).loc['nope']\n"}),
                              grading.Expect(grading.A1_TOTAL - 4)),
        "off-by-one": every["off-by-one"],
        "malformed-json": every["malformed-json"],
    }
    expect = grading.write_submissions(course, subs)
    before = grading.hashes(course / "submitted")
    results = grading.grade(course)
    return course, expect, results, before


def test_warnings_cost_no_points_and_outputs_are_capped_by_bytes(output_course, grading):
    course, expect, results, before = output_course
    assert {s: r["score"] for s, r in results.items()} == {s: e.score for s, e in expect.items()}
    assert grading.scores(course, A1) == {s: e.score for s, e in expect.items()}
    autograded = course / "autograded" / "warns" / A1 / f"{A1_NB}.ipynb"
    assert "clv: deprecated spelling" in autograded.read_text(), "the warning is still shown"
    huge = course / "autograded" / "huge-line" / A1 / f"{A1_NB}.ipynb"
    assert huge.stat().st_size < 500_000 and "output truncated" in huge.read_text()
    assert grading.hashes(course / "submitted") == before


def test_feedback_hides_hidden_tests_and_paths_unless_asked(output_course, grading):
    course, _, _, _ = output_course
    done = run("--course", str(course), "feedback", A1)
    assert done.returncode == 0, done.stdout + done.stderr
    wrong = text_of((course / "feedback" / "off-by-one" / A1 / f"{A1_NB}.html").read_text())
    assert HIDDEN not in wrong and "a hidden test failed" in wrong
    autograded = (course / "autograded" / "library-traceback" / A1 / f"{A1_NB}.ipynb").read_text()
    assert "site-packages/pandas" in autograded, "the instructor's copy keeps the full traceback"
    assert "pandas/core" in text_of((course / "feedback" / "library-traceback" / A1 / f"{A1_NB}.html").read_text())
    for student in ("off-by-one", "warns", "huge-line", "library-traceback"):
        html = text_of((course / "feedback" / student / A1 / f"{A1_NB}.html").read_text())
        assert str(course) not in html and sys.prefix not in html and "/tmp/" not in html, student
        assert len(html) < 2_000_000, student
    done = run("--course", str(course), "feedback", A1, "--show-hidden-tests")
    assert done.returncode == 0, done.stdout + done.stderr
    assert HIDDEN in text_of((course / "feedback" / "off-by-one" / A1 / f"{A1_NB}.html").read_text())


def test_grades_csv_has_names_and_a_status_per_submission(output_course, grading, tmp_path):
    from nbgrader.api import Gradebook

    course, _, _, _ = output_course
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", grading.COURSE_ID) as gb:
        gb.update_or_create_student("absent", first_name="Ada", last_name="Lovelace, Jr")
        gb.update_or_create_student("warns", first_name="Wang", last_name="Fang")
    out = tmp_path / "grades.csv"
    done = run("--course", str(course), "export", "--to", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {r["student_id"]: r for r in csv.DictReader(out.open(encoding="utf-8")) if r["assignment"] == A1}
    assert {s: r["status"] for s, r in rows.items()} == {
        "warns": "ok", "huge-line": "ok", "off-by-one": "ok", "library-traceback": "ok", "malformed-json": "error",
        "absent": "missing"}
    assert (rows["absent"]["last_name"], rows["warns"]["first_name"]) == ("Lovelace, Jr", "Wang")
    assert float(rows["warns"]["raw_score"]) == grading.A1_TOTAL
    assert "JSON" in rows["malformed-json"]["message"]


def test_lms_grade_files_and_the_question_report_agree_with_the_gradebook(output_course, grading, tmp_path):
    from nbgrader.api import Gradebook

    course, _, _, _ = output_course
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", grading.COURSE_ID) as gb:
        gb.update_or_create_student("absent", first_name="Ada", last_name="Lovelace, Jr")
    out = tmp_path / "grades.csv"
    done = run("--course", str(course), "export", "--to", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", grading.COURSE_ID) as gb:
        totals = {s.student.id: s.score for s in gb.assignment_submissions(A1)}
        cells = {(nb.name, g.name): g.max_score for s in gb.assignment_submissions(A1) for nb in s.notebooks
                 for g in nb.grades}
        maximum = gb.find_assignment(A1).max_score
    canvas = list(csv.reader((tmp_path / "grades-canvas.csv").open(encoding="utf-8")))
    assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    column = canvas[0].index(A1)
    assert canvas[1][0].strip() == "Points Possible" and float(canvas[1][column]) == maximum
    by_id = {row[2]: row[column] for row in canvas[2:]}
    assert {s: float(v) for s, v in by_id.items() if v} == totals
    assert by_id["absent"] == ""  # no submission: left empty, not 0
    moodle = {r["ID number"]: r for r in csv.DictReader((tmp_path / "grades-moodle.csv").open(encoding="utf-8"))}
    assert {s: float(r[f"Assignment: {A1} (Real)"]) for s, r in moodle.items() if r[f"Assignment: {A1} (Real)"]} \
        == totals
    questions = [r for r in csv.DictReader((tmp_path / "grades-questions.csv").open(encoding="utf-8"))
                 if r["assignment"] == A1]
    assert {(r["notebook"], r["cell"]) for r in questions} == set(cells)
    for r in questions:
        groups = [set(r[k].split()) for k in ("students_full", "students_partial", "students_zero")]
        assert sum(map(len, groups)) == int(r["graded"]) and not set.intersection(*groups)
        if int(r["graded"]):
            assert float(r["full_marks_share"]) == pytest.approx(len(groups[0]) / int(r["graded"]), abs=1e-3)
    # off-by-one misses hidden tests, so it is not among the full marks of every autograded cell
    assert any("off-by-one" in r["students_zero"] + r["students_partial"] for r in questions if r["kind"] == "auto")
