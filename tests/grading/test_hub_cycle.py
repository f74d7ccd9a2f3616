"""A real multi-user course on this machine: JupyterHub, real UNIX users, nbgrader's exchange.

Root only (it creates users). Throw-away users (an instructor, two students, unique names) share
the project's course environment (.venv) and an exchange set up by `make exchange` in a temporary
folder (its settings reach every process through JUPYTER_CONFIG_PATH, so that the machine's own
/etc is not touched). A real JupyterHub (LocalProcessSpawner, configurable-http-proxy from the npm
registry, 127.0.0.1 only) starts each user's server through its REST API.

The students work only through their own servers' APIs (nbgrader's assignment-list handlers for
list/fetch/submit/fetch_feedback, jupyter-server's contents API to answer), with their own tokens.
The instructor runs the README's make targets as that user (release, collect, autograde, feedback):
that is the instructor's documented workflow, and autograding must use the project's sandboxed
grader, which the formgrader's API does not call. Everything is removed afterwards, even on
failure, and the last check is that nothing is left. Phase times go to _build/hub-cycle-times.json
(scripts/benchmark_hub_cycle.py prints them).
"""

from __future__ import annotations

import html
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import requests
from paths import ROOT

pytestmark = [pytest.mark.xdist_group("hub"),
              pytest.mark.skipif(os.geteuid() != 0, reason="needs root: it creates UNIX users and runs "
                                 "JupyterHub's servers as them (runs in `make test` on CI, which is root)")]

A1, A1_NB = "a1_retention_economics", "retention_economics"
COURSE_ID = "cbec-retention"
VENV = ROOT / ".venv"
PROXY = ROOT / "_build" / "hub-proxy" / "node_modules" / "configurable-http-proxy" / "bin" / "configurable-http-proxy"
TIMES = ROOT / "_build" / "hub-cycle-times.json"
HUB_SETTINGS = ROOT / "grading" / "system" / "jupyterhub_config.py"
PATH = "/usr/local/bin:/usr/bin:/bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_user(user: str, *cmd: str, cwd=None, env=None, check=True) -> subprocess.CompletedProcess:
    """Run ``cmd`` as ``user`` (runuser, a clean environment with that user's HOME)."""
    home = pwd.getpwnam(user).pw_dir
    base = ["env", "-i", f"HOME={home}", f"USER={user}", f"PATH={PATH}", "LANG=C.UTF-8"]
    base += [f"{k}={v}" for k, v in (env or {}).items()]
    done = subprocess.run(["runuser", "-u", user, "--", *base, *cmd], cwd=cwd, capture_output=True, text=True)
    if check and done.returncode:
        raise AssertionError(f"{user}: {' '.join(cmd)} exited {done.returncode}\n{done.stdout[-3000:]}\n"
                             f"{done.stderr[-3000:]}")
    return done


def can(user: str, action: str, path: Path) -> bool:
    """Whether ``user`` can list/read/write ``path`` (tried as that user, not computed from modes)."""
    code = {"list": "import os, sys; os.listdir(sys.argv[1])",
            "read": "import sys; open(sys.argv[1], 'rb').read()",
            "write": "import sys; open(sys.argv[1], 'ab').close()"}[action]
    return as_user(user, "/usr/bin/python3", "-c", code, str(path), check=False).returncode == 0


def processes_of(uids: set[int], marker: str | None = None) -> list[str]:
    """Processes owned by one of ``uids`` or whose command line names ``marker``: 'pid uid command'."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            uid = entry.stat().st_uid
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if uid in uids or (marker and marker in cmd):
            found.append(f"{entry.name} {uid} {cmd[:200]}")
    return found


def hidden_test_lines(source: Path) -> list[str]:
    """Lines of the source's hidden tests that appear nowhere else in the notebook."""
    nb = nbformat.read(str(source), as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    hidden = re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", text, re.S)
    outside = re.sub(r"### BEGIN HIDDEN TESTS\n.*?### END HIDDEN TESTS", "", text, flags=re.S)
    lines = {ln.strip() for block in hidden for ln in block.splitlines() if len(ln.strip()) > 12}
    return sorted(ln for ln in lines if ln not in outside)


HUB_CONFIG = '''
c = get_config()  # noqa: F821
load_subconfig({shipped!r})  # the course's own jupyterhub_config.py, as the README runs it
# On top, only what a test needs: its own ports, files, users and machine configuration folder.
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.JupyterHub.db_url = "sqlite:///{base}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{base}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = "{base}/proxy.pid"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Authenticator.allowed_users = set({users!r})
c.JupyterHub.load_groups = {{"instructors": {{"users": [{instructor!r}]}}}}
course_settings = c.Spawner.environment["JUPYTER_CONFIG_PATH"]
c.Spawner.environment = {{
    "JUPYTER_CONFIG_PATH": lambda spawner: ":".join(p for p in (course_settings(spawner), {machine_config!r}) if p),
}}
c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "list:users"]}}]
'''


def lab_disabled(page: str) -> set[str]:
    """The JupyterLab extensions a server's ``/lab`` page disables (from its jupyter-config-data)."""
    data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert data, f"not a JupyterLab page: {page[:300]}"
    return set(json.loads(data.group(1)).get("disabledExtensions") or [])


class Hub:
    """A JupyterHub on 127.0.0.1 in ``base``, driven through its REST API with a service token."""

    def __init__(self, base: Path, users: list[str], instructor: str):
        self.base, self.port, self.token = base, free_port(), uuid.uuid4().hex
        self.url = f"http://127.0.0.1:{self.port}"
        config = base / "jupyterhub_config.py"
        config.write_text(HUB_CONFIG.format(
            shipped=str(HUB_SETTINGS), port=self.port, hub_port=free_port(), api_port=free_port(), base=base,
            users=users, instructor=instructor, token=self.token, machine_config=str(base / "etc-jupyter")))
        self.log = open(base / "jupyterhub.log", "w")
        self.process = subprocess.Popen([str(VENV / "bin" / "jupyterhub"), "-f", str(config)], cwd=base,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
                                        env={"PATH": f"{VENV / 'bin'}:{PATH}", "LANG": "C.UTF-8", "HOME": str(base)})
        self.wait(lambda: self.api("get", "/").ok, "the hub's API to answer")

    def wait(self, ready, what: str, seconds: float = 120):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise AssertionError(f"JupyterHub exited while waiting for {what}:\n{self.tail()}")
            try:
                if ready():
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}:\n{self.tail()}")

    def tail(self) -> str:
        return (self.base / "jupyterhub.log").read_text(errors="replace")[-4000:]

    def api(self, method: str, path: str, **kw) -> requests.Response:
        return requests.request(method, f"{self.url}/hub/api{path}", timeout=30,
                                headers={"Authorization": f"token {self.token}"}, **kw)

    def start_servers(self, users: list[str]) -> dict[str, str]:
        """Start the users' servers (all at once), wait until each is ready; user -> a token of that user."""
        for user in users:
            answer = self.api("post", f"/users/{user}/server")
            assert answer.status_code in (201, 202), answer.text
        for user in users:
            self.wait(lambda: self.api("get", f"/users/{user}").json()["servers"].get("", {}).get("ready"),  # noqa: B023
                      f"{user}'s server")
        tokens = {}
        for user in users:
            answer = self.api("post", f"/users/{user}/tokens", json={"note": "course test"})
            assert answer.status_code == 201, answer.text
            tokens[user] = answer.json()["token"]
        return tokens

    def server(self, user: str, token: str, method: str, path: str, **kw) -> requests.Response:
        """A request to ``user``'s server (through the proxy) with ``token``."""
        return requests.request(method, f"{self.url}/user/{user}{path}", timeout=120,
                                headers={"Authorization": f"token {token}"}, **kw)

    def stop(self):
        """Stop the hub; it stops the servers it spawned and its proxy (cleanup_servers, cleanup_proxy)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        self.log.close()


def make_users(base: Path, tag: str) -> dict[str, str]:
    """role -> name of three new UNIX users with private homes under ``base``."""
    users = {}
    for role in ("teacher", "student1", "student2"):
        name = f"nbh{tag}{role[0]}{role[-1] if role[-1].isdigit() else ''}"
        subprocess.run(["useradd", "--create-home", "--home-dir", str(base / "home" / name), "--shell", "/bin/bash",
                        "--user-group", name], check=True, capture_output=True)
        users[role] = name
        os.chmod(base / "home" / name, 0o700)
    return users


def remove_users(users: dict[str, str]):
    for name in users.values():
        subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
        subprocess.run(["userdel", "--remove", name], capture_output=True)


def instructor_course(home: Path, owner: str) -> Path:
    """The instructor's own copy of the course (as a clone would be); make runs with the shared .venv
    (GRADING_PY): a symlinked .venv would hide the environment from the grader's sandbox."""
    course = home / "course"
    course.mkdir()
    shutil.copy(ROOT / "Makefile", course / "Makefile")
    shutil.copytree(ROOT / "grading", course / "grading", ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "reports", "downloaded", "__pycache__",
        "grades.csv"))
    (course / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "course_exchange.py", course / "scripts")
    subprocess.run(["chown", "-R", f"{owner}:{owner}", str(course)], check=True)
    return course


@pytest.fixture(scope="module")
def cycle(grading):
    """The whole course cycle, then the clean-up: what each step saw (the tests below check it)."""
    if not PROXY.is_file():
        pytest.fail(f"{PROXY} is missing: `make setup` installs configurable-http-proxy (package.json, npm ci)")
    for tool in ("useradd", "userdel", "runuser", "node", "bwrap"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing (scripts/system_packages.sh installs the system packages)")
    seen, times, started = {}, {}, time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="nbhub-", dir="/tmp"))
    os.chmod(base, 0o755)
    (base / "home").mkdir(mode=0o755)
    tag = uuid.uuid4().hex[:5]
    users, hub = {}, None
    try:
        users = make_users(base, tag)
        teacher, s1, s2 = users["teacher"], users["student1"], users["student2"]
        machine = {"JUPYTER_CONFIG_PATH": str(base / "etc-jupyter")}
        with ThreadPoolExecutor() as pool:
            seen["venv"] = dict(zip(users.values(), pool.map(lambda u: as_user(
                u, str(VENV / "bin" / "python"), "-c", "import nbgrader, retention", check=False), users.values())))
        course = instructor_course(base / "home" / teacher, teacher)
        make = ["make", "--no-print-directory", f"GRADING_PY={VENV / 'bin' / 'python'}"]
        # Before the exchange exists: a clear error with the fix, and nothing released.
        seen["unset"] = as_user(teacher, *make, "release", f"A={A1}", cwd=course, env=machine, check=False)
        seen["unset_released"] = (course / "grading" / "release").exists()
        times["users and course"] = time.monotonic() - started

        t = time.monotonic()
        subprocess.run(["make", "--no-print-directory", "exchange", f"EXCHANGE_ROOT={base / 'exchange'}",
                        f"CONFIG_DIRS={base / 'etc-jupyter'}"], cwd=ROOT, check=True, capture_output=True)
        exchange = base / "exchange" / COURSE_ID
        seen["release"] = as_user(teacher, *make, "release", f"A={A1}", cwd=course, env=machine)
        times["release"] = time.monotonic() - t

        t = time.monotonic()
        hub = Hub(base, list(users.values()), teacher)
        tokens = hub.start_servers(list(users.values()))
        times["hub and three servers"] = time.monotonic() - t
        seen["lab disabled"] = {u: lab_disabled(hub.server(u, tokens[u], "get", "/lab").text) for u in users.values()}

        t = time.monotonic()
        source = nbformat.read(str(course / "grading" / "source" / A1 / f"{A1_NB}.ipynb"), as_version=4)
        good = grading.solutions(source)
        answers = {s1: good, s2: {k: v for k, v in good.items() if k in ("ltv_answer", "complaint_answer")}}
        for student in (s1, s2):
            api = lambda *a, **k: hub.server(student, tokens[student], *a, **k)  # noqa: E731, B023
            listed = api("get", "/assignments", params={"course_id": COURSE_ID}).json()
            seen.setdefault("listed", {})[student] = listed
            api("post", "/assignments/fetch", data={"course_id": COURSE_ID, "assignment_id": A1}).raise_for_status()
            got = api("get", f"/api/contents/{A1}/{A1_NB}.ipynb").json()
            seen.setdefault("received", {})[student] = json.dumps(got["content"])
            nb = grading.fill(nbformat.from_dict(got["content"]), answers[student])
            api("put", f"/api/contents/{A1}/{A1_NB}.ipynb",
                json={"type": "notebook", "format": "json", "content": nb}).raise_for_status()
            seen.setdefault("owner", {})[student] = pwd.getpwuid(
                (base / "home" / student / A1 / f"{A1_NB}.ipynb").stat().st_uid).pw_name
            submitted = api("post", "/assignments/submit", data={"course_id": COURSE_ID, "assignment_id": A1})
            seen.setdefault("submitted", {})[student] = submitted.json()
        seen["inbound_owners"] = {pwd.getpwuid(p.stat().st_uid).pw_name: p for p in (exchange / "inbound").iterdir()}
        seen["403"] = {"student on student": hub.server(s2, tokens[s1], "get", "/api/contents").status_code,
                       "student on teacher": hub.server(teacher, tokens[s1], "get", "/api/contents").status_code,
                       "student's list on teacher": hub.server(teacher, tokens[s2], "get", "/assignments",
                                                               params={"course_id": COURSE_ID}).status_code}
        s1_work = base / "home" / s1 / A1 / f"{A1_NB}.ipynb"
        s1_submission = seen["inbound_owners"][s1] / f"{A1_NB}.ipynb"
        seen["s2 can"] = {"list inbound": can(s2, "list", exchange / "inbound"),
                          "list the exchange's feedback": can(s2, "list", exchange / "feedback"),
                          "read s1's work": can(s2, "read", s1_work), "write s1's work": can(s2, "write", s1_work),
                          "list s1's home": can(s2, "list", base / "home" / s1),
                          "read the teacher's course": can(s2, "list", course / "grading")}
        seen["s2 reads s1's submission by its name"] = can(s2, "read", s1_submission)
        times["students list, fetch, answer, submit"] = time.monotonic() - t

        t = time.monotonic()
        teacher_before = set(processes_of({pwd.getpwnam(teacher).pw_uid}))  # the teacher's own server
        seen["collect"] = as_user(teacher, *make, "collect", f"A={A1}", cwd=course, env=machine)
        t2 = time.monotonic()
        seen["autograde"] = as_user(teacher, *make, "autograde", f"A={A1}", "WORKERS=2", cwd=course, env=machine)
        times["autograde (2 submissions)"] = time.monotonic() - t2
        seen["feedback"] = as_user(teacher, *make, "feedback", f"A={A1}", cwd=course, env=machine)
        seen["teacher processes after grading"] = sorted(set(processes_of({pwd.getpwnam(teacher).pw_uid}))
                                                         - teacher_before)
        seen["scores"] = grading.scores(course / "grading", A1)
        seen["collected owner"] = pwd.getpwuid((course / "grading" / "submitted" / s1 / A1 / f"{A1_NB}.ipynb")
                                               .stat().st_uid).pw_name
        times["collect, autograde, feedback"] = time.monotonic() - t

        t = time.monotonic()
        for student in (s1, s2):
            api = lambda *a, **k: hub.server(student, tokens[student], *a, **k)  # noqa: E731, B023
            api("post", "/assignments/fetch_feedback", data={"course_id": COURSE_ID, "assignment_id": A1}
                ).raise_for_status()
            pages = list((base / "home" / student / A1 / "feedback").rglob("*.html"))
            seen.setdefault("feedback pages", {})[student] = [
                (pwd.getpwuid(p.stat().st_uid).pw_name, html.unescape(api(
                    "get", f"/api/contents/{p.relative_to(base / 'home' / student)}").json()["content"]))
                for p in pages]
        s1_feedback = next((base / "home" / s1 / A1 / "feedback").rglob("*.html"))
        seen["s2 can"]["read s1's feedback"] = can(s2, "read", s1_feedback)
        seen["s2 can"]["write s1's feedback"] = can(s2, "write", s1_feedback)
        times["students fetch feedback"] = time.monotonic() - t
        seen["hidden"] = hidden_test_lines(course / "grading" / "source" / A1 / f"{A1_NB}.ipynb")
        seen["instructor paths"] = [str(course), str(ROOT)]
        seen["users"] = users
    finally:
        t = time.monotonic()
        if hub:
            hub.stop()
        uids = set()
        for name in users.values():
            try:
                uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        seen["left after stopping"] = processes_of(uids, str(base))
        remove_users(users)
        shutil.rmtree(base, ignore_errors=True)
        seen["left after removing"] = {"processes": processes_of(uids, str(base)),
                                       "users": [u for u in users.values() if _exists(u)],
                                       "folders": [str(base)] if base.exists() else []}
        times["stop and clean up"] = time.monotonic() - t
        times["whole cycle"] = time.monotonic() - started
        TIMES.parent.mkdir(exist_ok=True)
        TIMES.write_text(json.dumps({k: round(v, 1) for k, v in times.items()}, indent=1))
    return seen


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
        return True
    except KeyError:
        return False


def test_students_get_the_students_lab_and_the_instructor_the_full_one(cycle):
    """The course's jupyterhub_config.py: no Formgrader or Create Assignment for students, both for the teacher."""
    tools = {"@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:formgrader"}
    users, disabled = cycle["users"], cycle["lab disabled"]
    for role in ("student1", "student2"):
        assert tools <= disabled[users[role]], (role, disabled[users[role]])
    assert not tools & disabled[users["teacher"]], disabled[users["teacher"]]


def test_every_user_can_run_the_course_environment(cycle):
    for user, done in cycle["venv"].items():
        assert done.returncode == 0, f"{user} cannot use {VENV}: {done.stderr}"


def test_an_instructor_without_the_exchange_is_told_the_fix(cycle):
    done = cycle["unset"]
    assert done.returncode != 0 and not cycle["unset_released"]
    assert "not set up" in done.stderr and "make exchange" in done.stderr, done.stderr


def test_students_list_fetch_and_submit_through_their_servers(cycle):
    for student, listed in cycle["listed"].items():
        assert listed["success"], listed
        assert [(a["assignment_id"], a["status"]) for a in listed["value"]] == [(A1, "released")], listed
        assert cycle["owner"][student] == student
        submitted = cycle["submitted"][student]
        assert submitted["success"], submitted
        mine = [a["student_id"] for a in submitted["value"] if a["status"] == "submitted"]
        assert mine == [student], submitted
        assert student in cycle["inbound_owners"], cycle["inbound_owners"]


def test_the_instructor_collects_grades_and_releases_feedback_with_the_right_scores(cycle, grading):
    users = cycle["users"]
    assert cycle["scores"] == {users["student1"]: grading.A1_TOTAL, users["student2"]: 8.0}
    assert cycle["collected owner"] == users["teacher"]
    assert "release_feedback" in cycle["feedback"].stdout
    assert cycle["teacher processes after grading"] == [], "kernels or workers outlived make autograde"
    for student, score in cycle["scores"].items():
        [(owner, page)] = cycle["feedback pages"][student]
        assert owner == student
        assert f"Score: {score}" in page or f"{score} / " in page, page[:2000]


def test_what_a_student_receives_has_no_hidden_tests_or_instructor_paths(cycle):
    assert cycle["hidden"], "the assignment's hidden tests were not found in its source"
    for student in cycle["received"]:
        for name, text in [("released notebook", cycle["received"][student])] + [
                ("feedback", page) for _, page in cycle["feedback pages"][student]]:
            for line in cycle["hidden"]:
                assert line not in text and json.dumps(line)[1:-1] not in text, f"{student}'s {name}: {line}"
            assert "BEGIN HIDDEN TESTS" not in text
            for path in cycle["instructor paths"]:
                assert path not in text, f"{student}'s {name} shows {path}"


def test_students_cannot_reach_each_others_work_or_the_instructors(cycle):
    assert set(cycle["403"].values()) == {403}, cycle["403"]
    assert not any(cycle["s2 can"].values()), cycle["s2 can"]


def test_nothing_is_left_behind(cycle):
    assert cycle["left after stopping"] == [], "the hub left processes when it stopped"
    assert cycle["left after removing"] == {"processes": [], "users": [], "folders": []}


def test_a_submission_is_protected_only_by_its_random_name_as_the_readme_says(cycle):
    """nbgrader's own design (README, "What the exchange protects"): a known name opens it."""
    assert cycle["s2 reads s1's submission by its name"]
