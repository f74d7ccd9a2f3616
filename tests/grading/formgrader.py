"""A real formgrader for the grading tests: Jupyter Server with nbgrader's formgrader extension on 127.0.0.1.

The server starts in the course folder, so nbgrader reads the course's ``nbgrader_config.py`` (and the
gradebook URL from ``RETENTION_GRADEBOOK_URL``), serves that folder only, and checks a random token.
Requests carry the token in the ``Authorization`` header, as API clients do; that is also what exempts
them from Jupyter Server's XSRF check (a browser would send the ``_xsrf`` cookie and header instead).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psutil
import requests


#: The formgrader only: the other extensions installed in the environment (JupyterLab, the students'
#: assignment list, ...) are switched off, which also halves the start-up time.
EXTENSIONS = {"nbgrader.server_extensions.formgrader": True, **{name: False for name in (
    "jupyterlab", "jupyter_lsp", "jupyter_server_terminals", "jupyterlab_jupytext", "notebook", "notebook_shim",
    "nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment")}}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Formgrader:
    """``start()`` launches the server (without waiting), ``wait()`` waits until it answers, ``stop()`` ends it
    and returns the processes of its session still alive afterwards (should be none)."""

    def __init__(self, course: Path, home: Path, env: dict[str, str] | None = None):
        self.course, self.home = Path(course), Path(home)
        self.port, self.token = free_port(), uuid.uuid4().hex
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.log = self.home / "formgrader.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Formgrader":
        self.home.mkdir(parents=True, exist_ok=True)
        for name in ("config", "runtime", "data", "exchange"):
            (self.home / name).mkdir(exist_ok=True)
        # Its own Jupyter folders: no user configuration, no runtime files left in the real home.
        env = {**self.env, "HOME": str(self.home), "JUPYTER_CONFIG_DIR": str(self.home / "config"),
               "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"), "JUPYTER_DATA_DIR": str(self.home / "data"),
               "PYTHONWARNINGS": "ignore"}
        cmd = [sys.executable, "-m", "jupyter", "server", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={self.course}",
               f"--IdentityProvider.token={self.token}", f"--Exchange.root={self.home / 'exchange'}",
               f"--ServerApp.jpserver_extensions={EXTENSIONS!r}"]
        if os.geteuid() == 0:
            cmd.append("--allow-root")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(cmd, cwd=self.course, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {self.token}"
        return self

    def wait(self, timeout: float = 90) -> "Formgrader":
        """Wait until the formgrader's status API answers 200 (the extension is loaded and sees the course)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the formgrader exited with {self.process.returncode}: {self.tail()}")
            try:
                if self.session.get(self.url + "/formgrader/api/status", timeout=5).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the formgrader did not answer in {timeout} s: {self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def request(self, method: str, path: str, **kw):
        """The decoded JSON answer of one API call; an error status raises with the server's log."""
        answer = self.session.request(method, self.url + path, timeout=30, **kw)
        if answer.status_code != 200:
            raise RuntimeError(f"{method} {path}: HTTP {answer.status_code}: {answer.text[:300]}\n{self.tail()}")
        return answer.json()

    # What the formgrader's page does, in its own API calls.
    def submitted_notebooks(self, assignment: str, notebook: str) -> list[dict]:
        return self.request("GET", f"/formgrader/api/submitted_notebooks/{assignment}/{notebook}")

    def grades(self, notebook_id: str) -> list[dict]:
        return self.request("GET", "/formgrader/api/grades", params={"submission_id": notebook_id})

    def comments(self, notebook_id: str) -> list[dict]:
        return self.request("GET", "/formgrader/api/comments", params={"submission_id": notebook_id})

    def set_score(self, grade_id: str, score: float) -> dict:
        return self.request("PUT", f"/formgrader/api/grade/{grade_id}", json={"manual_score": score})

    def set_comment(self, comment_id: str, text: str) -> dict:
        return self.request("PUT", f"/formgrader/api/comment/{comment_id}", json={"manual_comment": text})

    def toggle_flag(self, notebook_id: str) -> dict:
        return self.request("POST", f"/formgrader/api/submitted_notebook/{notebook_id}/flag")

    def stop(self) -> list[psutil.Process]:
        """SIGTERM (Jupyter Server shuts down cleanly), SIGKILL after 20 s; the session's survivors, if any."""
        if self.process is None:
            return []
        self.session.close()
        try:
            family = [psutil.Process(self.process.pid), *psutil.Process(self.process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = []
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        _, alive = psutil.wait_procs(family, timeout=5)
        session = [p for p in psutil.process_iter() if _session(p) == self.process.pid]
        return [*alive, *(p for p in session if p not in alive)]


def _session(process: psutil.Process) -> int | None:
    try:
        return os.getsid(process.pid)
    except (ProcessLookupError, PermissionError):
        return None


class Instructor(threading.Thread):
    """Someone grading by hand in the formgrader, over HTTP, round after round until ``finish()``.

    Each round, for every submitted notebook: the grades and comments are fetched as the page does, every
    written answer gets a manual score, the ``overrides`` (student -> code grade cell) get the full marks by
    hand, every comment a new text (Chinese included), and the notebook's flag is toggled. The last
    answer the server gave for each is kept: what must survive. At the end every other notebook is left flagged. ``during`` counts the rounds that began
    and ended while ``busy`` was set (a re-grade running).
    """

    def __init__(self, formgrader: Formgrader, assignment: str, notebook: str, overrides: dict[str, str] | None = None,
                 pause: float = 0.5):
        super().__init__(daemon=True)
        self.fg, self.assignment, self.notebook = formgrader, assignment, notebook
        self.overrides, self.pause = overrides or {}, pause
        self.scores: dict[tuple[str, str], float] = {}
        self.comments: dict[tuple[str, str], str] = {}
        self.flags: dict[str, bool] = {}
        self.rounds = self.during = self.requests = 0
        self.busy, self._finish = threading.Event(), threading.Event()
        self.error: BaseException | None = None

    def one_round(self) -> None:
        r = self.rounds
        for nb in self.fg.submitted_notebooks(self.assignment, self.notebook):
            student = nb["student"]
            for grade in self.fg.grades(nb["id"]):
                if grade["cell_type"] == "markdown":
                    score = grade["max_score"] * (r % 4 + 1) / 4
                elif self.overrides.get(student) == grade["name"]:
                    score = grade["max_score"]
                else:
                    continue
                answer = self.fg.set_score(grade["id"], score)
                self.scores[student, grade["name"]] = answer["manual_score"]
                self.requests += 1
            for comment in self.fg.comments(nb["id"]):
                text = f"Round {r}: clear reasoning, check the units. 第 {r} 轮：思路清楚，注意单位。"
                self.comments[student, comment["name"]] = self.fg.set_comment(comment["id"], text)["manual_comment"]
                self.requests += 1
            self.flags[student] = self.fg.toggle_flag(nb["id"])["flagged"]
            self.requests += 3
        self.requests += 1

    def settle_flags(self) -> None:
        """Leave every other notebook flagged (the toggling may have left them all as they began)."""
        for i, nb in enumerate(sorted(self.fg.submitted_notebooks(self.assignment, self.notebook),
                                      key=lambda nb: nb["student"])):
            if nb["flagged"] != (i % 2 == 0):
                self.flags[nb["student"]] = self.fg.toggle_flag(nb["id"])["flagged"]
                self.requests += 1

    def run(self) -> None:
        try:
            while not self._finish.is_set() or self.rounds == 0:
                busy = self.busy.is_set()
                self.one_round()
                self.during += busy and self.busy.is_set()
                self.rounds += 1
                time.sleep(self.pause)
            self.settle_flags()
        except BaseException as error:  # reported by finish()
            self.error = error

    def finish(self, timeout: float = 120) -> None:
        """End after the current round; raise what went wrong in the thread."""
        self._finish.set()
        self.join(timeout)
        if self.is_alive():
            raise RuntimeError("the formgrader writes did not end")
        if self.error is not None:
            raise self.error


def gradebook_state(db_url: str, course_id: str, assignment: str) -> dict:
    """What the gradebook holds for ``assignment``, read afresh: the students; per grade (student, notebook,
    cell, auto score, manual score, needs manual grade); the manual comments and the flags."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        subs = gb.assignment_submissions(assignment)
        notebooks = [(s.student.id, nb) for s in subs for nb in s.notebooks]
        return {
            "students": sorted(s.student.id for s in subs),
            "grades": [(student, nb.name, g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
                       for student, nb in notebooks for g in nb.grades],
            "comments": {(student, c.name): c.manual_comment for student, nb in notebooks for c in nb.comments},
            "flags": {student: nb.flagged for student, nb in notebooks},
        }


def expected_totals(grades: list[tuple], manual: dict[tuple[str, str], float]) -> dict[str, float]:
    """Each student's total: the autograded scores of ``grades`` (gradebook_state's), a manual score replacing
    the autograded one of its cell."""
    totals: dict[str, float] = {}
    for student, _, cell, auto, *_ in grades:
        totals[student] = totals.get(student, 0.0) + manual.get((student, cell), auto or 0.0)
    return totals


def export(course: Path, env: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """``nbgrader-sandbox export`` run as the instructor runs it; the rows of grades.csv and of the learning
    platforms' and per-question files beside it, by file suffix ("", "canvas", "moodle", "questions")."""
    import csv

    done = subprocess.run([sys.executable, "-m", "nbgrader_sandbox", "--course", str(course), "export",
                           "--to", "grades.csv"], cwd=course, env={**os.environ, **(env or {})},
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    files = {}
    for suffix in ("", "canvas", "moodle", "questions"):
        with open(course / f"grades{'-' + suffix if suffix else ''}.csv", encoding="utf-8") as fh:
            files[suffix] = list(csv.DictReader(fh))
    return files


def check_export(files: dict[str, list[dict]], assignment: str, totals: dict[str, float],
                 manual: dict[tuple[str, str], float]) -> None:
    """grades.csv, the Canvas and Moodle files give every student ``totals``; the per-question file counts and
    averages the manual scores of each written answer."""
    from pytest import approx

    grades = {r["student_id"]: r for r in files[""] if r["assignment"] == assignment}
    canvas = {r["SIS User ID"]: r[assignment] for r in files["canvas"] if r["SIS User ID"]}
    moodle = {r["ID number"]: r[f"Assignment: {assignment} (Real)"] for r in files["moodle"]}
    assert set(grades) == set(canvas) == set(moodle) == set(totals)
    for student, total in totals.items():
        assert float(grades[student]["score"]) == approx(total), student
        assert grades[student]["status"] == "ok", grades[student]
        assert float(canvas[student]) == approx(total) and float(moodle[student]) == approx(total), student
    questions = {r["cell"]: r for r in files["questions"] if r["assignment"] == assignment}
    for cell in {c for _, c in manual}:
        by_hand = [m for (s, c), m in manual.items() if c == cell]
        if questions[cell]["kind"] == "manual":
            assert int(questions[cell]["graded"]) == len(by_hand) and not questions[cell]["ungraded"]
            assert float(questions[cell]["mean"]) == approx(sum(by_hand) / len(by_hand), abs=0.005)
    for (student, cell), score in manual.items():
        row = questions[cell]
        group = ("students_full" if score >= float(row["max_score"]) else
                 "students_zero" if score <= 0 else "students_partial")
        assert student in row[group].split(), (student, cell, row)
