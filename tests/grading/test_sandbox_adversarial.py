"""The bubblewrap sandbox against submissions that attack it, graded beside ordinary ones.

One run of assignment 1 (isolation ``full`` required: these attacks must never run unsandboxed)
with the attacks of :func:`conftest.a1_hostile_submissions` and bystanders; then a second, later
run with a submission that looks for what the first run's attacker left in shared places. Each
attacker must still get full marks (the attack sits beside a correct answer), its attack must
fail in the way the sandbox promises, and every bystander must get its exact score.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import A1, A1_NB, A1_TOTAL, DAEMON_MARK, HOSTILE_LIMITS, a1_channel_reader, a1_hostile_submissions

pytestmark = pytest.mark.xdist_group("grading")

BYSTANDERS = ["correct", "off-by-one", "partially-right", "blank"]
ATTACK_CELL_TIMEOUT = 20


def printed(course: Path, student: str) -> str:
    """What the autograded notebook printed, with each error's name in brackets (e.g. a time-out)."""
    nb = json.loads((course / "autograded" / student / A1 / f"{A1_NB}.ipynb").read_text())
    return "".join("".join(o.get("text", "")) or (f"[{o['ename']}]\n" if "ename" in o else "")
                   for c in nb["cells"] for o in c.get("outputs", []))


def processes_with(word: str) -> list[int]:
    """Host processes whose command line contains ``word``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if word.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            continue
    return found


@pytest.fixture(scope="module")
def hostile_run(released_course, grading, tmp_path_factory):
    from nbgrader_sandbox.autograde import autograde

    source, _ = released_course
    course = tmp_path_factory.mktemp("hostile") / "grading"
    shutil.copytree(source, course)
    ordinary = grading.a1_submissions(course)
    subs = {**{s: ordinary[s] for s in BYSTANDERS}, **a1_hostile_submissions(course, grading.COURSE.parent)}
    expectations = grading.write_submissions(course, subs)
    before = grading.hashes(course / "submitted")
    # Each attack finishes in about a second on a quiet machine; a generous cell limit keeps a busy one
    # (one CI run: the children's memory reclaim took the cell past 5 s) from interrupting it unseen.
    options = dict(workers=2, wall_seconds=60, cell_timeout=ATTACK_CELL_TIMEOUT, quiet=True,
                   isolation="full", **HOSTILE_LIMITS)
    results = {r["student"]: r for r in autograde(str(course), A1, **options)}
    later = grading.write_submissions(course, {"reads-channel-later": a1_channel_reader(course)})
    [reader] = autograde(str(course), A1, students=["reads-channel-later"], **options)
    results[reader["student"]], expectations = reader, {**expectations, **later}
    return course, expectations, results, before


def test_every_attacker_and_bystander_gets_its_exact_score(hostile_run):
    _, expectations, results, _ = hostile_run
    assert sorted(results) == sorted(expectations)
    for student, expect in expectations.items():
        result = results[student]
        assert (student, result["status"], result["score"]) == (student, expect.status, expect.score), \
            result.get("message") or result.get("log", "")[-3000:]
        assert result["isolation"] == "full"


def test_no_attack_was_cut_short_by_its_time_limit(hostile_run):
    """An interrupted attack prints nothing, so a test that reads its output would learn nothing."""
    course, expectations, results, _ = hostile_run
    cut = [s for s in expectations if results[s]["status"] == "ok" and "[CellTimeoutError]" in printed(course, s)]
    assert cut == []


def test_the_run_reports_what_is_enforced(hostile_run):
    course, _, results, _ = hostile_run
    limits = results["correct"]["limits"]
    assert "tmpfs /tmp /dev/shm home 64 MB each" in limits
    assert limits.startswith(("cgroup-v1 memory+pids", "cgroup-v2 memory+pids", "per process only ("))
    rows = json.loads((course / "reports" / f"autograde-{A1}.json").read_text())
    assert {(r["isolation"], r["limits"]) for r in rows} == {("full", limits)}


def test_reading_secrets_other_checkouts_the_gradebook_and_the_run_folder_fails(hostile_run):
    course, _, _, _ = hostile_run
    out = printed(course, "reads-secrets")
    assert "LEAK" not in out
    assert out.count("hidden ") == 12 and "hidden /etc/shadow FileNotFoundError" in out
    assert "unreadable retention_economics.ipynb" in out  # nbgrader's copy, hidden tests restored
    assert "job folders seen 1" in out  # its own, where its working folder is bound; no other
    # Its own PID namespace: bubblewrap's init and the kernel's own processes, nothing of the host.
    seen = json.loads(out.split("processes seen ", 1)[1].splitlines()[0])
    assert seen[:2] == [1, 2] and len(seen) < 10


def test_shared_places_are_private_and_a_later_submission_finds_nothing(hostile_run):
    course, _, _, _ = hostile_run
    out = printed(course, "writes-shared-places")
    assert "wrote /dev/shm/nbgs-channel" in out and "wrote /tmp/nbgs-channel" in out
    assert "cannot write /var/tmp/nbgs-channel" in out
    assert not os.path.exists("/dev/shm/nbgs-channel") and not os.path.exists("/var/tmp/nbgs-channel")
    later = printed(course, "reads-channel-later")
    assert "CHANNEL OPEN" not in later and later.count("nothing at") == 3


def test_a_daemon_started_by_student_code_is_gone_when_its_kernel_ends(hostile_run):
    course, _, _, _ = hostile_run
    assert "daemon started" in printed(course, "daemon-outlives-kernel")
    assert processes_with(DAEMON_MARK) == []


def test_forking_200_processes_meets_the_submission_process_limit(hostile_run):
    course, _, results, _ = hostile_run
    out = printed(course, "forks-200-processes")
    forked = int(out.split("forked ", 1)[1].split()[0])
    if results["correct"]["limits"].startswith("cgroup"):
        assert "fork refused" in out and forked < HOSTILE_LIMITS["processes"]
    else:
        pytest.skip("no writable cgroup here: only the per-user process limit applies")


def test_memory_across_several_children_meets_the_submission_memory_limit(hostile_run):
    """Three children of 300 MB each stay far under the per-process limit (2 GB) but not under 700 MB together."""
    course, _, results, _ = hostile_run
    if not results["correct"]["limits"].startswith("cgroup"):
        pytest.skip("no writable cgroup here: memory is limited per process only")
    out = printed(course, "memory-across-children")
    assert "children killed " in out, out[-2000:]
    killed = int(out.split("children killed ", 1)[1].split()[0])
    assert killed >= 1


def test_filling_home_tmp_shm_and_the_working_folder_stops_at_the_tmpfs_size(hostile_run):
    """Many files of 1 MB each, so the per-file limit never stops it: only each folder's size does."""
    course, _, _, _ = hostile_run
    out = printed(course, "fills-home-and-tmp")
    assert "FILLED" not in out
    kept = sorted(p.name for p in (course / "autograded" / "fills-home-and-tmp" / A1).iterdir())
    assert not [name for name in kept if name.startswith(("fill", "left-by-the-kernel"))], kept
    for folder in ("/tmp", "/home/sandbox", "/dev/shm", "workdir"):
        line = next(x for x in out.splitlines() if x.startswith(f"full {folder} "))
        assert int(line.split("after MB ")[1].split()[0]) <= HOSTILE_LIMITS["tmpfs_mb"]
        assert line.endswith("OSError")


def test_filling_the_run_folder_on_the_graders_disk_stops_the_submission(hostile_run):
    _, _, results, _ = hostile_run
    result = results["fills-run-folder"]
    assert "run folder" in result["message"] and " · " in result["message"]
    assert result["worker_exit"] == "killed by the grader (run folder full)"
    assert result["isolation"] == "full" and result["limits"]


def test_signalling_every_process_reaches_only_its_own(hostile_run):
    course, _, results, _ = hostile_run
    out = printed(course, "signals-every-process")
    assert int(out.split("signalled ", 1)[1].split()[0]) < 10
    assert all(results[s]["status"] == "ok" for s in BYSTANDERS)


def test_submissions_are_byte_identical_after_the_attacks(hostile_run, grading):
    course, _, _, before = hostile_run
    after = grading.hashes(course / "submitted")
    assert {k: v for k, v in after.items() if k in before} == before
    assert A1_TOTAL == 20.0
