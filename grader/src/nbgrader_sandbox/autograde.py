"""Parallel, sandboxed autograding with nbgrader's own converter and gradebook.

Design
------
* **Same grader as stock.** Each submission is graded by nbgrader's ``Autograde`` converter with
  the course's ``nbgrader_config.py`` (same preprocessors, same cell timeout, same checksums,
  ``OverwriteCells`` restoring edited and deleted test cells). Only how the kernel starts differs:
  through the kernel provisioner :mod:`nbgrader_sandbox.provisioner`, inside the sandbox of
  :mod:`nbgrader_sandbox.launcher`. Scores are therefore those of ``nbgrader autograde``; the test
  suite and the benchmark check it.
* **Course settings as configuration.** What the kernel may see, what to preload, the limits and how
  to prepare reference results are traits of :class:`nbgrader_sandbox.config.SandboxedAutograde`,
  set in the course's ``nbgrader_config.py``.
* **Test inputs and expected answers once per run.** If the course names a ``reference_command``
  for the assignment, it runs once, before grading and outside the sandbox, into a file that the
  kernels see read-only (its path in ``reference_env``). The course's expected-answers command
  (``CompareHandouts.expected_command``) runs once too, into a folder no kernel sees; the answers the
  test cells hand out are compared with it in the worker, outside the kernel (:mod:`nbgrader_sandbox.handout`).
* **Warm kernels, never reused.** With full isolation each kernel gets a bubblewrap sandbox of its
  own, which a forked process cannot enter; so a worker starts its next submission's kernel while it
  grades the current one (:func:`start_ahead`; its sandbox shows a staged copy of the files nbgrader
  then puts in the working folder, :func:`stage_view`), and nbclient takes that kernel over
  (:func:`nbgrader_sandbox.restore.hand_over`). With isolation ``degraded`` kernels are forked from a
  per-run fork server (:mod:`nbgrader_sandbox.forkserver`) that has already imported ipykernel and
  the configured ``preload`` modules. Either way every submission gets a fresh kernel;
  ``forkserver=False`` (``--spawn-kernels``) starts each one from scratch when its turn comes.
* **Isolation by copying.** A worker grades one submission in a throw-away course under a private
  temporary folder: the submission's regular files (never symlinks), the assignment's non-notebook
  source files, the course config and a *template* SQLite gradebook holding only the assignment
  (built once per run from the real gradebook). Student code never sees the real course: the
  sandbox hides the course folder and the temporary folder (with the other submissions and the
  throw-away gradebook, which holds the hidden tests) and runs the kernel as ``nobody`` with no
  network.
* **One writer.** Workers never touch the real gradebook; the parent copies each submission's
  grades into it (:mod:`nbgrader_sandbox.gradebook`) and the autograded notebooks into
  ``autograded/``.
* **Failures stay local.** Each worker is a forked process; a submission that exceeds its wall
  clock limit is killed (worker and kernel) and recorded as ``timeout``; a crash, a damaged file
  or a missing notebook is recorded with a clear message; a fresh worker takes the next one.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nbgrader_sandbox import bubblewrap, cgroups
from nbgrader_sandbox.config import SandboxedAutograde, course_directory, load_course_config
from nbgrader_sandbox.gradebook import build_template_gradebook, merge_into_gradebook, submission_score
from nbgrader_sandbox.preflight import AssignmentError, check_assignment
from nbgrader_sandbox.report import explain_failure, notable_errors, tamper_report, write_report


def isolation_mode(requested: str = "auto") -> str:
    """'full' (the bubblewrap allow-list sandbox) when bwrap works here, as root or through
    unprivileged user namespaces; else 'degraded' (limits only)."""
    if requested == "degraded":
        return "degraded"
    can, why = bubblewrap.usable()
    if requested == "full" and not can:
        raise RuntimeError(f"full isolation needs bubblewrap: {why}")
    return "full" if can else "degraded"


def limits_mode() -> tuple[str | None, dict, str]:
    """The cgroup hierarchy for whole-submission limits: (kind, parents, what is missing)."""
    return cgroups.detect()


def check_visible_paths(settings: SandboxedAutograde) -> None:
    """Stop before grading if a folder the kernels must read is missing: every kernel would fail on it."""
    missing = [p for p in settings.visible_paths if not os.path.exists(p)]
    if missing:
        raise AssignmentError(f"SandboxedAutograde.visible_paths names folders that do not exist: {', '.join(missing)}; "
                              "fix the paths in the course's nbgrader_config.py (or create them) and run again")


def find_submissions(course_root: str, assignment: str, students=None) -> list[str]:
    """Students with a folder submitted/<student>/<assignment>, sorted (only ``students`` if given)."""
    coursedir = course_directory(course_root)
    submitted = Path(course_root) / coursedir.submitted_directory
    found = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if students:
        found = [s for s in found if s in set(students)]
    return found


# --- what a run prepares once ----------------------------------------------------------------


@dataclasses.dataclass
class Run:
    """What every job of one run shares (set up by the parent before the workers fork)."""

    course_root: str
    assignment: str
    base: str  # the run's private 0700 temporary folder
    template_db: str
    mode: str  # full | degraded
    config: object = None  # the course's nbgrader_config.py as loaded once by the parent (each job takes a copy)
    reference: str | None = None  # read-only file of reference results, if the course prepares one
    expected: str | None = None  # expected answers (JSON), outside every sandbox; read by the grader only
    forkserver: str | None = None  # socket of the kernel fork server, if running
    cgroup_kind: str | None = None  # cgroup-v1 | cgroup-v2 | None: whole-submission limits
    cgroup_parents: dict = dataclasses.field(default_factory=dict)
    limits: str = ""  # what is enforced, for the report

    def cgroup_name(self, job: "Job") -> str:
        """The submission's cgroup name, derived from the run and job, never from the sandbox."""
        return f"{Path(self.base).name}-{job.index}"


def prepare_reference(settings: SandboxedAutograde, base: str, assignment: str) -> str | None:
    """Run the course's ``reference_command`` once into a read-only file; return its path (or None)."""
    if not settings.reference_command or assignment not in settings.reference_assignments:
        return None
    folder = Path(base) / "shared"
    folder.mkdir(mode=0o755)
    output = folder / f"reference-{assignment}.pickle"
    cmd = [part.format(python=sys.executable, output=output, assignment=assignment)
           for part in settings.reference_command]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=base, env={**os.environ, **settings.kernel_env})
    if done.returncode != 0 or not output.is_file():
        raise RuntimeError(f"the reference command failed ({' '.join(cmd)}): "
                           f"{(done.stdout + done.stderr).strip()[-2000:]}")
    output.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return str(output)


def prepare_expected(config, base: str, assignment: str, template_db: str, course_id: str,
                     env: dict | None = None) -> str | None:
    """Run the course's expected-answers command (``CompareHandouts.expected_command``) once, into a
    folder no kernel sees; check it names every autograded test; return its path (or None)."""
    from nbgrader.api import Gradebook

    from nbgrader_sandbox.handout import run_expected_command

    command = config.CompareHandouts.get("expected_command") if "CompareHandouts" in config else None
    if not command:
        return None
    folder = Path(base) / "expected"
    folder.mkdir(mode=0o700)
    output = folder / f"expected-{assignment}.json"
    expected = run_expected_command(list(command), assignment, str(output), env)
    with Gradebook(f"sqlite:///{template_db}", course_id) as gb:
        tests = {nb.name: sorted(c.name for c in nb.grade_cells if c.cell_type == "code")
                 for nb in gb.find_assignment(assignment).notebooks}
    missing = [f"{name}:{test}" for name, ids in tests.items() if expected.get(name)
               for test in ids if test not in expected[name]]
    if missing:
        raise AssignmentError(f"the expected answers of {assignment} do not cover the tests {missing}: add them "
                              f"to the course's expected-answers command ({' '.join(command)})")
    return str(output)


def start_forkserver(settings: SandboxedAutograde, base: str):
    """Start the run's kernel fork server with the configured preloads."""
    from nbgrader_sandbox.forkserver import ForkServer

    env = {k: v for k, v in os.environ.items() if k in settings.env_keep}
    env.update(settings.base_kernel_env(), HOME=base, IPYTHONDIR=os.path.join(base, "ipython"),
               MPLCONFIGDIR=os.path.join(base, "mpl"), XDG_CACHE_HOME=os.path.join(base, "cache"))
    return ForkServer(base, list(settings.preload), env)


# --- the worker -----------------------------------------------------------------------------


@dataclasses.dataclass
class Job:
    student: str
    index: int
    base: str

    @property
    def jobdir(self) -> str:
        return os.path.join(self.base, f"j{self.index:04d}")


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


def sandbox_spec(settings: SandboxedAutograde, run: Run, workdir: Path, run_dir: Path, slot: int = 0) -> dict:
    """What the launcher and :func:`nbgrader_sandbox.bubblewrap.command` need: an allow-list of
    folders, limits, user, environment."""
    home = bubblewrap.HOME if run.mode == "full" else str(run_dir)  # full: a private sized tmpfs
    env = {"HOME": home, "IPYTHONDIR": f"{home}/.ipython", "MPLCONFIGDIR": f"{home}/.mpl",
           "XDG_CACHE_HOME": f"{home}/.cache", "JUPYTER_RUNTIME_DIR": str(run_dir), "TMPDIR": "/tmp",
           **settings.base_kernel_env()}
    if run.reference and settings.reference_env:
        env[settings.reference_env] = run.reference
    spec = {
        "isolation": run.mode,
        "workdir": str(workdir),
        "run_dir": str(run_dir),
        # All the kernel sees of the disk besides the system: the Python installation and the
        # course's configured folders, read-only (the reference file's folder too). The environment
        # also at its own path when that is a symbolic link: the kernel is started by that path.
        "visible": sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix), os.path.abspath(sys.prefix),
                           *(os.path.realpath(p) for p in settings.visible_for(run.assignment) if os.path.exists(p))}),
        "read_only": [str(Path(run.reference).parent)] if run.reference else [],
        "tmpfs_bytes": settings.tmpfs_mb * 1024 * 1024,
        "memory_bytes": settings.memory_mb * 1024 * 1024,
        "file_bytes": settings.file_mb * 1024 * 1024,
        "processes": settings.processes,
        "cpu_seconds": int(settings.wall_seconds) + 5,
        "env_keep": list(settings.env_keep),
        "env": env,
        "drop_to": None,
        "cgroups": [],
    }
    if run.mode == "full" and os.geteuid() == 0:
        uid = bubblewrap.worker_uid(slot)  # this worker's own identity (one of two): no two live kernels share one
        spec["drop_to"] = [uid, uid]
    return spec


def _grading_config(settings: SandboxedAutograde, run: Run, course: Path, kernel_name: str):
    cfg = copy.deepcopy(run.config)  # loading the course's configuration again per submission cost ~30 ms
    cfg.CourseDirectory.root = str(course)
    cfg.CourseDirectory.db_url = f"sqlite:///{course / 'gradebook.db'}"
    if settings.cell_timeout is not None:
        cfg.Execute.timeout = settings.cell_timeout
    # Every notebook runs in the sandbox kernel, whatever kernel its (student-controlled) metadata names.
    cfg.Execute.kernel_name = kernel_name
    # Once the last cell has run, the kernel is killed (its sandbox and cgroup go with it) instead of
    # being asked to shut down and waited for: 0.3 s per notebook, and nothing of it is read back.
    cfg.Execute.shutdown_kernel = "immediate"
    if run.expected:  # answers compared outside the kernel with what it never sees (handout.py)
        cfg.CompareHandouts.expected_file = run.expected
    # Warnings cost no points; outputs capped by bytes; damaged submissions graded as far as possible.
    from nbgrader.converters import Autograde

    from nbgrader_sandbox import preprocessors

    for step in ("sanitize_preprocessors", "autograde_preprocessors"):  # grade what can be graded (restore.py)
        current = cfg.Autograde.get(step) or Autograde.class_traits()[step].default()
        setattr(cfg.Autograde, step, getattr(preprocessors, step)(list(current)))
    return cfg


@dataclasses.dataclass
class Prepared:
    """One submission's throw-away course, sandbox spec and configuration, ready to grade."""

    job: Job
    course: Path
    workdir: Path
    run_dir: Path
    pid_dir: Path
    spec: dict
    kernel_name: str
    cfg: object
    slot: int = 0  # which of the worker's two identities its kernel runs as
    km: object = None  # the manager of a kernel started ahead (:func:`start_ahead`), until a notebook takes it


def prepare_job(job: Job, settings: SandboxedAutograde, run: Run, slot: int = 0, ahead: bool = False) -> Prepared:
    """Copy the submission into its throw-away course; write its sandbox spec, kernel spec and cgroup.

    ``slot`` picks one of the worker's two identities; ``ahead``: the kernel starts before nbgrader
    fills the working folder, so the sandbox shows the files of a staged copy (:func:`stage_view`).
    """
    from nbgrader_sandbox.provisioner import NAME, write_kernel_spec

    assignment, student = run.assignment, job.student
    coursedir = course_directory(run.course_root, run.config)
    jobdir = Path(job.jobdir)
    jobdir.mkdir(mode=0o700)
    course, run_dir, pid_dir = jobdir / "c", jobdir / "r", jobdir / "pids"
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    _copy_regular_files(submitted, course / "submitted" / student / assignment)
    _copy_regular_files(source, course / "source" / assignment, skip=lambda p: p.suffix == ".ipynb")
    shutil.copyfile(run.template_db, course / "gradebook.db")
    run_dir.mkdir()
    pid_dir.mkdir()
    workdir = course / "autograded" / student / assignment
    workdir.mkdir(parents=True)
    spec = sandbox_spec(settings, run, workdir, run_dir, slot)
    if spec["drop_to"]:
        for path in (workdir, run_dir):
            os.chown(path, *spec["drop_to"])
    cfg = _grading_config(settings, run, course, NAME)
    if ahead:
        spec["view"] = str(stage_view(course, jobdir / "view", student, assignment, cfg))
    try:
        if run.cgroup_kind:  # the whole submission's limits; torn down after grading, whatever happens
            spec["cgroups"] = cgroups.create(run.cgroup_kind, run.cgroup_parents, run.cgroup_name(job),
                                             settings.submission_memory_mb * 1024 * 1024 or spec["memory_bytes"],
                                             settings.processes)
        # The kernel spec lives in the job folder (hidden from the kernel); only this worker reads it.
        kernel_name = write_kernel_spec(jobdir, spec, run.forkserver, str(pid_dir))
    except BaseException:
        cgroups.destroy(spec["cgroups"])
        raise
    return Prepared(job, course, workdir, run_dir, pid_dir, spec, kernel_name, cfg, slot)


def stage_view(course: Path, view: Path, student: str, assignment: str, cfg) -> Path:
    """What nbgrader will have put in the working folder when it starts the first kernel, copied to
    ``view``: the submission's other files, then the assignment's source files over them (nbgrader's
    own file lists), and an empty file for each notebook (the sandbox shows none of their contents)."""
    from nbgrader.utils import find_all_files

    coursedir = course_directory(str(course), cfg)
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    excluded = {str(source / name) for name in cfg.Autograde.get("exclude_overwriting", {}).get(assignment, [])}
    view.mkdir()
    for folder, skip in ((submitted, set()), (source, excluded)):
        for name in find_all_files(str(folder), coursedir.ignore + ["*.ipynb"]):
            if name not in skip:
                target = view / Path(name).relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(name, target)
    for notebook in submitted.glob("*.ipynb"):
        (view / notebook.name).touch()
    return view


def start_ahead(job: Job, settings: SandboxedAutograde, run: Run, slot: int) -> Prepared:
    """Prepare ``job`` and start its kernel now, so it boots while the worker grades the one before."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    prepared = prepare_job(job, settings, run, slot, ahead=True)
    try:
        specs = KernelSpecManager(kernel_dirs=[str(Path(job.jobdir) / "kernels")])
        prepared.km = AsyncKernelManager(kernel_name=prepared.kernel_name, config=prepared.cfg,
                                         kernel_spec_manager=specs)
        run_sync(prepared.km.start_kernel)()
    except BaseException:
        discard(prepared, run)
        raise
    return prepared


def stop_kernel(km) -> None:
    """Kill a kernel started ahead that no notebook used (its sandbox and cgroup go with it)."""
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
        run_sync(km.cleanup_resources)()


def discard(prepared: Prepared, run: Run) -> None:
    """Undo :func:`prepare_job` (and :func:`start_ahead`) for a submission that will not be graded here."""
    if prepared.km is not None:
        stop_kernel(prepared.km)
    _kill_job(prepared.job, run)
    shutil.rmtree(prepared.job.jobdir, ignore_errors=True)


def grade_in_sandbox(job: Job, settings: SandboxedAutograde, run: Run, prepared: Prepared | None = None) -> dict:
    """Grade one submission in a throw-away course; return a result dict (runs in a worker)."""
    from nbgrader.converters import Autograde
    from nbgrader.utils import capture_log

    from nbgrader_sandbox import restore

    started = time.monotonic()
    assignment, student = run.assignment, job.student
    prepared = prepared or prepare_job(job, settings, run)
    coursedir = course_directory(run.course_root, run.config)
    jobdir, course, workdir, spec = Path(job.jobdir), prepared.course, prepared.workdir, prepared.spec
    submitted = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
    release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment))
    os.environ["JUPYTER_PATH"] = str(jobdir)
    expected = [p.name for p in release.glob("*.ipynb")]
    found = sorted(p.name for p in submitted.glob("*.ipynb"))
    result = {"assignment": assignment, "student": student, "jobdir": str(jobdir),
              "db_url": f"sqlite:///{course / 'gradebook.db'}", "isolation": run.mode,
              "kernels": "forked" if run.forkserver and run.mode != "full" else "spawned", "tampered": {},
              "limits": run.limits}
    try:
        result["tampered"] = tamper_report(release, course / "submitted" / student / assignment)
    except Exception as error:  # never let the report stop the grading
        result["tampered"] = {"unchecked": [f"{type(error).__name__}: {error}"]}
    gcd = course_directory(str(course), prepared.cfg)
    gcd.assignment_id, gcd.student_id = assignment, student
    app = Autograde(coursedir=gcd, config=prepared.cfg)
    app.force, app.create_student = True, True
    if prepared.km is not None:
        restore.hand_over(prepared.km)
    try:
        outcome = capture_log(app)
    finally:  # every process the submission started, gone
        unused = restore.take_back()
        if unused is not None:
            stop_kernel(unused)
        elif prepared.km is not None:
            result["kernels"] = "started ahead"
        result["leftover"] = len(cgroups.members(spec["cgroups"]))
        cgroups.destroy(spec["cgroups"])
    text = (outcome.get("log") or "") + "\n" + (outcome.get("error") or "")
    result["success"] = bool(outcome["success"]) and any(workdir.glob("*.ipynb"))
    result["log"] = text[-20000:]
    result["notes"] = notable_errors(workdir) if result["success"] else []
    if not result["success"]:
        result["message"] = explain_failure(text, expected, found)
        result["kernel_log"] = kernel_log_tail(prepared.run_dir / "kernel.log")
        result["kernel_exit"] = kernel_exits(prepared.pid_dir)
    elif set(expected) - set(found):
        result["notes"].append(f"missing notebooks scored 0: {sorted(set(expected) - set(found))} · 缺少的笔记本记 0 分")
    result["seconds"] = round(time.monotonic() - started, 2)
    return result


def _worker_main(conn, settings: SandboxedAutograde, run: Run) -> None:
    """Grade the submissions the parent sends, one at a time. Each message is (job, upcoming): with
    full isolation the kernel of ``upcoming`` (this worker's next submission) is started first, so it
    boots while ``job`` is graded; every kernel is still a fresh one in a sandbox of its own."""
    import warnings

    from jupyter_client.provisioning import KernelProvisionerFactory

    from nbgrader_sandbox.provisioner import NAME

    warnings.filterwarnings("ignore")  # nbformat's warnings about students' files go to the report
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    # Fail closed: in this worker, a kernel spec without its own provisioner (e.g. the installed
    # "python3") would also get the sandbox provisioner, which refuses to start without settings.
    KernelProvisionerFactory.instance().default_provisioner_name = NAME
    ahead: Prepared | None = None
    while True:
        try:
            message = conn.recv()
        except EOFError:
            message = None
        if message is None:
            if ahead is not None:
                discard(ahead, run)
            return
        job, upcoming = message
        prepared = ahead if ahead is not None and ahead.job.index == job.index else None
        if ahead is not None and prepared is None:  # started for another job (the parent never does this)
            discard(ahead, run)
        ahead = None
        try:
            if prepared is None:
                prepared = prepare_job(job, settings, run, slot=0)
            if upcoming is not None:
                with contextlib.suppress(Exception):  # it then starts cold, when its turn comes
                    ahead = start_ahead(upcoming, settings, run, slot=1 - prepared.slot)
            result = grade_in_sandbox(job, settings, run, prepared)
            result["worker_cpu"] = round(sum(os.times()[:2]), 2)
        except Exception:
            result = {"assignment": run.assignment, "student": job.student, "success": False,
                      "message": "internal grading error · 评分程序内部错误: "
                                 + traceback.format_exc().strip().splitlines()[-1],
                      "log": traceback.format_exc(), "tampered": {}, "notes": []}
        conn.send(result)


def install_autograded(result: dict, coursedir) -> None:
    """Replace autograded/<student>/<assignment> with this run's result.

    If grading failed, an earlier autograded copy is not deleted: it is moved to
    reports/kept/<assignment>/<student>/ (replacing an older kept copy) and the result says so.
    """
    dest = Path(coursedir.format_path(coursedir.autograded_directory, result["student"], result["assignment"]))
    if dest.exists() and not result.get("success"):
        kept = Path(coursedir.root) / "reports" / "kept" / result["assignment"] / result["student"]
        if kept.exists():
            shutil.rmtree(kept)
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(dest), str(kept))
        result.setdefault("notes", []).append(
            f"the previous autograded copy was kept at {kept} (its score no longer counts) · "
            f"之前的自动评分副本保存在 {kept}（其分数不再计入）")
    elif dest.exists():
        shutil.rmtree(dest)
    if result.get("success"):
        src = Path(result["jobdir"]) / "c" / "autograded" / result["student"] / result["assignment"]
        _copy_regular_files(src, dest, limit_bytes=200 * 1024 * 1024)


def _kill_job(job: Job, run: Run) -> None:
    """Kill every process of a job whose worker was killed: its cgroup (members listed by the kernel
    of Linux), and the pid the grader's own provisioner recorded, outside the sandbox (never < 2)."""
    if run.cgroup_kind:
        cgroups.destroy(cgroups.group_paths(run.cgroup_kind, run.cgroup_parents, run.cgroup_name(job)))
    for pidfile in (Path(job.jobdir) / "pids").glob("*.pid"):
        try:
            pid = int(pidfile.read_text())
            if pid > 1:
                os.kill(pid, signal.SIGKILL)
        except (ValueError, OSError):
            pass


def worker_exit(code: int | None) -> str:
    """How a grading worker ended, for the report: its exit status or the signal that killed it."""
    return "still running" if code is None else exit_status(code)


def exit_status(code: int) -> str:
    """A process's exit status in words; bubblewrap reports a child killed by signal N as 128 + N."""
    def name(number: int) -> str:
        try:
            return signal.Signals(number).name
        except ValueError:
            return f"signal {number}"
    if code < 0:
        return f"killed by {name(-code)}"
    if code > 128:
        return f"status {code} (killed by {name(code - 128)})"
    return f"status {code}"


def kernel_exits(pid_dir: Path) -> list[str]:
    """How the submission's kernels ended, as the grader's own provisioner recorded it (outside the sandbox)."""
    found = []
    for path in sorted(Path(pid_dir).glob("*.exit")):
        try:
            found.append(exit_status(int(path.read_text())))
        except (OSError, ValueError):
            continue
    return found


def run_folder_overfull(folder: Path, limit_mb: int, max_entries: int = 10_000) -> bool:
    """Whether a kernel's run folder (on the grader's disk: its sockets must be) holds more than ``limit_mb``.

    Only sizes and counts are read (``lstat``, no link followed, no content); more than ``max_entries``
    files counts as full. Checked by the parent every half second: the one disk place a kernel writes.
    """
    total, seen, stack = 0, 0, [str(folder)]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen > max_entries:
                        return True
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        total += entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return total > limit_mb * 1024 * 1024


def kernel_log_tail(path: Path, lines: int = 20, max_bytes: int = 4096) -> list[str]:
    """The last lines of a kernel's console log, for the report only (the kernel wrote it: never acted on)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - max_bytes))
            text = fh.read(max_bytes).decode("utf-8", "replace")
    except OSError:
        return []
    return [line[:300] for line in text.splitlines() if line.strip()][-lines:]


# --- the pool -------------------------------------------------------------------------------


def make_settings(course_root: str, **overrides) -> SandboxedAutograde:
    """The course's :class:`SandboxedAutograde` configuration, with ``overrides`` (e.g. command-line options)."""
    return SandboxedAutograde(config=load_course_config(course_root), **overrides)


def autograde(course_root: str, assignment: str, students=None, progress=None, reference: str | None = None,
              expected: str | None = None, **overrides) -> list[dict]:
    """Autograde every submission of ``assignment`` in parallel; return one result per submission.

    Settings come from the course's nbgrader_config.py (:class:`SandboxedAutograde`); ``overrides``
    (trait names, e.g. ``workers=2``) take precedence. ``reference``, ``expected``: already prepared test
    inputs and expected answers (a Dask worker gets the parent's, see :mod:`nbgrader_sandbox.dask_engine`).
    """
    # Import everything the workers need before forking, so they start instantly.
    import nbformat  # noqa: F401
    from nbgrader.converters import Autograde  # noqa: F401

    import nbgrader_sandbox.provisioner  # noqa: F401

    root = Path(course_root).resolve()
    config = load_course_config(str(root))
    settings = SandboxedAutograde(config=config, **overrides)
    coursedir = course_directory(str(root), config)
    db_url, course_id = coursedir.db_url, coursedir.course_id
    mode = isolation_mode(settings.isolation)
    emit = progress or (lambda line: None if settings.quiet else print(line, flush=True))
    check_assignment(root, coursedir, assignment)
    check_visible_paths(settings)
    todo = find_submissions(str(root), assignment, students)
    if students and set(students) - set(todo):
        raise AssignmentError(f"no submission of {assignment!r} from {sorted(set(students) - set(todo))}")
    if not settings.force:
        todo = [s for s in todo if not Path(coursedir.format_path(coursedir.autograded_directory, s, assignment)).exists()]
    if not todo:
        emit(f"{assignment}: nothing to autograde")
        return []
    base = tempfile.mkdtemp(prefix="nbgs-")
    os.chmod(base, 0o700)
    results, workers = [], []
    stack = contextlib.ExitStack()
    try:
        template = Path(base) / "template.db"
        build_template_gradebook(db_url, course_id, assignment, template)
        run = Run(str(root), assignment, base, str(template), mode, config)
        run.cgroup_kind, run.cgroup_parents, missing = limits_mode()
        limits = f"{run.cgroup_kind} memory+pids" if run.cgroup_kind else f"per process only ({missing})"
        if mode == "full":
            limits += f", tmpfs /tmp /dev/shm home {settings.tmpfs_mb} MB each"
        run.limits = limits
        jobs = deque(Job(s, i, base) for i, s in enumerate(todo, 1))
        n = min(settings.n_workers(), len(jobs))
        emit(f"{assignment}: autograding {len(jobs)} submissions with {n} workers "
             f"(isolation: {mode}, memory {settings.memory_mb} MB, wall limit {settings.wall_seconds:g} s)")
        emit(f"limits: {limits}")
        # The test inputs and the expected answers are two independent course commands: run side by side.
        with ThreadPoolExecutor(2) as pool:
            inputs = pool.submit(lambda: reference or prepare_reference(settings, base, assignment))
            answers = pool.submit(lambda: expected or prepare_expected(config, base, assignment, str(template),
                                                                       course_id, settings.kernel_env))
            run.reference, run.expected = inputs.result(), answers.result()
        if run.expected:
            emit("expected answers: prepared once, outside the sandbox (answers handed out by the tests are compared there)")
        if run.reference:
            emit(f"test inputs: prepared once, read-only ({Path(run.reference).name})")
        ahead = settings.forkserver and mode == "full"  # a forked kernel cannot enter new namespaces
        if ahead:
            emit("kernels: each in its own bubblewrap sandbox, a worker's next one started while it grades")
        elif mode == "full":
            emit("kernels: spawned one by one, each in its own bubblewrap sandbox")
        elif settings.forkserver:
            try:
                server = start_forkserver(settings, base)
                stack.callback(server.stop)
                run.forkserver = server.socket  # the workers fork after this, with the run
                emit(f"kernels: forked from a warm server (preloaded: {', '.join(server.modules) or '-'})")
            except Exception as error:
                emit(f"kernels: spawned one by one (fork server unavailable: {error})")
        ctx = multiprocessing.get_context("fork")

        def spawn():
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_worker_main, args=(child, settings, run), daemon=True)
            proc.start()
            child.close()
            return {"proc": proc, "conn": parent, "job": None, "next": None, "started": 0.0}

        workers = [spawn() for _ in range(n if settings.engine == "local" else 0)]
        t0 = time.monotonic()
        import warnings

        import sqlalchemy
        from nbgrader.api import Gradebook

        warnings.filterwarnings("ignore", category=sqlalchemy.exc.SAWarning)  # nbgrader's own, harmless
        real_gb = Gradebook(db_url, course_id)  # the single writer for this run
        stack.callback(real_gb.close)

        def finish(result: dict):
            merge_into_gradebook(real_gb, result, course_id)
            install_autograded(result, coursedir)
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

        if settings.engine == "dask":  # one task per submission on the cluster; this process stays the writer
            from nbgrader_sandbox.dask_engine import grade_on_dask

            grade_on_dask(settings, run, jobs, finish, emit, coursedir)
        def dispatch(w):
            """Give an idle worker its next submission, and tell it which one follows (reserved for it)."""
            if w["job"] is None and (w["next"] or jobs):
                w["job"], w["started"] = w["next"] or jobs.popleft(), time.monotonic()
                w["next"] = jobs.popleft() if ahead and jobs else None
                w["conn"].send((w["job"], w["next"]))

        while jobs or any(w["job"] for w in workers):
            for w in workers:
                dispatch(w)
            busy = [w for w in workers if w["job"] is not None]
            ready = multiprocessing.connection.wait([w["conn"] for w in busy], timeout=0.5)
            for i, w in enumerate(workers):
                if w["job"] is None:
                    continue
                job = w["job"]
                overdue = time.monotonic() - w["started"] > settings.wall_seconds
                overfull = w["conn"] not in ready and run_folder_overfull(Path(job.jobdir) / "r", settings.tmpfs_mb)
                if w["conn"] in ready:
                    try:
                        result = w["conn"].recv()
                    except (EOFError, OSError):
                        result = None
                    if result is not None:
                        w["job"] = None
                        dispatch(w)  # the worker's next submission first: merging takes the parent ~0.2 s
                        finish(result)
                        continue
                    message = "the grading worker died · 评分进程意外退出"
                    w["proc"].join(timeout=5)
                elif overdue:
                    message = (f"grading took longer than {settings.wall_seconds:g} s and was stopped · "
                               f"评分超过 {settings.wall_seconds:g} 秒，已被终止")
                elif overfull:
                    message = (f"the kernel wrote more than {settings.tmpfs_mb} MB into its run folder and was stopped · "
                               f"内核向其运行文件夹写入超过 {settings.tmpfs_mb} MB，已被终止")
                else:
                    continue
                died = worker_exit(w["proc"].exitcode)  # before the kill below: how the worker ended by itself
                w["proc"].kill()
                w["proc"].join()
                kernel_log = kernel_log_tail(Path(job.jobdir) / "r" / "kernel.log")
                _kill_job(job, run)
                shutil.rmtree(job.jobdir, ignore_errors=True)
                if w["next"] is not None:  # its kernel, started ahead, died with the worker: grade it afresh
                    _kill_job(w["next"], run)
                    shutil.rmtree(w["next"].jobdir, ignore_errors=True)
                    jobs.appendleft(w["next"])
                workers[i] = spawn()
                finish({"assignment": assignment, "student": job.student, "success": False,
                        "status": "timeout" if overdue else "error", "message": message,
                        "worker_exit": "killed by the grader (wall clock limit)" if overdue else
                                       "killed by the grader (run folder full)" if overfull else died,
                        "kernel_log": kernel_log, "isolation": run.mode, "limits": run.limits,
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
        for w in workers:  # only after an interruption: the kernels and cgroups of unfinished work
            if w["proc"].is_alive():
                w["proc"].kill()
            for job in (w["job"], w["next"]):
                if job is not None:
                    _kill_job(job, run)
        stack.close()
        shutil.rmtree(base, ignore_errors=True)
    write_report(root, assignment, results)
    return sorted(results, key=lambda r: r["student"])
