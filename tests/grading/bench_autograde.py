"""Benchmark (not collected by the test suite; run by scripts/benchmark_grading.py): stock vs parallel.

Grades N synthetic submissions of assignment 1 with stock sequential ``nbgrader autograde`` and with
``nbgrader-sandbox autograde``, asserts identical scores and prints both throughputs and their ratio,
and the CPU time the machine spends per submission (all processes, from /proc/stat, so a kernel
killed after its notebook ran is counted too, which resource usage of children misses). On a quiet
machine it is a figure other load barely changes, unlike wall-clock throughput; anything else
running at the same time is counted in it.
Settings come from the environment: BENCH_N (24), BENCH_WORKERS (0: the grader's default, two per core), BENCH_SPAWN (1:
without the kernel fork server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time


def machine_cpu_seconds() -> float:
    """CPU seconds the machine has spent busy since boot (all cores; /proc/stat, in clock ticks)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


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
        before, start = machine_cpu_seconds(), time.perf_counter()
        subprocess.run(cmd, cwd=course, check=True, capture_output=True, env=env)
        seconds, cpu = time.perf_counter() - start, machine_cpu_seconds() - before
        runs[name] = (seconds, grading.scores(course, grading.A1), cpu)
        print(f"  {seconds:.1f} s  ->  {n / seconds:.2f} submissions/s; machine CPU {cpu / n:.2f} s per submission "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    (t_stock, s_stock, c_stock), (t_par, s_par, c_par) = runs.values()
    print(f"cores: {os.cpu_count()}  submissions: {n}")
    print(f"scores identical: {s_stock == s_par}")
    print(f"throughput ratio (parallel / stock): {t_stock / t_par:.2f}x")
    print(f"CPU per submission (stock / parallel): {c_stock / c_par:.2f}x  (on a quiet machine with k idle cores, "
          "the throughput ratio tends to k times this)")
    assert s_stock == s_par and len(s_stock) == n
