"""The course on a PostgreSQL gradebook, for real: a private server, release → autograde → formgrader → export.

Parallel grading runs again while the instructor grades by hand in the real formgrader (Jupyter Server
with nbgrader's formgrader extension, on 127.0.0.1, token-authenticated, on the same PostgreSQL
gradebook): manual scores, comments and flags arrive over HTTP all along. Afterwards no grade is lost or
duplicated, what the formgrader wrote last survives the re-grade, the autograded scores equal those of the
same submissions graded on SQLite, and the exports (grades.csv, Canvas, Moodle, per question) show both.
The same submissions graded on a Dask LocalCluster of two workers (``engine: dask`` in the course
configuration, files shipped as bytes) against PostgreSQL get the same scores again.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests
from formgrader import Formgrader, Instructor, check_export, expected_totals, export, gradebook_state
from postgres import PrivateServer, binaries, release

pytestmark = [pytest.mark.skipif(binaries() is None, reason="PostgreSQL's server programs are not installed"),
              pytest.mark.xdist_group("postgres")]

STUDENTS = ["correct", "partially-right", "off-by-one", "blank", "edited-test-cell"]
#: For the Dask run: also a submission that dies, to show that failures come back from the workers too.
DASK_STUDENTS = [*STUDENTS, "kernel-crash"]
#: A test the instructor overrides by hand (full marks) besides grading the written answer.
OVERRIDES = {"off-by-one": "ltv_visible"}


@pytest.fixture(scope="module")
def postgres():
    server = PrivateServer().start()
    yield server
    server.stop()


def test_postgres_gradebook_with_the_formgrader_loses_nothing_and_matches_sqlite(postgres, grading, tmp_path,
                                                                               monkeypatch):
    from nbgrader_sandbox.autograde import autograde

    course_id, assignment = grading.COURSE_ID, grading.A1
    pg_url = postgres.create("course_pg")
    courses = {}
    for kind, url in (("sqlite", None), ("postgres", pg_url)):
        course = grading.copy_course(grading.COURSE, tmp_path / kind / "grading")
        url = url or f"sqlite:///{course / 'gradebook.db'}"
        release(course, url, assignment)
        subs = grading.a1_submissions(course)
        grading.write_submissions(course, {s: subs[s] for s in STUDENTS})
        courses[kind] = (course, url)
    course, url = courses["postgres"]
    # The instructor's formgrader on the PostgreSQL course, told the gradebook the way the course's
    # nbgrader_config.py reads it; it starts while the SQLite course is graded.
    formgrader = Formgrader(course, tmp_path / "formgrader", {"RETENTION_GRADEBOOK_URL": url}).start()
    try:
        sqlite_course, sqlite_url = courses["sqlite"]
        sqlite_scores = {r["student"]: r["score"] for r in autograde(
            str(sqlite_course), assignment, workers=2, wall_seconds=60, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}

        monkeypatch.setenv("RETENTION_GRADEBOOK_URL", url)
        first = {r["student"]: r["score"] for r in autograde(
            str(course), assignment, workers=2, wall_seconds=60, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
        assert first == sqlite_scores

        formgrader.wait()
        notebooks = formgrader.submitted_notebooks(assignment, grading.A1_NB)
        assert sorted(nb["student"] for nb in notebooks) == sorted(STUDENTS)  # it reads the PostgreSQL gradebook
        some_grade = formgrader.grades(notebooks[0]["id"])[-1]
        for headers in ({}, {"Authorization": "token not-the-token"}):  # no write without the token
            refused = requests.put(f"{formgrader.url}/formgrader/api/grade/{some_grade['id']}",
                                   json={"manual_score": 1.0}, headers=headers, timeout=30)
            assert refused.status_code == 403

        # Re-grade in parallel while the instructor grades by hand over HTTP all along ...
        instructor = Instructor(formgrader, assignment, grading.A1_NB, OVERRIDES)
        instructor.busy.set()
        instructor.start()
        try:
            again = {r["student"]: r for r in autograde(str(course), assignment, workers=2, wall_seconds=60,
                                                       force=True, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
        finally:
            instructor.busy.clear()
            instructor.finish()
        # ... then once more, the formgrader idle (its last writes came after the merges above): they survive.
        last = {r["student"]: r for r in autograde(str(course), assignment, workers=2, wall_seconds=60,
                                                  force=True, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
        seen = {nb["student"]: nb for nb in formgrader.submitted_notebooks(assignment, grading.A1_NB)}
    finally:
        left = formgrader.stop()
    assert not left, f"formgrader processes left running: {left}"
    assert formgrader.process.returncode is not None
    assert instructor.during >= 1, "no round of manual grading overlapped the re-grade"

    for run in (again, last):
        assert {s: r["score"] for s, r in run.items()} == sqlite_scores
        assert all(r["status"] == "ok" for r in run.values()), run
    state, sqlite_state = gradebook_state(url, course_id, assignment), gradebook_state(sqlite_url, course_id, assignment)
    assert state["students"] == sorted(STUDENTS)  # one submission each, none duplicated
    keys = [g[:3] for g in state["grades"]]
    assert len(keys) == len(set(keys))
    assert {g[:4] for g in state["grades"]} == {g[:4] for g in sqlite_state["grades"]}  # every autograded score
    # The last manual score, comment and flag the formgrader answered survived the re-grade, and a cell
    # graded by hand is not waiting for a grade again.
    manual = {(s, cell): m for s, _, cell, _, m, _ in state["grades"] if m is not None}
    assert manual == instructor.scores and {cell for _, cell in manual} >= {"myth_answer", "ltv_visible"}
    assert {k: v for k, v in state["comments"].items() if v is not None} == instructor.comments
    assert len(instructor.comments) == 5 * len(STUDENTS) and "思路清楚" in next(iter(instructor.comments.values()))
    assert state["flags"] == instructor.flags
    assert not [g for g in state["grades"] if g[4] is not None and g[5]]

    totals = expected_totals(sqlite_state["grades"], instructor.scores)
    assert {s: nb["score"] for s, nb in seen.items()} == pytest.approx(totals)  # what the formgrader shows
    assert {s: nb["flagged"] for s, nb in seen.items()} == instructor.flags
    assert totals["off-by-one"] > sqlite_scores["off-by-one"]
    check_export(export(course, {"RETENTION_GRADEBOOK_URL": url}), assignment, totals, instructor.scores)


def test_grading_on_a_dask_cluster_gives_the_local_scores_on_postgres(postgres, grading, tmp_path):
    from nbgrader_sandbox.autograde import autograde

    assignment = grading.A1
    courses = {}
    for kind in ("local", "dask"):
        course = grading.copy_course(grading.COURSE, tmp_path / kind / "grading")
        url = postgres.create(f"course_{kind}")
        release(course, url, assignment)
        subs = grading.a1_submissions(course)
        grading.write_submissions(course, {s: subs[s] for s in DASK_STUDENTS})
        courses[kind] = (course, url)
    course, url = courses["local"]
    os.environ["RETENTION_GRADEBOOK_URL"] = url
    try:
        local = {r["student"]: (r["score"], r["status"]) for r in autograde(
            str(course), assignment, workers=2, wall_seconds=60, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
    finally:
        del os.environ["RETENTION_GRADEBOOK_URL"]

    course, url = courses["dask"]
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as fh:
        fh.write('\nc.SandboxedAutograde.engine = "dask"\nc.SandboxedAutograde.workers = 2\n')
    env = {**os.environ, "RETENTION_GRADEBOOK_URL": url}
    done = subprocess.run([sys.executable, "-m", "nbgrader_sandbox", "--course", str(course), "autograde", assignment,
                           "--wall", "60", "--cell-timeout", str(grading.CELL_TIMEOUT)],
                          cwd=course, env=env, capture_output=True, text=True)
    assert "engine: dask (LocalCluster of 2 workers)" in done.stdout, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 1  # the crashed kernel is an error, named
    assert "kernel-crash: error" in done.stderr
    from nbgrader_sandbox.report import read_report

    report = read_report(course, assignment)
    assert {s: (r["score"], r["status"]) for s, r in report.items()} == local
    state = gradebook_state(url, grading.COURSE_ID, assignment)
    assert state["students"] == sorted(DASK_STUDENTS)
    assert len({g[:3] for g in state["grades"]}) == len(state["grades"])
    for student in ("correct", "off-by-one"):
        assert (course / "autograded" / student / assignment / f"{grading.A1_NB}.ipynb").is_file()
