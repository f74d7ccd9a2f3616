"""Grading on a Dask cluster: each submission is one task whose files travel as bytes.

No shared file system is assumed. The parent packs what grading one submission needs (the course's
``nbgrader_config.py``, the assignment's release and non-notebook source files, the submission's regular
files, the run's template gradebook and reference file) into a dict of bytes; a Dask worker unpacks it
into a private temporary course and grades it there with this package's own local grader (one worker,
the same sandbox, limits and wall clock), in a fresh process; it sends back the result, the throw-away
gradebook and the autograded files, again as bytes. The parent stays the single gradebook writer.

The workers need the course environment (the same pinned packages as the parent, e.g. in a container
image) and, for data assignments, the data the course's configuration points its kernels at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

#: Largest submission (all its files together) shipped to a worker, in bytes.
MAX_SUBMISSION_BYTES = 200 * 1024 * 1024


def _regular_files(folder: Path, prefix: str, skip=lambda p: False) -> dict[str, bytes]:
    """relative path -> bytes of every regular file under ``folder`` (no symlinks, devices or FIFOs)."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not os.path.islink(os.path.join(dirpath, d))]
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file() or skip(path):
                continue
            files[str(PurePosixPath(prefix, path.relative_to(folder).as_posix()))] = path.read_bytes()
    return files


def pack_job(course_root: str, coursedir, assignment: str, student: str, template_db: str,
             reference: str | None, expected: str | None = None) -> dict[str, bytes]:
    """Everything grading ``student``'s submission needs, as relative path -> bytes."""
    fmt = coursedir.format_path
    files = {"nbgrader_config.py": (Path(course_root) / "nbgrader_config.py").read_bytes(),
             "gradebook.db": Path(template_db).read_bytes()}
    files.update(_regular_files(Path(fmt(coursedir.release_directory, ".", assignment)), f"release/{assignment}"))
    files.update(_regular_files(Path(fmt(coursedir.source_directory, ".", assignment)), f"source/{assignment}",
                                skip=lambda p: p.suffix == ".ipynb"))
    submitted = _regular_files(Path(fmt(coursedir.submitted_directory, student, assignment)),
                               f"submitted/{student}/{assignment}")
    if sum(map(len, submitted.values())) > MAX_SUBMISSION_BYTES:
        raise ValueError(f"{student}'s submission is larger than {MAX_SUBMISSION_BYTES // 2**20} MB")
    files.update(submitted)
    if reference:
        files["reference/" + Path(reference).name] = Path(reference).read_bytes()
    if expected:  # the worker's grader compares with them outside the sandbox; no kernel sees them
        files["expected/" + Path(expected).name] = Path(expected).read_bytes()
    return files


def _unpack(files: dict[str, bytes], root: Path) -> None:
    """Write ``files`` under ``root``; a path that would leave ``root`` is refused."""
    for rel, data in files.items():
        path = PurePosixPath(rel)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"refusing to write {rel!r} outside the job folder")
        target = root.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def grade_packed(files: dict[str, bytes], assignment: str, student: str, overrides: dict) -> dict:
    """Runs on a Dask worker: grade one packed submission in a private course; return result + bytes back."""
    with tempfile.TemporaryDirectory(prefix="nbgs-dask-") as tmp:
        course = Path(tmp) / "course"
        _unpack(files, course)
        (course / "source" / assignment).mkdir(parents=True, exist_ok=True)  # its notebooks stay home: hidden tests
        reference = next((str(p) for p in (course / "reference").glob("*")), None)
        expected = next((str(p) for p in (course / "expected").glob("*")), None)
        spec = {"course": str(course), "assignment": assignment, "student": student, "reference": reference,
                "expected": expected,
                "overrides": {**overrides, "workers": 1, "quiet": True, "engine": "local"}}
        out = Path(tmp) / "result.json"
        done = subprocess.run([sys.executable, "-m", "nbgrader_sandbox.dask_engine", json.dumps(spec), str(out)],
                              capture_output=True, text=True, cwd=tmp)
        if done.returncode != 0 or not out.is_file():
            return {"assignment": assignment, "student": student, "success": False, "status": "error",
                    "message": "grading on the Dask worker failed · Dask 工作进程评分失败: "
                               + ((done.stderr or done.stdout).strip().splitlines() or ["no output"])[-1][:300],
                    "worker_exit": f"status {done.returncode}", "log": (done.stdout + done.stderr)[-20000:],
                    "tampered": {}, "notes": []}
        result = json.loads(out.read_text(encoding="utf-8"))
        result["files"] = {"gradebook.db": (course / "gradebook.db").read_bytes(),
                           **_regular_files(course / "autograded" / student / assignment, "autograded")}
        return result


def unpack_result(result: dict, jobdir: Path) -> dict:
    """On the parent: lay the shipped gradebook and autograded files out as a local job folder would."""
    files = result.pop("files", None) or {}
    if not files:
        return result
    course = jobdir / "c"
    course.mkdir(parents=True)
    (course / "gradebook.db").write_bytes(files.pop("gradebook.db"))
    _unpack({rel.replace("autograded", f"autograded/{result['student']}/{result['assignment']}", 1): data
             for rel, data in files.items()}, course)
    result["jobdir"], result["db_url"] = str(jobdir), f"sqlite:///{course / 'gradebook.db'}"
    return result


def grade_on_dask(settings, run, jobs, finish, emit, coursedir) -> None:
    """Send every job of ``jobs`` (a deque, emptied) to the Dask cluster; ``finish`` each result as it comes."""
    from distributed import Client, LocalCluster, as_completed

    overrides = {k: getattr(settings, k) for k in ("wall_seconds", "memory_mb", "cell_timeout", "isolation",
                                                   "forkserver", "submission_memory_mb", "tmpfs_mb")}
    if settings.dask_scheduler:
        cluster, client = None, Client(settings.dask_scheduler)
    else:  # one process per worker, which may start its own processes (the grader's) itself
        import dask

        dask.config.set({"distributed.worker.daemon": False})
        cluster = LocalCluster(n_workers=settings.n_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1",
                               env={k: v for k, v in settings.kernel_env.items()})
        client = Client(cluster)
    emit(f"engine: dask ({settings.dask_scheduler or f'LocalCluster of {settings.n_workers()} workers'})")
    try:
        futures = {}
        while jobs:
            job = jobs.popleft()
            package = pack_job(run.course_root, coursedir, run.assignment, job.student, run.template_db, run.reference,
                               run.expected)
            futures[client.submit(grade_packed, package, run.assignment, job.student, overrides, pure=False)] = job
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the task itself failed (worker lost, ...): recorded, never silent
                result = {"assignment": run.assignment, "student": job.student, "success": False, "status": "error",
                          "message": f"the Dask task failed · Dask 任务失败: {type(error).__name__}: {error}"[:400],
                          "tampered": {}, "notes": []}
            finish(unpack_result(result, Path(job.jobdir)))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _main(spec_json: str, out: str) -> None:
    """Grade the one submission of a private course (in a fresh process on the worker)."""
    from nbgrader_sandbox.autograde import autograde

    spec = json.loads(spec_json)
    results = autograde(spec["course"], spec["assignment"], students=[spec["student"]], reference=spec["reference"],
                        expected=spec.get("expected"), **spec["overrides"])
    result = results[0]
    keep = {k: v for k, v in result.items() if k not in ("jobdir", "db_url", "score", "max_score", "status")}
    keep["success"] = result.get("status") == "ok" and bool(result.get("success", True))
    if result.get("status") in ("timeout", "error"):
        keep["status"] = result["status"]
    Path(out).write_text(json.dumps(keep, default=str), encoding="utf-8")


if __name__ == "__main__":
    _main(*sys.argv[1:])
