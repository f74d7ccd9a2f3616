"""The course on a PostgreSQL gradebook, for real: a private server, release → autograde → manual grades → export.

Parallel grading runs while another process writes manual grades the way the formgrader does (its grade
handler sets ``manual_score`` on the grade found by id and commits); afterwards no grade is lost or
duplicated, and the autograded scores equal those of the same submissions graded on SQLite. The same
submissions graded on a Dask LocalCluster of two workers (``engine: dask`` in the course configuration,
files shipped as bytes) against PostgreSQL get the same scores again.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from postgres import PrivateServer, binaries

pytestmark = [pytest.mark.skipif(binaries() is None, reason="PostgreSQL's server programs are not installed"),
              pytest.mark.xdist_group("postgres")]

STUDENTS = ["correct", "partially-right", "off-by-one", "blank", "edited-test-cell"]
#: For the Dask run: also a submission that dies, to show that failures come back from the workers too.
DASK_STUDENTS = [*STUDENTS, "kernel-crash"]


@pytest.fixture(scope="module")
def postgres():
    server = PrivateServer().start()
    yield server
    server.stop()


def _release(course: Path, db_url: str, assignment: str) -> None:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    config.CourseDirectory.db_url = db_url
    result = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config).generate_assignment(assignment, force=True)
    assert result["success"], result


def _manual_grader(db_url: str, course_id: str, assignment: str, students: list[str], stop, written) -> None:
    """What the formgrader does on each save: find the grade by id, set manual_score, commit; repeatedly."""
    from nbgrader.api import Gradebook

    rounds = 0
    with Gradebook(db_url, course_id) as gb:
        while not stop.is_set() or rounds == 0:
            for student in students:
                for nb in gb.find_submission(assignment, student).notebooks:
                    for grade in nb.grades:
                        if grade.cell_type == "markdown":
                            same = gb.find_grade_by_id(grade.id)
                            same.manual_score = min(grade.max_score, 1.0 + rounds % 3)
                            gb.db.commit()
                            written[f"{student}/{grade.name}"] = same.manual_score
            rounds += 1
            time.sleep(0.05)


def _rows(db_url: str, course_id: str, assignment: str):
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        subs = gb.assignment_submissions(assignment)
        grades = [(s.student.id, nb.name, g.name, g.auto_score, g.manual_score)
                  for s in subs for nb in s.notebooks for g in nb.grades]
        return sorted(s.student.id for s in subs), grades


def test_postgres_gradebook_loses_nothing_and_matches_sqlite(postgres, grading, tmp_path, monkeypatch):
    from nbgrader_sandbox.autograde import autograde

    course_id, assignment = grading.COURSE_ID, grading.A1
    pg_url = postgres.create("course_pg")
    courses = {}
    for kind, url in (("sqlite", None), ("postgres", pg_url)):
        course = grading.copy_course(grading.COURSE, tmp_path / kind / "grading")
        url = url or f"sqlite:///{course / 'gradebook.db'}"
        _release(course, url, assignment)
        subs = grading.a1_submissions(course)
        grading.write_submissions(course, {s: subs[s] for s in STUDENTS})
        courses[kind] = (course, url)

    sqlite_course, sqlite_url = courses["sqlite"]
    sqlite_scores = {r["student"]: r["score"] for r in autograde(
        str(sqlite_course), assignment, workers=2, wall_seconds=60, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}

    course, url = courses["postgres"]
    monkeypatch.setenv("RETENTION_GRADEBOOK_URL", url)  # how the course's nbgrader_config.py is told
    first = {r["student"]: r["score"] for r in autograde(
        str(course), assignment, workers=2, wall_seconds=60, cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
    assert first == sqlite_scores

    # Re-grade in parallel while the "formgrader" writes manual grades all along.
    ctx = multiprocessing.get_context("spawn")
    stop, manager = ctx.Event(), ctx.Manager()
    written = manager.dict()
    writer = ctx.Process(target=_manual_grader, args=(url, course_id, assignment, STUDENTS, stop, written))
    writer.start()
    try:
        again = {r["student"]: r for r in autograde(str(course), assignment, workers=2, wall_seconds=60, force=True,
                                                   cell_timeout=grading.CELL_TIMEOUT, quiet=True)}
    finally:
        stop.set()
        writer.join(60)
    assert writer.exitcode == 0
    assert {s: r["score"] for s, r in again.items()} == sqlite_scores
    assert all(r["status"] == "ok" for r in again.values()), again

    students, grades = _rows(url, course_id, assignment)
    assert students == sorted(STUDENTS)  # one submission each, none duplicated
    keys = [(s, nb, g) for s, nb, g, *_ in grades]
    assert len(keys) == len(set(keys))
    _, sqlite_grades = _rows(sqlite_url, course_id, assignment)
    assert {k[:4] for k in grades} == {k[:4] for k in sqlite_grades}  # every autograded score, as on SQLite
    manual = {f"{s}/{g}": m for s, _, g, _, m in grades if m is not None}
    assert manual == dict(written) and manual  # the last manual score of every cell survived the re-grade

    env = {**os.environ, "RETENTION_GRADEBOOK_URL": url}
    done = subprocess.run([sys.executable, "-m", "nbgrader_sandbox", "--course", str(course), "export",
                           "--to", "grades.csv"], cwd=course, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    exported = {row["student_id"]: row for row in csv.DictReader(open(course / "grades.csv", encoding="utf-8"))}
    for student in STUDENTS:
        total = sqlite_scores[student] + sum(m for k, m in manual.items() if k.startswith(f"{student}/"))
        assert float(exported[student]["score"]) == pytest.approx(total)
        assert exported[student]["status"] == "ok"


def test_grading_on_a_dask_cluster_gives_the_local_scores_on_postgres(postgres, grading, tmp_path):
    from nbgrader_sandbox.autograde import autograde

    assignment = grading.A1
    courses = {}
    for kind in ("local", "dask"):
        course = grading.copy_course(grading.COURSE, tmp_path / kind / "grading")
        url = postgres.create(f"course_{kind}")
        _release(course, url, assignment)
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
    students, grades = _rows(url, grading.COURSE_ID, assignment)
    assert students == sorted(DASK_STUDENTS)
    assert len({(s, nb, g) for s, nb, g, *_ in grades}) == len(grades)
    for student in ("correct", "off-by-one"):
        assert (course / "autograded" / student / assignment / f"{grading.A1_NB}.ipynb").is_file()
