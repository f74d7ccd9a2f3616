"""The ZIP route (`make collect A=… ZIP=1`): LMS downloads in downloaded/<assignment>/archive/ are
collected by nbgrader's zip_collect with the file-name patterns of Moodle and Canvas, and a missing
folder or names no pattern knows stop the command with a message saying what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

pytestmark = pytest.mark.xdist_group("grading")

A1, A1_NB = "a1_retention_economics", "retention_economics"


def run(*args):
    return subprocess.run([sys.executable, "-m", "nbgrader_sandbox", *args], capture_output=True, text=True)


@pytest.fixture
def course(released_course, tmp_path):
    course = tmp_path / "grading"
    shutil.copytree(released_course[0], course)
    return course


def test_moodle_and_canvas_downloads_are_collected(course, grading):
    notebook = (course / "release" / A1 / f"{A1_NB}.ipynb").read_bytes()
    archive = course / "downloaded" / A1 / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "moodle.zip", "w") as zf:
        zf.writestr(f"Jane Doe_12345_assignsubmission_file_/{A1_NB}.ipynb", notebook)
        zf.writestr(f"Li Lei_23456_assignsubmission_file_{A1_NB}.ipynb", notebook)
    (archive / f"wangfang_LATE_34567_890123_{A1_NB}-1.ipynb").write_bytes(notebook)
    before = grading.hashes(archive)
    done = run("--course", str(course), "collect", A1, "--zip")
    assert done.returncode == 0, done.stdout + done.stderr
    for student in ("12345", "23456", "wangfang"):
        assert (course / "submitted" / student / A1 / f"{A1_NB}.ipynb").read_bytes() == notebook, student
    assert grading.hashes(archive) == before


def test_the_zip_route_fails_loudly_without_downloads_or_with_unknown_names(course):
    done = run("--course", str(course), "collect", A1, "--zip")
    assert done.returncode == 1 and f"downloaded/{A1}/archive" in done.stderr
    archive = course / "downloaded" / A1 / "archive"
    archive.mkdir(parents=True)
    (archive / "homework final.ipynb").write_text("{}")
    done = run("--course", str(course), "collect", A1, "--zip")
    assert done.returncode != 0 and "named_regexp" in done.stderr, done.stdout + done.stderr
    assert not (course / "submitted").exists()


def test_lms_downloads_are_not_committed():
    from paths import ROOT

    ignored = subprocess.run(["git", "check-ignore", "-q", "grading/downloaded/x/archive/a.zip"], cwd=ROOT)
    assert ignored.returncode == 0
