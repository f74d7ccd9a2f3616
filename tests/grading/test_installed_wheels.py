"""The grader and the course package installed normally (from wheels, not editable) grade a data assignment.

The environment is the project's own, copied with hard links (cheap), with the two editable installs
swapped for wheels built from a copy of the sources; the course sits in a checkout-shaped folder with
``datasets/`` beside ``grading/``. A course whose data folder is missing stops before grading, naming it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

pytestmark = pytest.mark.xdist_group("installed-wheels")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A copy of the project's environment with retention and nbgrader-sandbox installed from wheels: its python."""
    base = tmp_path_factory.mktemp("wheels")
    venv = base / "venv"
    subprocess.run(["cp", "-al", sys.prefix, str(venv)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    for path in [*site.glob("__editable__*"), *site.glob("retention-*.dist-info"),
                 *site.glob("nbgrader_sandbox-*.dist-info")]:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", "grading",
                                                             "notebooks", "book", "tests", "datasets"))
    python = venv / "bin" / "python"
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                           "--no-index", str(src), str(src / "grader")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    where = subprocess.run([str(python), "-c", "import retention, nbgrader_sandbox as g; print(retention.__file__, g.__file__)"],
                           capture_output=True, text=True, cwd=base)
    assert where.returncode == 0 and all(str(site) in p for p in where.stdout.split()), where.stdout + where.stderr
    return python


def _checkout(released_course, tmp_path: Path, grading, with_data: bool = True) -> Path:
    source, _ = released_course
    course = tmp_path / "checkout" / "grading"
    shutil.copytree(source, course)
    if with_data:
        (tmp_path / "checkout" / "datasets").symlink_to(ROOT / "datasets")
    subs = grading.ASSIGNMENTS["a3_rfm_and_cohorts"].submissions(course)
    grading.write_submissions(course, {s: subs[s] for s in ("correct", "cancellations-kept")},
                              "a3_rfm_and_cohorts", "rfm_and_cohorts")
    return course


def _autograde(python: Path, course: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("RETENTION_DATA_DIR", "PYTHONPATH")}
    env["PATH"] = f"{python.parent}:{env.get('PATH', '')}"
    return subprocess.run([str(python), "-m", "nbgrader_sandbox", "--course", str(course), "autograde",
                           "a3_rfm_and_cohorts", "--workers", "2"], capture_output=True, text=True, env=env,
                          cwd=course.parent)


def test_a_wheel_install_grades_a_data_assignment_like_an_editable_one(installed, released_course, grading, tmp_path):
    course = _checkout(released_course, tmp_path, grading)
    done = _autograde(installed, course)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    scores = grading.scores(course, "a3_rfm_and_cohorts")
    expected = grading.ASSIGNMENTS["a3_rfm_and_cohorts"].submissions(course)
    assert scores == {s: expected[s][1].score for s in ("correct", "cancellations-kept")}


def test_a_missing_data_folder_stops_before_grading_with_its_name(installed, released_course, grading, tmp_path):
    course = _checkout(released_course, tmp_path, grading, with_data=False)
    done = _autograde(installed, course)
    assert done.returncode != 0
    assert "do not exist" in done.stderr and str(tmp_path / "checkout" / "datasets") in done.stderr, done.stderr[-2000:]
    assert not (course / "autograded").exists()
