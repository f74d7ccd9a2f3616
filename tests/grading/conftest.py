"""Fixtures of the grading tests: the course released once, and submissions named by what they try.

Submissions are made from the *released* notebook (what students receive), by filling the answer
cells, so they look like real work; each comes with the score it must get. Nothing large is
committed: the 50 MB notebook is written here. Used by the tests in this folder and, through
pytest, by scripts/benchmark_grading.py (tests/grading/bench_autograde.py).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from paths import ROOT

COURSE = ROOT / "grading"
COURSE_ID = "cbec-retention"
#: Seconds per cell in the autograding fixtures (the course's 20 s would make the timeout case slow).
CELL_TIMEOUT = 5
#: Seconds per cell for the data assignments: each kernel starts cold in its own sandbox (imports
#: pandas, loads 541,909 lines), which takes more than 5 s on a busy 2-core machine and more than
#: 20 s at a load average of 30 (eight engineers' builds); no data fixture loops, so this costs nothing.
DATA_CELL_TIMEOUT = 60

A1 = "a1_retention_economics"
A1_NB = "retention_economics"
A1_TOTAL = 20.0  # autograded points of assignment 1
A3, A3_NB, A3_TOTAL = "a3_rfm_and_cohorts", "rfm_and_cohorts", 30.0
A4, A4_NB, A4_TOTAL = "a4_churn_case_study", "churn_case_study", 20.0  # + 10 points graded by hand


@dataclass
class Expect:
    score: float | None  # autograded points the submission must get
    status: str = "ok"  # ok | error | timeout
    message: str = ""  # a phrase the result's message or notes must contain
    tampered: dict = field(default_factory=dict)  # e.g. {"edited": ["retention_economics:ltv_visible"]}
    stock_comparable: bool = True  # safe to run under stock nbgrader (no sandbox) in the tests


SOLUTION = re.compile(r"^[ \t]*### BEGIN SOLUTION\n(.*?)^[ \t]*### END SOLUTION\n?", re.S | re.M)


def solutions(source_nb) -> dict[str, str]:
    """grade_id -> the source's answer cell with the solution markers removed."""
    out = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            out[meta["grade_id"]] = SOLUTION.sub(lambda m: m.group(1), cell.source)
    return out


def fill(release_nb, answers: dict[str, str]):
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def _ids(nb):
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]


def a1_submissions(course: Path, loopback_port: int = 9) -> dict[str, tuple[object, Expect]]:
    """student id -> (notebook node, or raw bytes, or (file name, bytes)), expectation) for assignment 1.

    ``loopback_port``: where the snooper tries to connect, on 127.0.0.1 only (a test's listener
    outside the sandbox; 9, discard, if none). No fixture ever contacts another address.
    """
    release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    source = nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    good = solutions(source)
    correct = fill(release, good)
    subs: dict[str, tuple[object, Expect]] = {}

    def variant(**changes):
        return fill(release, {**good, **changes})

    subs["correct"] = (correct, Expect(A1_TOTAL))
    subs["blank"] = (copy.deepcopy(release), Expect(0.0))
    subs["partially-right"] = (fill(release, {k: v for k, v in good.items()
                                              if k in ("ltv_answer", "complaint_answer")}), Expect(8.0))
    subs["off-by-one"] = (variant(ltv_answer="ltv_leaves = 10 * 10 * 1\nltv_stays = 10 * 10 * 11\n"
                                             "ltv_uplift = 11 * 11 * 11\n"), Expect(17.0))
    subs["infinite-loop"] = (variant(clv_answer="while True:\n    pass\n"),
                             Expect(16.0, message="time limit", stock_comparable=False))
    # np.empty reserves address space without touching it, so the hog meets the memory limit at
    # once instead of spending the cell's time limit filling pages on a busy machine.
    subs["memory-hog"] = (variant(complaint_answer="import numpy as np\nblocks = []\nwhile True:\n"
                                                   "    blocks.append(np.empty(256 * 1024 * 1024))\n"),
                          Expect(17.0, message="memory", stock_comparable=False))
    subs["kernel-crash"] = (variant(churn_answer="import ctypes\nctypes.string_at(0)\n"),
                            Expect(0.0, status="error", message="kernel died", stock_comparable=False))
    edited = variant(ltv_answer=good["ltv_answer"].replace("10 * 10 * 1\n", "99\n"))
    for cell in edited.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "ltv_visible":
            cell.source = "# the test always passes now\npass"
    subs["edited-test-cell"] = (edited, Expect(18.0, tampered={"edited": [f"{A1_NB}:ltv_visible"]}))
    deleted = variant(ltv_answer=good["ltv_answer"].replace("10 * 10 * 1\n", "99\n"))
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "ltv_visible"]
    subs["deleted-test-cell"] = (deleted, Expect(18.0, tampered={"deleted": [f"{A1_NB}:ltv_visible"]}))
    always = ("class AlwaysEqual(float):\n    def __eq__(self, other):\n        return True\n"
              "    __hash__ = float.__hash__\n")
    subs["always-equal"] = (fill(release, {
        "ltv_answer": always + "ltv_leaves = ltv_stays = ltv_uplift = AlwaysEqual(1)\n",
        "churn_answer": always + "def churn_cost_n(*args, **kwargs):\n    return AlwaysEqual(0)\n"
                                 "churn_table = AlwaysEqual(0)\n",
        "complaint_answer": always + "extra_value = AlwaysEqual(0)\n",
        "clv_answer": always + "def clv(*args):\n    return AlwaysEqual(0)\n",
    }), Expect(0.0))
    gradebook, src = course / "gradebook.db", course / "source"
    snoop = f'''
import glob, os, socket, sqlite3
targets = ["../../../gradebook.db", "../../../source", {str(gradebook)!r}, {str(src)!r},
           "../../../submitted", "/tmp"]
seen = {{t: os.path.exists(t) and (os.listdir(t) if os.path.isdir(t) else "file") for t in targets}}
print("seen", seen)
for db in ("../../../gradebook.db", {str(gradebook)!r}):
    try:
        con = sqlite3.connect(db)
        con.execute("UPDATE grade SET manual_score = 99")
        con.commit()
        print("WROTE GRADEBOOK", db)
    except Exception as error:
        print("blocked", db, type(error).__name__)
try:
    socket.create_connection(("127.0.0.1", {loopback_port}), timeout=3)
    print("NETWORK OPEN")
except OSError as error:
    print("no network", error)
'''
    subs["snooper"] = (variant(complaint_answer=good["complaint_answer"] + snoop),
                       Expect(A1_TOTAL, stock_comparable=False))
    text = json.dumps(nbformat.from_dict(correct), ensure_ascii=False)
    subs["malformed-json"] = (text[: len(text) // 2].encode(), Expect(0.0, status="error", message="not valid JSON"))
    v3 = nbformat.convert(copy.deepcopy(correct), 3)
    subs["nbformat-3"] = (json.dumps(v3).encode(), Expect(A1_TOTAL))
    big = copy.deepcopy(correct)
    for cell in big.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "complaint_answer":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=("x" * 1023 + "\n") * 51200)]
    subs["output-50mb"] = (big, Expect(A1_TOTAL))
    subs["wrong-file-name"] = (("Retention_Economics (1).ipynb", correct),
                               Expect(0.0, status="error", message="expected name"))
    return subs


def restorable_submissions(course: Path) -> dict[str, tuple[object, Expect]]:
    """Assignment 1 submissions that stock nbgrader fails as a whole but that can be graded: a test
    cell copied twice, a renamed grade id, a renamed kernelspec, a loop that ignores SIGINT."""
    correct, _ = a1_submissions(course)["correct"]

    def changed(edit):
        nb = copy.deepcopy(correct)
        edit(nb)
        return nb

    def index(nb, grade_id):
        return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)

    def copy_test(nb):
        i = index(nb, "ltv_visible")
        nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))
        nb.cells[i + 1].id = "copied1"

    def rename_id(nb):
        nb.cells[index(nb, "churn_visible")].metadata.nbgrader["grade_id"] = "churn_visible_mine"

    def rename_kernel(nb):
        nb.metadata.kernelspec = {"name": "ir", "display_name": "R", "language": "R"}

    loop = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n"
    return {
        "copied-test-cell": (changed(copy_test), Expect(A1_TOTAL, tampered={"copied": [f"{A1_NB}:ltv_visible"]})),
        "renamed-grade-id": (changed(rename_id), Expect(A1_TOTAL, tampered={
            "deleted": [f"{A1_NB}:churn_visible"], "unknown_ids": [f"{A1_NB}:churn_visible_mine"]})),
        "renamed-kernelspec": (changed(rename_kernel), Expect(A1_TOTAL)),
        # clv_answer never finishes: its test (4 points) is lost, every earlier grade is kept.
        "sigint-proof-loop": (fill(correct, {"clv_answer": loop}), Expect(A1_TOTAL - 4, message="time limit")),
    }


#: A word in the command line of the daemon fixture's process, to find it on the host afterwards.
DAEMON_MARK = "nbgs-daemon-outlives-kernel"
#: The limits the adversarial run grades with (small, so that each attack meets them in seconds).
HOSTILE_LIMITS = {"processes": 64, "tmpfs_mb": 64, "submission_memory_mb": 700}


def a1_hostile_submissions(course: Path, checkout: Path) -> dict[str, tuple[object, Expect]]:
    """Assignment 1 submissions that attack the sandbox, each a correct notebook plus an attack
    printed into its output (the tests read the autograded notebook): every one must still score
    full marks, and the sandbox must stop the attack. ``checkout``: a folder the kernel must not see."""
    release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    good = solutions(nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4))

    def attack(code: str):
        return fill(release, {**good, "complaint_answer": good["complaint_answer"] + "\n" + code}), Expect(A1_TOTAL)

    secrets = ["/etc/shadow", str(checkout / "Makefile"), str(checkout / "grading" / "nbgrader_config.py"),
               str(course / "gradebook.db"), str(course / "source" / A1 / f"{A1_NB}.ipynb"),
               str(course / "submitted"), "/var/tmp",
               # the throw-away course around the working folder, the job folder, the run folder
               "../../../gradebook.db", "../../../submitted", "../../../source", "../../../../pids",
               "../../../../../template.db"]
    subs = {}
    subs["reads-secrets"] = attack(f'''
import glob, os
print("job folders seen", len(glob.glob("/tmp/nbgs-*/j*")))
for path in {secrets!r}:
    try:
        seen = os.listdir(path) if os.path.isdir(path) else len(open(path, "rb").read())
        print("LEAK", path, seen)
    except OSError as error:
        print("hidden", path, type(error).__name__)
print("processes seen", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
for name in glob.glob("**/*.ipynb", recursive=True) + glob.glob("../../../**/*.ipynb", recursive=True):
    try:
        text = open(name, encoding="utf-8", errors="replace").read()
    except OSError as error:
        print("unreadable", name, type(error).__name__)
        continue
    print("notebook", name, len(text), "characters")
    if "BEGIN HIDDEN" in text or "ltv_stays=ltv_stays, ltv_uplift" in text:
        print("LEAK hidden tests in", name)
''')
    subs["writes-shared-places"] = attack('''
for path in ("/dev/shm/nbgs-channel", "/var/tmp/nbgs-channel", "/tmp/nbgs-channel"):
    try:
        with open(path, "w") as f:
            f.write("secret answer")
        print("wrote", path)
    except OSError as error:
        print("cannot write", path, type(error).__name__)
''')
    subs["daemon-outlives-kernel"] = attack(f'''
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import os, time\\nif os.fork(): os._exit(0)\\nos.setsid()\\n"
                  "while True: time.sleep(0.1)", "{DAEMON_MARK}"], start_new_session=True)
print("daemon started")
''')
    subs["forks-200-processes"] = attack('''
import os, time
children = []
for _ in range(200):
    try:
        pid = os.fork()
    except OSError as error:
        print("fork refused", type(error).__name__)
        break
    if pid == 0:
        time.sleep(20)
        os._exit(0)
    children.append(pid)
print("forked", len(children))
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
''')
    subs["memory-across-children"] = attack('''
import os, time
children = []
for _ in range(3):  # each 300 MB, far under the per-process limit; 900 MB together
    pid = os.fork()
    if pid == 0:
        block = b"x" * (300 * 1024 * 1024)
        time.sleep(1)
        os._exit(0)
    children.append(pid)
killed = sum(os.WIFSIGNALED(os.waitpid(pid, 0)[1]) for pid in children)
print("children killed", killed)
''')
    subs["fills-home-and-tmp"] = attack('''
import os
chunk = b"x" * (1024 * 1024)
for folder in ("/tmp", os.environ["HOME"], "/dev/shm", os.getcwd()):
    written = 0
    try:  # files of 1 MB each: the per-file size limit never stops it, only the folder's size
        while written < 4096:
            with open(os.path.join(folder, f"fill-{written}"), "wb") as f:
                f.write(chunk)
            written += 1
    except OSError as error:
        print("full", "workdir" if folder == os.getcwd() else folder, "after MB", written, type(error).__name__)
    else:
        print("FILLED", folder, written)
    for n in range(written + 1):
        try:
            os.remove(os.path.join(folder, f"fill-{n}"))
        except OSError:
            pass
with open("left-by-the-kernel", "w") as f:
    f.write("never read back")
''')
    # The run folder (connection file, sockets, console log) is on the grader's disk, so the kernel can
    # write there: the grader stops a submission whose run folder passes the tmpfs size (checked twice a second).
    fill_run, _ = attack('''
import os, time
folder = os.environ["JUPYTER_RUNTIME_DIR"]
for n in range(200):
    with open(os.path.join(folder, f"fill-{n}"), "wb") as f:
        f.write(b"x" * (1024 * 1024))
time.sleep(8)
print("FILLED the run folder")
''')
    subs["fills-run-folder"] = (fill_run, Expect(0.0, status="error", message="run folder"))
    subs["signals-every-process"] = attack('''
import os, signal
hit, mine = 0, {int(t) for t in os.listdir("/proc/self/task")}  # its own threads would kill itself
for pid in range(2, 4 * 1024 * 1024):
    if pid in mine:
        continue
    try:
        os.kill(pid, signal.SIGKILL)
        hit += 1
    except ProcessLookupError:
        if pid > 5000:
            break
    except PermissionError:
        pass
print("signalled", hit)
''')
    return subs


def a1_channel_reader(course: Path) -> tuple[object, Expect]:
    """A later submission looking for what an earlier one left in shared places."""
    release = nbformat.read(str(course / "release" / A1 / f"{A1_NB}.ipynb"), as_version=4)
    good = solutions(nbformat.read(str(course / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4))
    code = '''
import os
for path in ("/dev/shm/nbgs-channel", "/var/tmp/nbgs-channel", "/tmp/nbgs-channel"):
    print("CHANNEL OPEN" if os.path.exists(path) else "nothing at", path)
'''
    return fill(release, {**good, "complaint_answer": good["complaint_answer"] + code}), Expect(A1_TOTAL)


def _release_and_solutions(course: Path, assignment: str, notebook: str):
    release = nbformat.read(str(course / "release" / assignment / f"{notebook}.ipynb"), as_version=4)
    source = nbformat.read(str(course / "source" / assignment / f"{notebook}.ipynb"), as_version=4)
    return release, solutions(source)


def a3_submissions(course: Path) -> dict[str, tuple[object, Expect]]:
    """Assignment 3 (RFM and cohorts) submissions, including its two classic data mistakes."""
    release, good = _release_and_solutions(course, A3, A3_NB)

    def variant(**changes):
        return fill(release, {**good, **changes})

    subs: dict[str, tuple[object, Expect]] = {}
    subs["correct"] = (fill(release, good), Expect(A3_TOTAL))
    subs["blank"] = (copy.deepcopy(release), Expect(0.0))
    # Keeps cancellation invoices (C...) and their negative quantities: loses the cleaning tests
    # (3 + 3) and the segments built on its own table (3); Parts B and D are graded on clean data.
    kept = good["clean_answer"]
    kept = kept[: kept.index("    keep = (")] + (
        '    sales = orders[orders["CustomerID"].notna()].copy()\n'
        '    sales["Revenue"] = sales["Quantity"] * sales["UnitPrice"]\n'
        "    return sales\n") + kept[kept.index("\nsales = clean_orders(orders)"):]
    subs["cancellations-kept"] = (variant(clean_answer=kept), Expect(A3_TOTAL - 9))
    # Counts order lines, not invoices: loses rfm_frequency (3), rfm_full (4) and segments (3).
    assert 'frequency=("InvoiceNo", "nunique")' in good["rfm_answer"]
    rows = good["rfm_answer"].replace('frequency=("InvoiceNo", "nunique")', 'frequency=("InvoiceNo", "count")')
    subs["rows-counted"] = (variant(rfm_answer=rows), Expect(A3_TOTAL - 10))
    # Parts A and B only: 2 + 3 + 3 + 3 + 3 + 4.
    subs["partially-right"] = (fill(release, {k: v for k, v in good.items() if k in ("clean_answer", "rfm_answer")}),
                               Expect(18.0))
    return subs


def a4_submissions(course: Path) -> dict[str, tuple[object, Expect]]:
    """Assignment 4 (churn early warning) submissions, including using data from after the cut-off."""
    release, good = _release_and_solutions(course, A4, A4_NB)

    def variant(**changes):
        return fill(release, {**good, **changes})

    subs: dict[str, tuple[object, Expect]] = {}
    subs["correct"] = (fill(release, good), Expect(A4_TOTAL))
    subs["blank"] = (copy.deepcopy(release), Expect(0.0))
    # Features computed on every order, including those after the cut-off: loses features_hidden (4).
    line = '    before = sales[sales["InvoiceDate"] < cutoff]\n'
    assert line in good["features_answer"]
    subs["future-data"] = (variant(features_answer=good["features_answer"].replace(line, "    before = sales\n")),
                           Expect(A4_TOTAL - 4))
    # Any purchase after the cut-off counts, not only those inside the 90-day window: loses label_hidden (3).
    window = '    window = sales[(sales["InvoiceDate"] >= cutoff) & (sales["InvoiceDate"] < end)]\n'
    assert window in good["label_answer"]
    subs["window-ignored"] = (variant(label_answer=good["label_answer"].replace(
        window, '    window = sales[sales["InvoiceDate"] >= cutoff]\n')), Expect(A4_TOTAL - 3))
    return subs


def write_submissions(course: Path, subs: dict, assignment: str = A1, notebook: str = A1_NB,
                      timestamp: str = "2026-01-10 12:00:00 UTC") -> dict[str, Expect]:
    """Write the submissions into course/submitted/<student>/<assignment>/ and return expectations."""
    expectations = {}
    for student, (content, expect) in subs.items():
        folder = course / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{notebook}.ipynb"
        if isinstance(content, tuple):
            name, content = content
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            nbformat.write(content, str(folder / name))
        (folder / "timestamp.txt").write_text(timestamp)
        expectations[student] = expect
    return expectations


def synthetic_submissions(course: Path, n: int) -> dict[str, tuple[object, Expect]]:
    """``n`` ordinary submissions (a rotation of correct, partial, off-by-one and blank) for benchmarks."""
    base = a1_submissions(course)
    kinds = ["correct", "partially-right", "off-by-one", "blank", "edited-test-cell", "deleted-test-cell"]
    return {f"s{i:03d}": base[kinds[i % len(kinds)]] for i in range(n)}


def hashes(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file under ``folder``."""
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Assignment:
    """An assignment of the course as the fixtures know it."""

    name: str
    notebook: str
    autograded: float  # autograded points
    submissions: object  # course -> {student: (content, Expect)}


ASSIGNMENTS = {
    A1: Assignment(A1, A1_NB, A1_TOTAL, a1_submissions),
    A3: Assignment(A3, A3_NB, A3_TOTAL, a3_submissions),
    A4: Assignment(A4, A4_NB, A4_TOTAL, a4_submissions),
}


class Fixtures:
    """What the grading tests and the benchmark use, handed out by the ``grading`` fixture."""

    COURSE, COURSE_ID, CELL_TIMEOUT, DATA_CELL_TIMEOUT = COURSE, COURSE_ID, CELL_TIMEOUT, DATA_CELL_TIMEOUT
    ASSIGNMENTS = ASSIGNMENTS
    A1, A1_NB, A1_TOTAL = A1, A1_NB, A1_TOTAL
    Expect = Expect
    a1_submissions = staticmethod(a1_submissions)
    restorable_submissions = staticmethod(restorable_submissions)
    synthetic_submissions = staticmethod(synthetic_submissions)
    write_submissions = staticmethod(write_submissions)
    solutions = staticmethod(solutions)
    fill = staticmethod(fill)
    hashes = staticmethod(hashes)

    @staticmethod
    def copy_course(source: Path, dest: Path, skip=("release", "submitted", "autograded", "feedback",
                                                    "gradebook.db", "reports", "__pycache__")) -> Path:
        """A copy of a course folder without nbgrader's generated folders (those in ``skip``)."""
        shutil.copytree(source, dest, ignore=shutil.ignore_patterns(*skip))
        return dest

    @staticmethod
    def scores(course: Path, assignment: str) -> dict[str, float]:
        """student -> autograded score in the course's gradebook."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
            return {r["student"]: r["code_score"] for r in gb.submission_dicts(assignment)}


@pytest.fixture(scope="session")
def grading():
    """The grading fixtures' constants and submission builders (:class:`Fixtures`)."""
    return Fixtures


@pytest.fixture(scope="session")
def released_course(tmp_path_factory):
    """A copy of the course with every assignment released by nbgrader (in one process): (course, results)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course = Fixtures.copy_course(COURSE, tmp_path_factory.mktemp("course") / "grading")
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    names = sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    results = {name: api.generate_assignment(name, force=True) for name in names}
    return course, results


class LoopbackListener:
    """A TCP listener on 127.0.0.1 outside the sandbox: what a kernel must not reach."""

    def __init__(self):
        import socket

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0

    def connections(self) -> int:
        """How many connections arrived so far (accepted and closed here)."""
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return self.accepted
            conn.close()
            self.accepted += 1


@pytest.fixture(scope="session")
def loopback_listener():
    """A session-long :class:`LoopbackListener`; the snooper gets its port."""
    listener = LoopbackListener()
    yield listener
    listener.sock.close()


@pytest.fixture(scope="session")
def graded_course(released_course, tmp_path_factory, loopback_listener):
    """Every fixture submission (assignments 1, 3 and 4), autograded once per assignment by the parallel grader.

    Returns (course, expectations, results, hashes of submitted/ before grading); results maps
    assignment -> student -> result, plus "__seconds__" -> the assignment's wall time.
    """
    from nbgrader_sandbox.autograde import autograde

    source, _ = released_course
    course = tmp_path_factory.mktemp("graded") / "grading"
    shutil.copytree(source, course)
    expectations = {name: write_submissions(course, a.submissions(course, **(
                        {"loopback_port": loopback_listener.port} if name == A1 else {})), name, a.notebook)
                    for name, a in ASSIGNMENTS.items()}
    before = hashes(course / "submitted")
    results = {}
    for assignment in expectations:
        started = time.monotonic()
        results[assignment] = {r["student"]: r for r in autograde(
            str(course), assignment, workers=2, wall_seconds=60 if assignment == A1 else 240, quiet=True,
            cell_timeout=CELL_TIMEOUT if assignment == A1 else DATA_CELL_TIMEOUT)}
        results[assignment]["__seconds__"] = time.monotonic() - started
    return course, expectations, results, before


@pytest.fixture(scope="session")
def graded(graded_course):
    """Assignment 1's part of :func:`graded_course`: (course, expectations, results, hashes before)."""
    course, expectations, results, before = graded_course
    return course, expectations[A1], {k: v for k, v in results[A1].items() if k != "__seconds__"}, before


@pytest.fixture
def fresh_course(released_course, tmp_path):
    """A private copy of the released course (no submissions), for tests that grade a few submissions
    several times: course -> path. ``grade(course, assignment, **overrides)`` autogrades it quietly."""
    source, _ = released_course
    course = tmp_path / "grading"
    shutil.copytree(source, course)
    return course


def grade(course: Path, assignment: str = A1, **overrides) -> dict[str, dict]:
    """student -> result of one quiet parallel autograde run of ``assignment`` in ``course``."""
    from nbgrader_sandbox.autograde import autograde

    settings = {"workers": 2, "wall_seconds": 60, "cell_timeout": CELL_TIMEOUT, "quiet": True, **overrides}
    return {r["student"]: r for r in autograde(str(course), assignment, **settings)}


Fixtures.grade = staticmethod(grade)
