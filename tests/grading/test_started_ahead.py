"""Kernels started ahead: with full isolation a worker starts its next submission's kernel while it
grades the current one (autograde.start_ahead), so the kernel's sandbox is built before nbgrader has
filled the working folder, from a staged copy of what nbgrader will put there.

Shown from the outside, on graded notebooks: a kernel started ahead sees exactly the files a kernel
started on time sees; a worker's consecutive kernels never share a user id; and when the grader kills
a worker, the submission whose kernel it had started ahead is graded afresh with its right score.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import A1, A1_NB, A1_TOTAL, HOSTILE_LIMITS, a1_hostile_submissions

pytestmark = pytest.mark.xdist_group("grading")

PROBE = '''
import hashlib, os
for folder, _, names in sorted(os.walk(".")):
    for name in sorted(names):
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as f:
                print("VIEW", path, hashlib.sha256(f.read()).hexdigest()[:16])
        except OSError as error:
            print("VIEW", path, type(error).__name__)
print("UID", os.getuid())
'''


def printed(course: Path, student: str, word: str) -> list[str]:
    """The lines starting with ``word`` that the student's autograded notebook printed."""
    nb = json.loads((course / "autograded" / student / A1 / f"{A1_NB}.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    return [line for line in text.splitlines() if line.startswith(word + " ")]


def probed(course: Path, grading, students: list[str]) -> None:
    """Correct notebooks that print their working folder and user id, with an extra file, a sub-folder,
    and a file of the assignment's source that nbgrader copies over the student's own."""
    release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    good = grading.solutions(nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4))
    nb = grading.fill(release, {**good, "complaint_answer": good["complaint_answer"] + "\n" + PROBE})
    grading.write_submissions(course, {s: (nb, None) for s in students})
    (course / "source" / A1 / "rates.txt").write_text("the instructor's rates\n")
    for student in students:
        folder = course / "submitted" / student / A1
        (folder / "notes.txt").write_text(f"{student}'s notes\n")
        (folder / "rates.txt").write_text("the student's own rates\n")
        (folder / "data").mkdir()
        (folder / "data" / "extra.csv").write_text("a,b\n1,2\n")


@pytest.fixture(scope="module")
def ahead_and_on_time(released_course, grading, tmp_path_factory):
    """The same three probing submissions graded by one worker, with kernels started ahead and without."""
    source, _ = released_course
    students = ["p1", "p2", "p3"]
    runs = {}
    for name, overrides in (("ahead", {}), ("on time", {"forkserver": False})):
        course = tmp_path_factory.mktemp("ahead") / "grading"
        shutil.copytree(source, course)
        probed(course, grading, students)
        runs[name] = course, grading.grade(course, workers=1, isolation="full", **overrides)
    return students, runs


def test_a_kernel_started_ahead_sees_what_a_kernel_started_on_time_sees(ahead_and_on_time):
    students, runs = ahead_and_on_time
    (ahead, got_ahead), (on_time, got_on_time) = runs["ahead"], runs["on time"]
    assert [got_ahead[s]["kernels"] for s in students] == ["spawned", "started ahead", "started ahead"]
    assert {got_on_time[s]["kernels"] for s in students} == {"spawned"}
    for student in students:
        assert (got_ahead[student]["status"], got_ahead[student]["score"]) == ("ok", A1_TOTAL)
        assert got_on_time[student]["score"] == A1_TOTAL
        view = printed(ahead, student, "VIEW")
        assert view == printed(on_time, student, "VIEW") and len(view) >= 4, view
        files = {line.split()[1]: line.split()[2] for line in view}
        assert {"./notes.txt", "./data/extra.csv", "./rates.txt", f"./{A1_NB}.ipynb"} <= set(files)
        assert files["./rates.txt"] == hashlib.sha256(b"the instructor's rates\n").hexdigest()[:16]  # nbgrader's copy
        assert files[f"./{A1_NB}.ipynb"] == "PermissionError"  # the notebook with the hidden tests: unreadable


def test_a_workers_consecutive_kernels_never_share_a_user_id(ahead_and_on_time):
    students, runs = ahead_and_on_time
    course, _ = runs["ahead"]
    uids = [printed(course, s, "UID") for s in students]
    assert all(len(u) == 1 for u in uids), uids
    uids = [int(u[0].split()[1]) for u in uids]
    assert uids[0] != uids[1] and uids[1] != uids[2], uids  # p2's kernel was alive while p1 was graded


def test_a_submission_started_ahead_is_graded_afresh_when_its_worker_is_killed(fresh_course, grading):
    """The first submission fills its run folder, so the grader kills the worker; the kernel it had
    started ahead for the second dies with it, and the second is then graded from scratch."""
    hostile = a1_hostile_submissions(fresh_course, grading.COURSE.parent)
    ordinary = grading.a1_submissions(fresh_course)
    grading.write_submissions(fresh_course, {"a-fills-run-folder": hostile["fills-run-folder"],
                                             "b-correct": ordinary["correct"], "c-off-by-one": ordinary["off-by-one"]})
    results = grading.grade(fresh_course, workers=1, isolation="full", wall_seconds=120, **HOSTILE_LIMITS)
    assert results["a-fills-run-folder"]["worker_exit"] == "killed by the grader (run folder full)"
    assert (results["b-correct"]["status"], results["b-correct"]["score"]) == ("ok", A1_TOTAL)
    assert results["b-correct"]["kernels"] == "spawned"  # its kernel started ahead died with the worker
    assert (results["c-off-by-one"]["status"], results["c-off-by-one"]["score"]) == ("ok", 17.0)
    assert len(results) == 3
