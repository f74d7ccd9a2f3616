"""Benchmark (not collected by the test suite; run by scripts/benchmark_grading.py): stock vs parallel.

Grades N synthetic submissions of assignment 1 with stock sequential ``nbgrader autograde`` and with
``nbgrader-sandbox autograde``, asserts identical scores and prints both throughputs and their ratio,
and the CPU time each spends per submission (all processes, kernels included): a figure other load
on the machine barely changes, unlike wall-clock throughput.
Settings come from the environment: BENCH_N (24), BENCH_WORKERS (0: the grader's default, two per core), BENCH_SPAWN (1:
without the kernel fork server).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time


def test_benchmark_stock_against_parallel(released_course, grading, tmp_path):
    n = int(os.environ.get("BENCH_N", "24"))
    workers = os.environ.get("BENCH_WORKERS", "0")
    spawn = os.environ.get("BENCH_SPAWN") == "1"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    source, _ = released_course
    base = tmp_path / "base" / "grading"
    shutil.copytree(source, base, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "reports"))
    grading.write_submissions(base, grading.synthetic_submissions(base, n))
    runs = {}
    for name, cmd in [
        ("stock nbgrader autograde (sequential)", [sys.executable, "-m", "nbgrader", "autograde", grading.A1, "--force"]),
        ("nbgrader-sandbox autograde (parallel, sandboxed)",
         [sys.executable, "-m", "nbgrader_sandbox", "--course", ".", "autograde", grading.A1, "--workers", workers,
          *(["--spawn-kernels"] if spawn else [])]),
    ]:
        course = tmp_path / name.split()[0] / "grading"
        shutil.copytree(base, course)
        print(f"\n{name}: grading {n} submissions ...", flush=True)
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        subprocess.run(cmd, cwd=course, check=True, capture_output=True, env=env)
        seconds, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        runs[name] = (seconds, grading.scores(course, grading.A1), cpu)
        print(f"  {seconds:.1f} s  ->  {n / seconds:.2f} submissions/s; CPU {cpu / n:.2f} s per submission "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    (t_stock, s_stock, c_stock), (t_par, s_par, c_par) = runs.values()
    print(f"cores: {os.cpu_count()}  submissions: {n}")
    print(f"scores identical: {s_stock == s_par}")
    print(f"throughput ratio (parallel / stock): {t_stock / t_par:.2f}x")
    print(f"CPU per submission (stock / parallel): {c_stock / c_par:.2f}x  (on a quiet machine with k idle cores, "
          "the throughput ratio tends to k times this)")
    assert s_stock == s_par and len(s_stock) == n
