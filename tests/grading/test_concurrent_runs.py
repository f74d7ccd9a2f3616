"""Two grading runs at once: assignments 1 and 3 of one course, graded by two processes at the same time.

Each run has a hostile submission among correct bystanders (assignment 1: one that signals every
process it can and forks until refused; assignment 3: one that answers with the course's own
functions and fills its memory). Both commands run as the README writes them (``python -m
nbgrader_sandbox --course ... autograde A``), into the same course folder and gradebook. Every
bystander gets its exact score, every submitted file is byte-identical afterwards, and the gradebook
holds exactly one row per submission.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time

import nbformat
import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB, A3, A3_NB = "a1_retention_economics", "retention_economics", "a3_rfm_and_cohorts", "rfm_and_cohorts"

A1_HOSTILE = '''
import os, signal
mine = {os.getpid(), *(int(t) for t in os.listdir("/proc/self/task"))}  # its own threads would end itself
for pid in sorted(int(p) for p in os.listdir("/proc") if p.isdigit()):
    if pid in mine or pid < 2:
        continue
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
children = []
try:
    while len(children) < 500:
        pid = os.fork()
        if pid == 0:
            import time
            time.sleep(30)
            os._exit(0)
        children.append(pid)
except OSError:
    pass
print("forked", len(children))
for pid in children:  # its own later cells need room for threads again
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
'''


def _submissions(grading, course):
    a1 = grading.a1_submissions(course)
    release = nbformat.read(str(course / "release" / A3 / f"{A3_NB}.ipynb"), as_version=4)
    good = grading.solutions(nbformat.read(str(course / "source" / A3 / f"{A3_NB}.ipynb"), as_version=4))
    a3 = grading.ASSIGNMENTS[A3].submissions(course)
    a1_good = grading.solutions(nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4))
    a1_release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    hostile1 = grading.fill(a1_release, {**a1_good, "complaint_answer": a1_good["complaint_answer"] + A1_HOSTILE})
    # answers Part B with the course's rfm_table (hidden from its kernel): loses Parts B and C (15)
    hostile3 = grading.fill(release, {**good, "rfm_answer": "from retention.rfm import rfm_table\nrfm = rfm_table(sales, AS_OF)\n"})
    return {
        A1: {**{s: (a1[s][0], a1[s][1].score) for s in ("correct", "off-by-one", "partially-right")},
             "signals-and-forks": (hostile1, grading.A1_TOTAL)},
        A3: {**{s: (a3[s][0], a3[s][1].score) for s in ("correct", "rows-counted")},
             "answers-with-the-package": (hostile3, grading.ASSIGNMENTS[A3].autograded - 15)},
    }


def test_two_runs_at_once_lose_nothing(released_course, grading, tmp_path):
    source, _ = released_course
    course = tmp_path / "grading"
    shutil.copytree(source, course)
    subs = _submissions(grading, course)
    for assignment, cases in subs.items():
        notebook = A1_NB if assignment == A1 else A3_NB
        grading.write_submissions(course, {s: (nb, grading.Expect(p)) for s, (nb, p) in cases.items()},
                                  assignment, notebook)
    before = grading.hashes(course / "submitted")
    runs = {}
    for assignment in subs:
        timeout = grading.DATA_CELL_TIMEOUT  # no cell loops here
        runs[assignment] = subprocess.Popen(
            [sys.executable, "-m", "nbgrader_sandbox", "--course", str(course), "autograde", assignment,
             "--workers", "1", "--wall", "180", "--cell-timeout", str(timeout), "--isolation", "full"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(0.5)  # both running: assignment 3's data take far longer than this to load
    outputs = {a: p.communicate(timeout=900)[0] for a, p in runs.items()}
    for assignment, proc in runs.items():
        assert proc.returncode == 0, outputs[assignment][-3000:]
    assert grading.hashes(course / "submitted") == before, "submitted files changed"
    for assignment, cases in subs.items():
        scores = grading.scores(course, assignment)
        assert scores == {s: p for s, (_, p) in cases.items()}, outputs[assignment][-3000:]
    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute("SELECT assignment.name, student_id, COUNT(*) FROM submitted_assignment "
                          "JOIN assignment ON assignment.id = submitted_assignment.assignment_id "
                          "GROUP BY assignment.name, student_id").fetchall()
    assert sorted((a, s) for a, s, _ in rows) == sorted((a, s) for a, cases in subs.items() for s in cases)
    assert all(n == 1 for _, _, n in rows), rows
