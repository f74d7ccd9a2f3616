"""nbgrader_sandbox.cli: the instructor's commands on a graded course (feedback, export, bad input)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB = "a1_retention_economics", "retention_economics"


def run(*args):
    return subprocess.run([sys.executable, "-m", "nbgrader_sandbox", *args], capture_output=True, text=True)


def test_feedback_is_generated_and_works_offline(graded, grading):
    course, _, _, _ = graded
    done = run("--course", str(course), "feedback", A1)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (course / "feedback" / "correct" / A1 / f"{A1_NB}.html").read_text()
    assert "https://cdnjs" not in html and "<script src=\"http" not in html
    # The correct submission's autograded score, out of the assignment's maximum (25: 20 + 5 by hand).
    assert "20.0 / 25.0" in html or "20 / 25" in html
    blank = (course / "feedback" / "blank" / A1 / f"{A1_NB}.html").read_text()
    assert "0.0 / 25.0" in blank or "0 / 25" in blank


def test_export_writes_grades_csv(graded, grading, tmp_path):
    import pandas as pd

    course, _, _, _ = graded
    out = tmp_path / "grades.csv"
    done = run("--course", str(course), "export", "--to", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    grades = pd.read_csv(out)
    row = grades[(grades.student_id == "correct") & (grades.assignment == A1)]
    assert float(row["raw_score"].iloc[0]) == grading.A1_TOTAL
    assert float(row["max_score"].iloc[0]) == 25.0


def test_a_folder_without_nbgrader_config_is_refused(tmp_path):
    done = run("--course", str(tmp_path), "status")
    assert done.returncode == 2 and "has no nbgrader_config.py" in done.stderr


def test_a_failing_reference_command_stops_autograde_with_an_error(graded, grading, tmp_path):
    """Bad preparation: a clear message and a non-zero exit; the gradebook keeps its grades."""
    import shutil

    course, _, _, _ = graded
    copy = tmp_path / "grading"
    shutil.copytree(course, copy)
    before = grading.scores(copy, A1)
    with open(copy / "nbgrader_config.py", "a") as f:
        f.write(f"\nc.SandboxedAutograde.reference_command = ['{{python}}', '-c', 'raise SystemExit(3)']\n"
                f"c.SandboxedAutograde.reference_assignments = ['{A1}']\n")
    done = run("--course", str(copy), "autograde", A1, "--workers", "1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "reference command failed" in done.stderr
    assert grading.scores(copy, A1) == before


def test_a_symlinked_virtual_environment_grades_like_the_real_one(fresh_course, grading, tmp_path):
    """A course whose .venv is a symbolic link (e.g. to a shared disk): the kernels start at the link's path."""
    from pathlib import Path

    from nbgrader_sandbox import bubblewrap

    if not bubblewrap.usable()[0]:
        pytest.skip("bubblewrap cannot build a sandbox here: the symlink matters to full isolation only")
    linked = tmp_path / "linked-venv"
    linked.symlink_to(Path(sys.prefix))
    subs = {name: sub for name, sub in grading.a1_submissions(fresh_course).items() if name in ("correct", "blank")}
    grading.write_submissions(fresh_course, subs)
    done = subprocess.run([str(linked / "bin" / "python"), "-m", "nbgrader_sandbox", "--course", str(fresh_course),
                           "autograde", A1, "--workers", "2"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "isolation: full" in done.stdout + done.stderr
    assert grading.scores(fresh_course, A1) == {name: expect.score for name, (_, expect) in subs.items()}
