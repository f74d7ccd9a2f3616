"""The multi-user course's set-up, for any user: the course environment open to every user, the
exchange's settings where both of jupyter_core's modes read them, and `make` refusing clearly.

The cycle with real users and JupyterHub is tests/grading/test_hub_cycle.py (root only).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from paths import ROOT

pytestmark = pytest.mark.xdist_group("hub")

CHECK = ["bash", str(ROOT / "scripts" / "course_python.sh"), "--check"]
EXCHANGE = [sys.executable, str(ROOT / "scripts" / "course_exchange.py")]


def test_the_course_environment_is_open_to_every_user():
    done = subprocess.run([*CHECK, str(ROOT / ".venv" / "bin" / "python")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_python_in_a_closed_folder_is_named_and_refused():
    # pytest's tmp_path sits in a folder private to its user; this one is open, except "closed".
    shared = Path(tempfile.mkdtemp(prefix="course-python-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        closed = shared / "closed"
        closed.mkdir(mode=0o700)
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", str(closed / "venv")], check=True)
        done = subprocess.run([*CHECK, str(closed / "venv" / "bin" / "python")], capture_output=True, text=True)
        assert done.returncode == 1 and f"{closed} is closed to other users" in done.stdout, done.stdout
        closed.chmod(0o755)
        done = subprocess.run([*CHECK, str(closed / "venv" / "bin" / "python")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout
    finally:
        shutil.rmtree(shared)


def test_the_exchange_settings_go_where_both_jupyter_modes_read_them():
    dirs = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, sys; sys.path.insert(0, sys.argv[1]); import course_exchange; "
         "print(json.dumps(course_exchange.system_config_dirs()))", str(ROOT / "scripts")],
        capture_output=True, text=True, check=True).stdout)
    for mode in ("0", "1"):
        env = {**os.environ, "JUPYTER_PLATFORM_DIRS": mode}
        env.pop("JUPYTER_CONFIG_PATH", None)
        paths = json.loads(subprocess.run([sys.executable, "-m", "jupyter", "--paths", "--json"], env=env,
                                          capture_output=True, text=True, check=True).stdout)["config"]
        assert set(paths) & set(dirs), f"JUPYTER_PLATFORM_DIRS={mode} reads {paths}, none of {dirs}"


def test_make_exchange_installs_once_and_keeps_another_course_s_settings(tmp_path):
    etc, xdg, root = tmp_path / "etc", tmp_path / "xdg", tmp_path / "exchange"
    done = subprocess.run(["make", "--no-print-directory", "exchange", f"EXCHANGE_ROOT={root}",
                           f"CONFIG_DIRS={etc} {xdg}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert root.stat().st_mode & 0o7777 == 0o1777
    assert (xdg / "nbgrader_config.py").resolve() == etc / "nbgrader_config.py"
    text = (etc / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(root)!r}" in text and 'course_id = "cbec-retention"' in text
    done = subprocess.run([*EXCHANGE, "check"], env={**os.environ, "JUPYTER_CONFIG_PATH": str(etc)},
                          capture_output=True, text=True)
    assert done.returncode == 0 and str(root) in done.stdout, done.stdout + done.stderr
    other = tmp_path / "other"
    other.mkdir()
    (other / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'physics'\n")
    done = subprocess.run([*EXCHANGE, "install", "--root", str(root), "--config-dir", str(other)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "holds other settings" in done.stderr, done.stderr
    assert "physics" in (other / "nbgrader_config.py").read_text()


@pytest.fixture
def checkout_copy(tmp_path):
    """What `make release` needs of the checkout: Makefile, grading/, the exchange script (no outputs)."""
    copy = tmp_path / "course"
    copy.mkdir()
    shutil.copy(ROOT / "Makefile", copy)
    shutil.copytree(ROOT / "grading", copy / "grading", ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "downloaded", "__pycache__"))
    (copy / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "course_exchange.py", copy / "scripts")
    return copy


def test_release_without_the_exchange_stops_with_the_fix_and_zip_releases_locally(checkout_copy, tmp_path):
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(tmp_path / "empty")}
    make = ["make", "--no-print-directory", f"GRADING_PY={ROOT / '.venv' / 'bin' / 'python'}", "release",
            "A=a1_retention_economics"]
    seen = subprocess.run([*EXCHANGE, "check"], env=env, capture_output=True, text=True)
    if seen.returncode == 0:
        pytest.skip(f"this machine has an exchange set up system-wide: {seen.stdout.strip()}")
    done = subprocess.run(make, cwd=checkout_copy, env=env, capture_output=True, text=True)
    assert done.returncode != 0 and not (checkout_copy / "grading" / "release").exists()
    assert "not set up" in done.stderr and "make exchange" in done.stderr, done.stderr
    done = subprocess.run([*make, "ZIP=1"], cwd=checkout_copy, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (checkout_copy / "grading" / "release" / "a1_retention_economics" / "retention_economics.ipynb").is_file()


def test_the_course_folder_and_the_machine_name_the_same_course():
    from traitlets.config.loader import PyFileConfigLoader

    machine = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "grading" / "system")).load_config()
    course = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT / "grading")).load_config()
    assert machine.CourseDirectory.course_id == course.CourseDirectory.course_id == "cbec-retention"
    assert "Exchange" not in course, "the exchange is set machine-wide only (grading/system/nbgrader_config.py)"
