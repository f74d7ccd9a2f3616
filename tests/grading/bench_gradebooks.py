"""Benchmark (not collected by the test suite; run by scripts/benchmark_gradebooks.py): gradebooks and engines.

Grades the same N synthetic submissions of assignment 1 with the parallel grader three ways: local
workers writing an SQLite gradebook, local workers writing a private PostgreSQL server's gradebook
(tests/grading/postgres.py), and a Dask LocalCluster (``engine: dask``) writing the same kind of
PostgreSQL gradebook. Asserts identical scores, prints seconds, submissions/s, ratios to SQLite and CPU
seconds per submission: the grader's and its children's (resource.getrusage RUSAGE_CHILDREN), and
separately the PostgreSQL server's (its postmaster and backends, read with psutil; not a child of the run).
Settings come from the environment: BENCH_N (8), BENCH_WORKERS (2).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import psutil
from postgres import PrivateServer, binaries, release


def _cpu(process: psutil.Process | None) -> float:
    """CPU seconds of a process and of its reaped children (0 without a process)."""
    if process is None:
        return 0.0
    t = process.cpu_times()
    return t.user + t.system + t.children_user + t.children_system


def test_benchmark_gradebooks_and_engines(grading, tmp_path):
    from nbgrader_sandbox.report import read_report

    assert binaries() is not None, "PostgreSQL's server programs are needed: apt-get install postgresql"
    n, workers = int(os.environ.get("BENCH_N", "8")), int(os.environ.get("BENCH_WORKERS", "2"))
    server = PrivateServer().start()
    try:
        postmaster = psutil.Process(server.pid())
        runs = {}
        for name, engine, db in [("local workers, SQLite", "local", "sqlite"),
                                 ("local workers, PostgreSQL", "local", "postgres"),
                                 ("Dask LocalCluster, PostgreSQL", "dask", "postgres")]:
            course = grading.copy_course(grading.COURSE, tmp_path / f"{engine}-{db}" / "grading")
            url = server.create(f"bench_{engine}") if db == "postgres" else f"sqlite:///{course / 'gradebook.db'}"
            release(course, url, grading.A1)
            grading.write_submissions(course, grading.synthetic_submissions(course, n))
            if engine == "dask":
                with open(course / "nbgrader_config.py", "a", encoding="utf-8") as fh:
                    fh.write('\nc.SandboxedAutograde.engine = "dask"\n')
            env = {**os.environ, "PYTHONWARNINGS": "ignore",
                   **({"RETENTION_GRADEBOOK_URL": url} if db == "postgres" else {})}
            cmd = [sys.executable, "-m", "nbgrader_sandbox", "--course", ".", "autograde", grading.A1,
                   "--workers", str(workers)]
            print(f"\n{name}: grading {n} submissions with {workers} workers ...", flush=True)
            pg = postmaster if db == "postgres" else None
            before, pg_before, start = resource.getrusage(resource.RUSAGE_CHILDREN), _cpu(pg), time.perf_counter()
            done = subprocess.run(cmd, cwd=course, capture_output=True, text=True, env=env)
            seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            pg_cpu = _cpu(pg) - pg_before
            scores = {s: (r["score"], r["status"]) for s, r in read_report(course, grading.A1).items()}
            runs[name] = (seconds, cpu, pg_cpu, scores)
            print(f"  {seconds:.1f} s  ->  {n / seconds:.2f} submissions/s; CPU {cpu / n:.2f} s per submission"
                  + (f" + PostgreSQL server {pg_cpu / n:.3f} s" if pg else "")
                  + f" (load average {os.getloadavg()[0]:.1f})", flush=True)
    finally:
        server.stop()
    (base_s, base_cpu, _, base_scores), *_ = runs.values()
    print(f"\ncores: {os.cpu_count()}  submissions: {n}  workers: {workers}  "
          f"load average (1, 5, 15 min): {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'run':<32}{'seconds':>9}{'subm./s':>9}{'time ratio':>12}{'CPU s/subm.':>13}{'CPU ratio':>11}"
          f"{'PG s/subm.':>12}")
    for name, (seconds, cpu, pg_cpu, _) in runs.items():
        print(f"{name:<32}{seconds:>9.1f}{n / seconds:>9.2f}{seconds / base_s:>11.2f}x{cpu / n:>13.2f}"
              f"{cpu / base_cpu:>10.2f}x{pg_cpu / n:>12.3f}")
    print("time ratio and CPU ratio: this run / the SQLite run (above 1: slower, more CPU). "
          "The machine may be shared: wall-clock figures move with other load, CPU seconds much less.")
    print(f"scores identical: {all(r[3] == base_scores for r in runs.values())}")
    assert all(r[3] == base_scores for r in runs.values()) and len(base_scores) == n
