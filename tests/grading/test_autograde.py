"""nbgrader_sandbox.autograde: parallel, sandboxed autograding of submissions named by intent.

One shared run per assignment (the ``graded_course`` fixture); every grade is the one the fixture
expects, the same as stock sequential ``nbgrader autograde`` where that can run the submission.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1 = "a1_retention_economics"
A1_NB = "retention_economics"
A3, A4 = "a3_rfm_and_cohorts", "a4_churn_case_study"
STUDENTS = sorted([
    "correct", "blank", "partially-right", "off-by-one", "infinite-loop", "memory-hog", "kernel-crash",
    "edited-test-cell", "deleted-test-cell", "always-equal", "snooper", "malformed-json", "nbformat-3",
    "output-50mb", "wrong-file-name"])
DATA_CASES = [(A3, s) for s in ["correct", "blank", "cancellations-kept", "rows-counted", "partially-right"]] + \
             [(A4, s) for s in ["correct", "blank", "future-data", "window-ignored"]]


@pytest.mark.parametrize("student", STUDENTS)
def test_each_submission_gets_its_expected_result(graded, grading, student):
    _, expectations, results, _ = graded
    assert sorted(expectations) == STUDENTS
    expect, result = expectations[student], results[student]
    assert result["status"] == expect.status, result.get("message") or result.get("log", "")[-2000:]
    assert result["score"] == expect.score
    assert result["max_score"] == grading.A1_TOTAL
    said = " ".join([result.get("message") or "", *result.get("notes", [])])
    if expect.message:
        assert expect.message in said
    else:
        assert said.strip() == "", "a clean submission gets no message or note"
    if expect.status != "ok":
        assert " · " in result["message"], "errors are explained in both languages"
    assert {k: v for k, v in result["tampered"].items() if v} == expect.tampered


@pytest.mark.parametrize("assignment,student", DATA_CASES, ids=[f"{a[:2]}-{s}" for a, s in DATA_CASES])
def test_data_assignment_submissions_get_their_expected_scores(graded_course, grading, assignment, student):
    _, expectations, results, _ = graded_course
    expect, result = expectations[assignment][student], results[assignment][student]
    assert set(expectations[assignment]) == {s for a, s in DATA_CASES if a == assignment}
    assert result["status"] == expect.status, result.get("message") or result.get("log", "")[-2000:]
    assert result["score"] == expect.score, result.get("log", "")[-2000:]
    assert result["max_score"] == grading.ASSIGNMENTS[assignment].autograded


def test_every_submission_is_in_the_gradebook_once(graded_course, grading):
    course, expectations, _, _ = graded_course
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", grading.COURSE_ID) as gb:
        for assignment, expected in expectations.items():
            rows = gb.submission_dicts(assignment)
            assert sorted(r["student"] for r in rows) == sorted(expected)
    for assignment, expected in expectations.items():
        assert grading.scores(course, assignment) == {s: e.score for s, e in expected.items()}, assignment


def test_submissions_are_byte_identical_afterwards(graded, grading):
    course, _, _, before = graded
    assert grading.hashes(course / "submitted") == before


def test_student_code_cannot_see_the_course_or_the_network_or_change_grades(graded, loopback_listener):
    """The snooper's notebook names the installed, unsandboxed kernel "python3" (as every released
    notebook does): the grader's own kernel spec (Execute.kernel_name) keeps it in the sandbox. Its
    connection attempt goes to a listener on the host's 127.0.0.1, which sees nothing arrive."""
    course, _, results, _ = graded
    nb = json.loads((course / "submitted" / "snooper" / A1 / f"{A1_NB}.ipynb").read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    nb = json.loads((course / "autograded" / "snooper" / A1 / f"{A1_NB}.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "WROTE GRADEBOOK" not in printed and "NETWORK OPEN" not in printed
    assert "'../../../gradebook.db': False" in printed and "'../../../source': False" in printed
    assert f"'{course / 'source'}': False" in printed
    assert "no network" in printed
    assert loopback_listener.connections() == 0
    with sqlite3.connect(course / "gradebook.db") as con:
        assert con.execute("SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL").fetchone()[0] == 0
    assert results["snooper"]["isolation"] == "full"


def test_hidden_tests_are_restored_and_ran(graded):
    course, _, _, _ = graded
    text = (course / "autograded" / "correct" / A1 / f"{A1_NB}.ipynb").read_text()
    assert "ltv_stays=ltv_stays, ltv_uplift=ltv_uplift" in text  # a hidden test, injected by nbgrader at autograde time


def test_scores_match_stock_sequential_nbgrader(released_course, graded, grading, tmp_path):
    source, _ = released_course
    _, _, results, _ = graded
    course = tmp_path / "grading"
    shutil.copytree(source, course)
    subs = {k: v for k, v in grading.a1_submissions(course).items() if v[1].stock_comparable}
    assert len(subs) >= 10
    grading.write_submissions(course, subs)
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", A1, "--force",
                    f"--Execute.timeout={grading.CELL_TIMEOUT}"], cwd=course, capture_output=True, check=False)
    assert grading.scores(course, A1) == {s: results[s]["score"] for s in subs}


def test_kernels_come_from_the_fork_server_and_spawning_gives_the_same_results(graded, grading, tmp_path):
    """In the bubblewrap sandbox a worker's first kernel is spawned and each next one started ahead,
    while it grades the one before; with isolation degraded the default run forks them from a warm
    server. Spawning each kernel when its turn comes (the fallback) scores the same."""
    from nbgrader_sandbox.autograde import autograde

    course, _, results, _ = graded
    graded_here = [r for r in results.values() if r.get("seconds")]
    full = results["correct"]["isolation"] == "full"
    kinds = [r["kernels"] for r in graded_here if "kernels" in r]
    if full:
        assert set(kinds) == {"spawned", "started ahead"} and kinds.count("started ahead") > kinds.count("spawned")
    else:
        assert set(kinds) == {"forked"}
    students = ["correct", "off-by-one", "kernel-crash"]
    copy = tmp_path / "grading"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("autograded", "feedback", "reports"))
    spawned = {r["student"]: r for r in autograde(str(copy), A1, students=students, workers=2, wall_seconds=60,
                                                   cell_timeout=grading.CELL_TIMEOUT, quiet=True, forkserver=False)}
    for student in students:
        assert spawned[student]["kernels"] == "spawned"
        assert (spawned[student]["status"], spawned[student]["score"]) == (results[student]["status"],
                                                                            results[student]["score"])


def test_reference_results_are_prepared_once_and_read_only_in_the_sandbox(released_course, grading, tmp_path):
    """a3's reference file: written before grading, readable by the kernel, neither writable nor changeable."""
    from nbgrader_sandbox.autograde import autograde

    source, _ = released_course
    course = tmp_path / "grading"
    shutil.copytree(source, course)
    a3 = grading.ASSIGNMENTS[A3]
    nb, _ = a3.submissions(course)["correct"]
    probe = ('\nimport os\npath = os.environ["RETENTION_ASSIGNMENT_REFERENCE"]\n'
             'print("reference readable", os.access(path, os.R_OK))\n'
             'for name, attempt in [("write", lambda: open(path, "ab").close()), ("chmod", lambda: os.chmod(path, 0o666)),\n'
             '                      ("replace", lambda: os.replace(path, path + ".x"))]:\n'
             '    try:\n        attempt()\n        print("REFERENCE", name.upper(), "ALLOWED")\n'
             '    except OSError as error:\n        print("blocked", name, type(error).__name__)\n')
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "clean_answer":
            cell.source += probe
    grading.write_submissions(course, {"probe": (nb, grading.Expect(a3.autograded))}, A3, a3.notebook)
    [result] = autograde(str(course), A3, workers=1, wall_seconds=240, cell_timeout=grading.DATA_CELL_TIMEOUT, quiet=True)
    assert (result["status"], result["score"]) == ("ok", a3.autograded), result.get("log", "")[-2000:]
    out = json.loads((course / "autograded" / "probe" / A3 / f"{a3.notebook}.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) for c in out["cells"] for o in c.get("outputs", []))
    assert "reference readable True" in printed
    assert "ALLOWED" not in printed
    assert printed.count("blocked ") == 3
