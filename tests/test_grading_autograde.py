"""Parallel, sandboxed autograding of submissions named by intent (one shared run for the module)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import grading_fixtures as gf
from test_grading_course import released_course  # noqa: F401  (session fixture)

pytestmark = pytest.mark.xdist_group("grading")

CELL_TIMEOUT = 5


def hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


DATA_ASSIGNMENTS = {gf.A3: (gf.a3_submissions, gf.A3_NB, gf.A3_TOTAL),
                    gf.A4: (gf.a4_submissions, gf.A4_NB, gf.A4_TOTAL)}


@pytest.fixture(scope="session")
def graded_course(released_course, tmp_path_factory):  # noqa: F811
    """Every fixture submission (assignments 1, 3 and 4), autograded once per assignment by the parallel grader."""
    from retention.grading.autograde import Settings, autograde

    source, _ = released_course
    course = tmp_path_factory.mktemp("graded") / "grading"
    shutil.copytree(source, course)
    expectations = {gf.A1: gf.write_submissions(course, gf.a1_submissions(course))}
    for assignment, (make, notebook, _) in DATA_ASSIGNMENTS.items():
        expectations[assignment] = gf.write_submissions(course, make(course), assignment, notebook)
    before = hashes(course / "submitted")
    settings = Settings(course_root=str(course), workers=2, wall_seconds=60, cell_timeout=CELL_TIMEOUT,
                        quiet=True)
    results = {}
    for assignment in expectations:
        started = time.monotonic()
        results[assignment] = {r["student"]: r for r in autograde(assignment, settings)}
        results[assignment]["__seconds__"] = time.monotonic() - started
    return course, expectations, results, before


@pytest.fixture(scope="session")
def graded(graded_course):
    """Assignment 1's part of :func:`graded_course`: (course, expectations, results, hashes before)."""
    course, expectations, results, before = graded_course
    return course, expectations[gf.A1], {k: v for k, v in results[gf.A1].items() if k != "__seconds__"}, before


STUDENTS = sorted([
    "correct", "blank", "partially-right", "off-by-one", "infinite-loop", "memory-hog", "kernel-crash",
    "edited-test-cell", "deleted-test-cell", "always-equal", "snooper", "malformed-json", "nbformat-3",
    "output-50mb", "wrong-file-name"])


@pytest.mark.parametrize("student", STUDENTS)
def test_each_submission_gets_its_expected_result(graded, student):
    _, expectations, results, _ = graded
    expect, result = expectations[student], results[student]
    assert result["status"] == expect.status, result.get("message") or result.get("log", "")[-2000:]
    assert result["score"] == expect.score
    assert result["max_score"] == gf.A1_TOTAL
    said = " ".join([result.get("message") or "", *result.get("notes", [])])
    assert expect.message in said
    if expect.status != "ok":
        assert " · " in result["message"], "errors are explained in both languages"
    for kind, cells in expect.tampered.items():
        assert result["tampered"][kind] == cells


DATA_CASES = [(a, s) for a, (make, _, _) in DATA_ASSIGNMENTS.items()
              for s in {gf.A3: ["correct", "blank", "cancellations-kept", "rows-counted", "partially-right"],
                        gf.A4: ["correct", "blank", "future-data", "window-ignored"]}[a]]


@pytest.mark.parametrize("assignment,student", DATA_CASES, ids=[f"{a[:2]}-{s}" for a, s in DATA_CASES])
def test_data_assignment_submissions_get_their_expected_scores(graded_course, assignment, student):
    _, expectations, results, _ = graded_course
    expect, result = expectations[assignment][student], results[assignment][student]
    assert set(expectations[assignment]) == {s for a, s in DATA_CASES if a == assignment}
    assert result["status"] == expect.status, result.get("message") or result.get("log", "")[-2000:]
    assert result["score"] == expect.score, result.get("log", "")[-2000:]
    assert result["max_score"] == DATA_ASSIGNMENTS[assignment][2]


def test_data_assignments_grade_in_a_few_seconds(graded_course):
    """Each data submission (load 541,909 lines, clean, reference checks) grades in seconds, not minutes."""
    _, _, results, _ = graded_course
    for assignment in DATA_ASSIGNMENTS:
        seconds = [r["seconds"] for s, r in results[assignment].items() if s != "__seconds__"]
        assert max(seconds) < 30, (assignment, seconds)


def test_every_submission_is_in_the_gradebook_once(graded_course):
    course, expectations, _, _ = graded_course
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "cbec-retention") as gb:
        for assignment, expected in expectations.items():
            rows = gb.submission_dicts(assignment)
            assert sorted(r["student"] for r in rows) == sorted(expected)
            scores = {r["student"]: r["code_score"] for r in rows}
            assert scores == {s: e.score for s, e in expected.items()}, assignment


def test_submissions_are_byte_identical_afterwards(graded):
    course, _, _, before = graded
    assert hashes(course / "submitted") == before


def test_student_code_cannot_see_the_course_or_the_network_or_change_grades(graded):
    course, _, results, _ = graded
    nb = json.loads((course / "autograded" / "snooper" / gf.A1 / f"{gf.A1_NB}.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "WROTE GRADEBOOK" not in printed and "NETWORK OPEN" not in printed
    assert "'../../../gradebook.db': False" in printed and "'../../../source': False" in printed
    assert f"'{course / 'source'}': False" in printed
    assert "no network" in printed
    with sqlite3.connect(course / "gradebook.db") as con:
        assert con.execute("SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL").fetchone()[0] == 0
    assert results["snooper"]["isolation"] == "full"


def test_hidden_tests_are_restored_and_ran(graded):
    course, _, _, _ = graded
    text = (course / "autograded" / "correct" / gf.A1 / f"{gf.A1_NB}.ipynb").read_text()
    assert "lifetime_value(11, 11, 11)" in text  # a hidden test, injected by nbgrader at autograde time


def test_scores_match_stock_sequential_nbgrader(released_course, graded, tmp_path):  # noqa: F811
    source, _ = released_course
    _, expectations, results, _ = graded
    course = tmp_path / "grading"
    shutil.copytree(source, course)
    subs = {k: v for k, v in gf.a1_submissions(course).items() if v[1].stock_comparable}
    gf.write_submissions(course, subs)
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", gf.A1, "--force",
                    f"--Execute.timeout={CELL_TIMEOUT}"], cwd=course, capture_output=True, check=False)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "cbec-retention") as gb:
        stock = {r["student"]: r["code_score"] for r in gb.submission_dicts(gf.A1)}
    assert stock == {s: results[s]["score"] for s in subs}


def test_kernels_come_from_the_fork_server_and_spawning_gives_the_same_results(graded, tmp_path):
    """The default run forks kernels from a warm server; spawning each kernel (the fallback) scores the same."""
    from retention.grading.autograde import Settings, autograde

    course, expectations, results, _ = graded
    assert {r["kernels"] for r in results.values() if r.get("seconds", 0) and "kernels" in r} == {"forked"}
    students = ["correct", "off-by-one", "kernel-crash"]
    copy = tmp_path / "grading"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("autograded", "feedback", "reports"))
    settings = Settings(course_root=str(copy), workers=2, wall_seconds=60, cell_timeout=CELL_TIMEOUT, quiet=True,
                        forkserver=False)
    spawned = {r["student"]: r for r in autograde(gf.A1, settings, students=students)}
    for student in students:
        assert spawned[student]["kernels"] == "spawned"
        assert (spawned[student]["status"], spawned[student]["score"]) == (results[student]["status"],
                                                                            results[student]["score"])


def test_feedback_is_generated_and_works_offline(graded):
    course, _, _, _ = graded
    code = subprocess.run([sys.executable, "-m", "retention.grading", "--course", str(course), "feedback", gf.A1],
                          capture_output=True, text=True)
    assert code.returncode == 0, code.stdout + code.stderr
    html = (course / "feedback" / "correct" / gf.A1 / f"{gf.A1_NB}.html").read_text()
    assert "https://cdnjs" not in html and "<script src=\"http" not in html
    assert "20.0 / 20.0" in html or "20 / 20" in html or "/ 25" in html


def test_export_writes_grades_csv(graded, tmp_path):
    course, _, _, _ = graded
    out = tmp_path / "grades.csv"
    code = subprocess.run([sys.executable, "-m", "retention.grading", "--course", str(course), "export",
                           "--to", str(out)], capture_output=True, text=True)
    assert code.returncode == 0, code.stdout + code.stderr
    import pandas as pd

    grades = pd.read_csv(out)
    row = grades[(grades.student_id == "correct") & (grades.assignment == gf.A1)]
    assert float(row["raw_score"].iloc[0]) == gf.A1_TOTAL
