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
