"""Parallel, sandboxed autograding with nbgrader's own converter and gradebook.

Design
------
* **Same grader as stock.** Each submission is graded by nbgrader's ``Autograde`` converter with
  the course's ``nbgrader_config.py`` (same preprocessors, same cell timeout, same checksums,
  ``OverwriteCells`` restoring edited and deleted test cells). Only the kernel launch differs
  (:mod:`retention.grading.kernel`): the kernel runs in :mod:`sandbox <retention.grading.sandbox>`.
  Scores are therefore those of ``nbgrader autograde``; the test suite and the benchmark check it.
* **Warm kernels, never reused.** By default kernels are forked from a per-run fork server
  (:mod:`retention.grading.forkserver`) that has already imported ipykernel and what the
  assignment's source notebook imports (pandas, the course package, and the data assignments'
  reference results), so a submission no longer pays a Python start-up and the pandas import. Every
  submission gets a fresh child that enters the same sandbox; ``forkserver=False`` (``--spawn-kernels``)
  starts each kernel from scratch instead.
* **Isolation by copying.** A worker grades one submission in a throw-away course under a private
  temporary folder: the submission's regular files (never symlinks), the assignment's non-notebook
  source files, the course config and a *template* SQLite gradebook holding only the assignment
  (built once per run from the real gradebook). Student code never sees the real course: the
  sandbox hides the course folder and the temporary folder (with the other submissions and the
  throw-away gradebook, which holds the hidden tests) and runs the kernel as ``nobody`` with no
  network.
* **One writer.** Workers never touch the real gradebook. The parent process is the only writer:
  after each submission it copies that submission's grades and comments from the throw-away
  gradebook into the real one (any SQLAlchemy URL: SQLite by default, PostgreSQL by config) in one
  transaction, retrying if another program (formgrader) holds a lock, and copies the autograded
  notebooks into ``autograded/``. No "database is locked", no lost rows: there is one connection.
* **Failures stay local.** Each worker is a forked process; a submission that exceeds its wall
  clock limit is killed (worker and kernel) and recorded as ``timeout``; a crash, a damaged file
  or a missing notebook is recorded with a clear message; a fresh worker takes the next one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import multiprocessing.connection
import os
import pwd
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import deque
from pathlib import Path

NOBODY = "nobody"
ENV_KEEP = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "NBGRADER_EXECUTION", "PYTHONHASHSEED",
            "JUPYTER_PLATFORM_DIRS", "VIRTUAL_ENV"]
#: Environment of every kernel that does not depend on the submission.
KERNEL_ENV = {"MPLBACKEND": "agg", "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1",
              "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclasses.dataclass
class Settings:
    """How one autograding run behaves (command-line options of ``python -m retention.grading``)."""

    course_root: str
    workers: int = 0  # 0: one per CPU core
    wall_seconds: float = 300.0  # per submission, everything included
    memory_mb: int = 2048  # address-space limit of the kernel process
    cell_timeout: int | None = None  # None: the course config's Execute.timeout
    force: bool = True
    isolation: str = "auto"  # auto | full | degraded
    hide: tuple = ()  # extra folders to hide from student code
    forkserver: bool = True  # fork kernels from a server with the imports done (False: spawn each)
    quiet: bool = False

    def n_workers(self) -> int:
        return self.workers or os.cpu_count() or 1


# --- configuration --------------------------------------------------------------------------


def load_course_config(course_root: str):
    """The course's nbgrader_config.py as a traitlets Config object."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()


def course_directory(course_root: str, config=None):
    from nbgrader.coursedir import CourseDirectory

    config = config if config is not None else load_course_config(course_root)
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(course_root)
    return coursedir


def isolation_mode(requested: str = "auto") -> str:
    """'full' (namespaces + nobody) when root and namespaces work, else 'degraded'."""
    if requested == "degraded":
        return "degraded"
    can = os.geteuid() == 0 and shutil.which("unshare") is not None
    if can:
        import subprocess

        can = subprocess.run(["unshare", "-m", "-n", "true"], capture_output=True).returncode == 0
    if requested == "full" and not can:
        raise RuntimeError("full isolation needs root and Linux namespaces (unshare -m -n)")
    return "full" if can else "degraded"


# --- jobs -----------------------------------------------------------------------------------


def find_submissions(course_root: str, assignment: str, students=None) -> list[str]:
    coursedir = course_directory(course_root)
    submitted = Path(course_root) / coursedir.submitted_directory
    found = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if students:
        found = [s for s in found if s in set(students)]
    return found


def build_template_gradebook(db_url: str, course_id: str, assignment: str, path: Path) -> str:
    """A fresh SQLite gradebook with only ``assignment``'s structure (cells, points, checksums)."""
    from nbgrader.api import Gradebook

    url = f"sqlite:///{path}"
    with Gradebook(db_url, course_id) as real, Gradebook(url, course_id) as tmpl:
        a = real.find_assignment(assignment)
        tmpl.update_or_create_assignment(assignment, duedate=a.duedate)
        for nb in a.notebooks:
            tmpl.update_or_create_notebook(nb.name, assignment)
            for c in nb.grade_cells:
                tmpl.update_or_create_grade_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                                 cell_type=c.cell_type)
            for c in nb.solution_cells:
                tmpl.update_or_create_solution_cell(c.name, nb.name, assignment)
            for c in nb.task_cells:
                tmpl.update_or_create_task_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                                cell_type=c.cell_type)
            for c in nb.source_cells:
                tmpl.update_or_create_source_cell(c.name, nb.name, assignment, cell_type=c.cell_type,
                                                  locked=c.locked, source=c.source, checksum=c.checksum)
    return url



def _kernel_needs() -> set[str]:
    """Folders the student's kernel must read: Python, the retention package's source and the data."""
    import retention
    from retention.data import datasets_dir

    package_root = Path(retention.__file__).resolve().parents[1]
    return {
        os.path.realpath(sys.base_prefix),
        os.path.realpath(sys.prefix),
        str(package_root),
        os.path.realpath(datasets_dir()),
    }

def _copy_regular_files(src: Path, dst: Path, skip=lambda p: False, limit_bytes=None) -> None:
    """Copy regular files only (no symlinks, devices or FIFOs), keeping the folder structure."""
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        rel = Path(dirpath).relative_to(src)
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file() or skip(path):
                continue
            if limit_bytes is not None and path.stat().st_size > limit_bytes:
                continue
            shutil.copyfile(path, dst / rel / name)


def tamper_report(release_dir: Path, submission_dir: Path) -> dict:
    """Which read-only and test cells a student edited or deleted, judged by nbgrader checksums."""
    import nbformat
    from nbformat.v4.rwbase import rejoin_lines
    from nbgrader import utils

    report = {"edited": [], "deleted": []}
    for release_nb in sorted(release_dir.glob("*.ipynb")):
        path = submission_dir / release_nb.name
        if not path.is_file():
            continue
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("nbformat") == 4:
                submitted = rejoin_lines(nbformat.from_dict(raw))
            else:
                submitted = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
            submitted.cells  # noqa: B018  (fails early on a malformed structure)
        except Exception:  # damaged notebooks are reported by the grader itself
            continue
        cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in submitted.cells
                 if "nbgrader" in c.metadata}
        release = rejoin_lines(nbformat.from_dict(json.loads(release_nb.read_text(encoding="utf-8"))))
        for cell in release.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not (meta.get("locked") or (meta.get("grade") and not meta.get("solution"))):
                continue
            name = f"{release_nb.stem}:{meta['grade_id']}"
            other = cells.get(meta["grade_id"])
            if other is None:
                report["deleted"].append(name)
            elif other.cell_type != cell.cell_type or utils.compute_checksum(other) != meta.get("checksum"):
                report["edited"].append(name)
    return report


def explain_failure(text: str, expected: list[str], found: list[str]) -> str:
    """A clear, bilingual one-line message for a submission nbgrader could not grade."""
    if "No notebooks found" in text or (expected and not set(expected) & set(found)):
        return (f"no notebook with the expected name: expected {expected}, found {found} · "
                f"提交的文件名不对：应为 {expected}，实际为 {found}")
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text:
        return ("the kernel died while running the notebook (a crash, os._exit, or out of memory) · "
                "运行笔记本时内核崩溃（程序崩溃、调用 os._exit 或内存不足）")
    if "UnresponsiveKernelError" in text:
        return "the kernel stopped responding and could not be interrupted · 内核无响应且无法中断"
    if re.search(r"NotJSONError|JSONDecodeError|does not appear to be JSON|Unreadable Notebook", text):
        return "the notebook file is damaged (not valid JSON) · 笔记本文件已损坏（不是有效的 JSON）"
    if "ValidationError" in text or "SchemaTooOld" in text or "SchemaTooNew" in text:
        return "the notebook's format or metadata is invalid · 笔记本的格式或元数据无效"
    last = [line for line in text.strip().splitlines() if line.strip()][-1:] or ["unknown error"]
    return f"nbgrader could not grade this submission: {last[0][:300]} · 无法评分此提交"


def notable_errors(autograded_dir: Path) -> list[str]:
    """Timeouts and memory errors found in the executed notebooks, as short bilingual notes."""
    notes = []
    for path in sorted(autograded_dir.glob("*.ipynb")):
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except Exception:
            continue
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []):
                if out.get("output_type") != "error":
                    continue
                ename = out.get("ename")
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "?")
                if ename in ("CellTimeoutError", "KeyboardInterrupt", "TimeoutError"):
                    notes.append(f"{path.stem}:{grade_id}: cell time limit reached, interrupted · 单元格超时，已中断")
                elif ename == "MemoryError":
                    notes.append(f"{path.stem}:{grade_id}: memory limit reached · 超出内存限制")
    return list(dict.fromkeys(notes))


# --- the kernel fork server ---------------------------------------------------------------------

_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]+\(?([\w, \t]+)|import[ \t]+([A-Za-z_][\w.]*))",
                     re.M)


def preload_modules(source_dir: Path) -> list[str]:
    """Modules the assignment's *source* notebooks import (the instructor's choice, never a submission's)."""
    import nbformat

    found = []
    for path in sorted(source_dir.glob("*.ipynb")):
        try:
            nb = nbformat.read(str(path), as_version=4)
        except Exception:
            continue
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for package, names, module in _IMPORT.findall(cell.source):
                found.append(package or module)
                # "from retention.grading import reference as ref": reference may be a module too.
                found += [f"{package}.{n.split()[0]}" for n in names.split(",") if package and n.strip()]
    return sorted({name for name in found if not name.startswith(".")})


def start_forkserver(settings: Settings, base: str, coursedir, assignment: str):
    """Start the run's kernel fork server, or return None (kernels are then spawned one by one)."""
    from retention.grading.forkserver import ForkServer

    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    env = {k: v for k, v in os.environ.items() if k in ENV_KEEP}
    env.update(KERNEL_ENV, HOME=base, IPYTHONDIR=os.path.join(base, "ipython"),
               MPLCONFIGDIR=os.path.join(base, "mpl"), XDG_CACHE_HOME=os.path.join(base, "cache"))
    return ForkServer(base, preload_modules(source), env)


# --- the worker -----------------------------------------------------------------------------


@dataclasses.dataclass
class Job:
    assignment: str
    student: str
    template_db: str
    base: str
    index: int = 0

    @property
    def jobdir(self) -> str:
        return os.path.join(self.base, f"j{self.index:04d}")


def _grading_config(settings: Settings, course: Path, db_url: str):
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import Execute

    from retention.grading.kernel import SandboxExecute

    cfg = load_course_config(settings.course_root)
    cfg.CourseDirectory.root = str(course)
    cfg.CourseDirectory.db_url = db_url
    if settings.cell_timeout is not None:
        cfg.Execute.timeout = settings.cell_timeout
    default = Autograde.class_traits()["autograde_preprocessors"].default()
    configured = cfg.Autograde.get("autograde_preprocessors", default)
    cfg.Autograde.autograde_preprocessors = [SandboxExecute if p is Execute else p for p in configured]
    return cfg


def grade_in_sandbox(job: Job, settings: Settings, mode: str) -> dict:
    """Grade one submission in a throw-away course; return a result dict (runs in a worker)."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log

    from retention.grading.kernel import SandboxKernelManager

    started = time.monotonic()
    root = Path(settings.course_root)
    coursedir = course_directory(settings.course_root)
    jobdir = Path(job.jobdir)
    jobdir.mkdir(mode=0o700)
    course, run_dir = jobdir / "c", jobdir / "r"
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, job.student, job.assignment))
    release = Path(coursedir.format_path(coursedir.release_directory, ".", job.assignment))
    source = Path(coursedir.format_path(coursedir.source_directory, ".", job.assignment))
    dest = course / "submitted" / job.student / job.assignment
    _copy_regular_files(submitted, dest)
    _copy_regular_files(source, course / "source" / job.assignment, skip=lambda p: p.suffix == ".ipynb")
    shutil.copyfile(job.template_db, course / "gradebook.db")
    run_dir.mkdir()
    workdir = course / "autograded" / job.student / job.assignment
    workdir.mkdir(parents=True)
    spec = {
        "isolation": mode,
        "workdir": str(workdir),
        "run_dir": str(run_dir),
        # Hidden from student code: the course, the other submissions, and the temp folder.
        "hide": sorted({tempfile.gettempdir(), str(root), str(Path(job.base)), *map(str, settings.hide)}),
        "reveal": sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}),
        # What the kernel needs even when it sits inside a hidden folder (e.g. a checkout under
        # /tmp): the Python installation, the retention package and the data sets.
        "keep_visible": sorted(_kernel_needs()),
        "memory_bytes": settings.memory_mb * 1024 * 1024,
        "file_bytes": 512 * 1024 * 1024,
        "processes": 4096,
        "cpu_seconds": int(settings.wall_seconds) + 5,
        "env_keep": ENV_KEEP,
        "env": {
            "HOME": str(run_dir), "IPYTHONDIR": str(run_dir / "ipython"),
            "MPLCONFIGDIR": str(run_dir / "mpl"), "XDG_CACHE_HOME": str(run_dir / "cache"),
            "JUPYTER_RUNTIME_DIR": str(run_dir), **KERNEL_ENV,
        },
        "drop_to": None,
    }
    if mode == "full":
        user = pwd.getpwnam(NOBODY)
        spec["drop_to"] = [user.pw_uid, user.pw_gid]
        for path in (workdir, run_dir):
            os.chown(path, user.pw_uid, user.pw_gid)
    SandboxKernelManager.spec = spec
    expected = [p.name for p in release.glob("*.ipynb")]
    found = sorted(p.name for p in submitted.glob("*.ipynb"))
    result = {"assignment": job.assignment, "student": job.student, "jobdir": str(jobdir),
              "db_url": f"sqlite:///{course / 'gradebook.db'}", "isolation": mode,
              "kernels": "forked" if SandboxKernelManager.forkserver else "spawned", "tampered": {}}
    try:
        result["tampered"] = tamper_report(release, dest)
    except Exception as error:  # never let the report stop the grading
        result["tampered"] = {"unchecked": [f"{type(error).__name__}: {error}"]}
    cfg = _grading_config(settings, course, result["db_url"])
    gcd = course_directory(str(course), cfg)
    gcd.assignment_id, gcd.student_id = job.assignment, job.student
    app = Autograde(coursedir=gcd, config=cfg)
    app.force, app.create_student = True, True
    outcome = capture_log(app)
    text = (outcome.get("log") or "") + "\n" + (outcome.get("error") or "")
    result["success"] = bool(outcome["success"]) and any(workdir.glob("*.ipynb"))
    result["log"] = text[-20000:]
    result["notes"] = notable_errors(workdir) if result["success"] else []
    if not result["success"]:
        result["message"] = explain_failure(text, expected, found)
    elif set(expected) - set(found):
        result["notes"].append(f"missing notebooks scored 0: {sorted(set(expected) - set(found))} · 缺少的笔记本记 0 分")
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def _worker_main(conn, settings: Settings, mode: str) -> None:
    import warnings

    warnings.filterwarnings("ignore")  # nbformat's warnings about students' files go to the report
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            result = grade_in_sandbox(job, settings, mode)
            result["worker_cpu"] = round(sum(os.times()[:2]), 2)
        except Exception:
            result = {"assignment": job.assignment, "student": job.student, "success": False,
                      "message": "internal grading error · 评分程序内部错误: "
                                 + traceback.format_exc().strip().splitlines()[-1],
                      "log": traceback.format_exc(), "tampered": {}, "notes": []}
        conn.send(result)


# --- the single writer ----------------------------------------------------------------------


def merge_into_gradebook(real, result: dict, course_id: str, retries: int = 20) -> None:
    """Copy one submission's grades and comments from its throw-away gradebook into the real one.

    ``real`` is the run's single open :class:`nbgrader.api.Gradebook` (the only writer).
    """
    import sqlalchemy
    from nbgrader.api import Gradebook, MissingEntry

    assignment, student = result["assignment"], result["student"]
    for attempt in range(retries):
        tmp_gb = None
        try:
            real.update_or_create_student(student)
            tmp = None
            if result.get("db_url"):
                tmp_gb = Gradebook(result["db_url"], course_id)
                try:
                    tmp = tmp_gb.find_submission(assignment, student)
                except MissingEntry:
                    tmp = None
            if tmp is not None and tmp.timestamp is not None:
                real.update_or_create_submission(assignment, student, timestamp=tmp.timestamp)
            else:
                real.update_or_create_submission(assignment, student)
            if tmp is not None:
                for tnb in tmp.notebooks:
                    nb = real.find_submission_notebook(tnb.name, assignment, student)
                    nb.late_submission_penalty = tnb.late_submission_penalty
                    for tgrade in tnb.grades:
                        grade = real.find_grade(tgrade.name, tnb.name, assignment, student)
                        grade.auto_score = tgrade.auto_score
                        grade.needs_manual_grade = bool(tgrade.needs_manual_grade
                                                        or grade.manual_score is not None)
                    for tcomment in tnb.comments:
                        comment = real.find_comment(tcomment.name, tnb.name, assignment, student)
                        comment.auto_comment = tcomment.auto_comment
            real.db.commit()
            return
        except sqlalchemy.exc.OperationalError as error:
            real.db.rollback()
            if "locked" not in str(error) or attempt == retries - 1:
                raise
            time.sleep(min(0.1 * 2 ** attempt, 2.0))
        finally:
            if tmp_gb is not None:
                tmp_gb.close()


def submission_score(gb, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, autograded maximum) of one submission, read back from the gradebook."""
    sub = gb.find_submission(assignment, student)
    score = maximum = 0.0
    for nb in sub.notebooks:
        for grade in nb.grades:
            if grade.cell_type == "code":
                score += grade.auto_score or 0.0
                maximum += grade.max_score
    return score, maximum


def install_autograded(result: dict, course_root: Path, coursedir) -> None:
    dest = Path(coursedir.format_path(coursedir.autograded_directory, result["student"], result["assignment"]))
    if dest.exists():
        shutil.rmtree(dest)
    if result.get("success"):
        src = Path(result["jobdir"]) / "c" / "autograded" / result["student"] / result["assignment"]
        _copy_regular_files(src, dest, limit_bytes=200 * 1024 * 1024)


# --- the pool -------------------------------------------------------------------------------


def _kill_job(jobdir: str | None) -> None:
    """Kill a job's kernel (the sandbox writes its pid before exec); PDEATHSIG is the first line."""
    if not jobdir:
        return
    run = Path(jobdir) / "r"
    for pidfile in run.glob("*.pid"):
        try:
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
        except (ValueError, OSError):
            pass


def autograde(assignment: str, settings: Settings, students=None, progress=None) -> list[dict]:
    """Autograde every submission of ``assignment`` in parallel; return one result per submission."""
    # Import everything the workers need before forking, so they start instantly.
    import nbformat  # noqa: F401
    from nbgrader.converters import Autograde  # noqa: F401

    import retention.grading.kernel  # noqa: F401

    root = Path(settings.course_root).resolve()
    settings.course_root = str(root)
    config = load_course_config(str(root))
    coursedir = course_directory(str(root), config)
    db_url, course_id = coursedir.db_url, coursedir.course_id
    mode = isolation_mode(settings.isolation)
    emit = progress or (lambda line: None if settings.quiet else print(line, flush=True))
    todo = find_submissions(str(root), assignment, students)
    if not settings.force:
        todo = [s for s in todo if not Path(coursedir.format_path(coursedir.autograded_directory, s, assignment)).exists()]
    if not todo:
        emit(f"{assignment}: nothing to autograde")
        return []
    base = tempfile.mkdtemp(prefix="rg-")
    os.chmod(base, 0o700)
    results = []
    stack = contextlib.ExitStack()
    try:
        template = Path(base) / "template.db"
        build_template_gradebook(db_url, course_id, assignment, template)
        jobs = deque(Job(assignment, s, str(template), base, i) for i, s in enumerate(todo, 1))
        n = min(settings.n_workers(), len(jobs))
        emit(f"{assignment}: autograding {len(jobs)} submissions with {n} workers "
             f"(isolation: {mode}, memory {settings.memory_mb} MB, wall limit {settings.wall_seconds:g} s)")
        from retention.grading.kernel import SandboxKernelManager

        SandboxKernelManager.forkserver = None
        if settings.forkserver:
            try:
                server = start_forkserver(settings, base, coursedir, assignment)
                stack.callback(server.stop)
                stack.callback(setattr, SandboxKernelManager, "forkserver", None)
                SandboxKernelManager.forkserver = server.socket  # inherited by the forked workers
                emit(f"kernels: forked from a warm server (preloaded: {', '.join(server.modules) or '-'})")
            except Exception as error:
                emit(f"kernels: spawned one by one (fork server unavailable: {error})")
        ctx = multiprocessing.get_context("fork")

        def spawn():
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(child, settings, mode), daemon=True)
            proc.start()
            child.close()
            return {"proc": proc, "conn": parent, "job": None, "started": 0.0}

        workers = [spawn() for _ in range(n)]
        t0 = time.monotonic()
        import warnings

        import sqlalchemy
        from nbgrader.api import Gradebook

        warnings.filterwarnings("ignore", category=sqlalchemy.exc.SAWarning)  # nbgrader's own, harmless
        real_gb = Gradebook(db_url, course_id)  # the single writer for this run
        stack.callback(real_gb.close)

        def finish(result: dict):
            merge_into_gradebook(real_gb, result, course_id)
            install_autograded(result, root, coursedir)
            score, maximum = submission_score(real_gb, assignment, result["student"])
            result["score"], result["max_score"] = score, maximum
            result["status"] = result.get("status") or ("ok" if result.get("success") else "error")
            if result.get("jobdir"):
                shutil.rmtree(result["jobdir"], ignore_errors=True)
            results.append(result)
            done = len(results)
            eta = (time.monotonic() - t0) / done * (len(todo) - done)
            tampered = result.get("tampered") or {}
            flags = "".join(f" {k}:{','.join(v)}" for k, v in tampered.items() if v)
            extra = f"  {result['message']}" if result.get("message") else ""
            extra += "".join(f"  [{note}]" for note in result.get("notes", []))
            emit(f"[{done:>3}/{len(todo)}] {result['student']:<24} {result['status']:<7} "
                 f"{score:g}/{maximum:g}  ({result.get('seconds', 0):.1f} s, eta {eta:.0f} s){flags}{extra}")

        while jobs or any(w["job"] for w in workers):
            for w in workers:
                if w["job"] is None and jobs:
                    w["job"], w["started"] = jobs.popleft(), time.monotonic()
                    w["conn"].send(w["job"])
            busy = [w for w in workers if w["job"] is not None]
            ready = multiprocessing.connection.wait([w["conn"] for w in busy], timeout=0.5)
            for i, w in enumerate(workers):
                if w["job"] is None:
                    continue
                job = w["job"]
                overdue = time.monotonic() - w["started"] > settings.wall_seconds
                if w["conn"] in ready:
                    try:
                        result = w["conn"].recv()
                    except (EOFError, OSError):
                        result = None
                    if result is not None:
                        w["job"] = None
                        finish(result)
                        continue
                    message = "the grading worker died · 评分进程意外退出"
                elif overdue:
                    message = (f"grading took longer than {settings.wall_seconds:g} s and was stopped · "
                               f"评分超过 {settings.wall_seconds:g} 秒，已被终止")
                else:
                    continue
                w["proc"].kill()
                w["proc"].join()
                _kill_job(job.jobdir)
                shutil.rmtree(job.jobdir, ignore_errors=True)
                workers[i] = spawn()
                finish({"assignment": job.assignment, "student": job.student, "success": False,
                        "status": "timeout" if overdue else "error", "message": message,
                        "tampered": {}, "notes": [], "seconds": time.monotonic() - w["started"]})
        for w in workers:
            try:
                w["conn"].send(None)
            except OSError:
                pass
        for w in workers:
            w["proc"].join(timeout=10)
            if w["proc"].is_alive():
                w["proc"].kill()
    finally:
        stack.close()
        shutil.rmtree(base, ignore_errors=True)
    write_report(root, assignment, results)
    return sorted(results, key=lambda r: r["student"])


def write_report(root: Path, assignment: str, results: list[dict]) -> Path:
    """reports/autograde-<assignment>.json: status, score and messages of every submission."""
    keep = ("student", "assignment", "status", "score", "max_score", "message", "notes", "tampered",
            "seconds", "isolation", "kernels")
    reports = root / "reports"
    reports.mkdir(exist_ok=True)
    path = reports / f"autograde-{assignment}.json"
    rows = [{k: r.get(k) for k in keep} for r in sorted(results, key=lambda r: r["student"])]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use: python -m retention.grading autograde ...")
