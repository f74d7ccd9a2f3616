"""When a kernel or a grading worker dies, the report says how: exit status or signal, and the kernel's last words."""

from __future__ import annotations

import json
import signal

import pytest
from nbgrader_sandbox.autograde import exit_status, worker_exit


def test_a_crashed_kernel_is_recorded_with_its_signal_in_the_report(fresh_course, grading):
    subs = grading.a1_submissions(fresh_course)
    grading.write_submissions(fresh_course, {"kernel-crash": subs["kernel-crash"], "correct": subs["correct"]})
    results = grading.grade(fresh_course)
    assert results["correct"]["status"] == "ok"
    rows = {r["student"]: r for r in json.loads(
        (fresh_course / "reports" / f"autograde-{grading.A1}.json").read_text(encoding="utf-8"))}
    crashed = rows["kernel-crash"]
    assert crashed["status"] == "error"
    assert any("SIGSEGV" in line for line in crashed["kernel_exit"]), crashed
    assert isinstance(crashed["kernel_log"], list)
    assert not rows["correct"].get("kernel_exit")


@pytest.mark.parametrize("code, words", [
    (0, "status 0"), (3, "status 3"), (-signal.SIGKILL, "killed by SIGKILL"),
    (128 + signal.SIGSEGV, "status 139 (killed by SIGSEGV)"), (-77, "killed by signal 77"),
])
def test_exit_statuses_read_as_words(code, words):
    assert exit_status(code) == words


def test_a_worker_still_running_is_not_called_dead():
    assert worker_exit(None) == "still running"
    assert worker_exit(-signal.SIGTERM) == "killed by SIGTERM"
