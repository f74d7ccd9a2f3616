"""The instructor's JupyterLab commands start as root too (JupyterLab refuses root without
--allow-root), and the student configuration hides the instructor's nbgrader tools."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.xdist_group("grading")


def test_lab_command_allows_root_only_as_root():
    from nbgrader_sandbox.cli import lab_command

    assert ("--allow-root" in lab_command("/x", 1)) == (os.geteuid() == 0)


@pytest.mark.parametrize("command", ["formgrade", "lab"])
def test_the_instructor_lab_starts(released_course, command, tmp_path):
    course, _ = released_course
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_TOKEN": "t"}
    proc = subprocess.Popen([sys.executable, "-m", "nbgrader_sandbox", "--course", str(course), command,
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, answer = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=t", timeout=2).status
                break
            except OSError:
                time.sleep(0.5)
        assert answer == 200, proc.stdout.read1().decode() if proc.poll() is not None else "no answer"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_students_lab_hides_instructor_tools_and_says_when_there_is_nothing_to_validate(released_course, tmp_path):
    """`make lab`'s configuration: no Formgrader or Create Assignment, and Validate on a lesson (no
    tests) says so instead of "Success!"; an assignment is still validated by nbgrader."""
    import json
    import shutil

    from paths import ROOT

    course, _ = released_course
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(ROOT / "notebooks" / sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))[0], work / "lesson.ipynb")
    shutil.copy(course / "release" / "a1_retention_economics" / "retention_economics.ipynb", work / "a1.ipynb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_TOKEN": "t",
           "JUPYTER_CONFIG_PATH": str(ROOT / "grading" / "student-jupyter")}
    proc = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
                             "--ip=127.0.0.1", f"--ServerApp.root_dir={work}", "--allow-root"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    base = f"http://127.0.0.1:{port}"

    def get(path, data=None):
        req = urllib.request.Request(f"{base}{path}", data=data, headers={"Authorization": "token t"})
        try:
            with urllib.request.urlopen(req, timeout=60) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get("/api/status")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        status, page = get("/lab")
        assert status == 200
        config = json.loads(page.split('id="jupyter-config-data"', 1)[1].split(">", 1)[1].split("</script>", 1)[0])
        disabled = set(config.get("disabledExtensions") or [])
        assert {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader"} <= disabled, disabled
        assert get("/formgrader")[0] == 404
        _, lesson = get("/assignments/validate", data=b"path=lesson.ipynb")
        assert json.loads(lesson)["success"] is False and "no autograder tests" in json.loads(lesson)["value"]
        _, a1 = get("/assignments/validate", data=b"path=a1.ipynb")
        assert json.loads(a1)["success"] is True and "failed" in json.loads(a1)["value"]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
