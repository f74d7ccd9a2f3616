"""Grade N synthetic submissions with stock sequential `nbgrader autograde` and with the parallel
sandboxed grader (`python -m retention.grading autograde`); check the scores are identical and
print both throughputs and their ratio.

    python scripts/benchmark_grading.py            # N = 24, workers = all cores
    python scripts/benchmark_grading.py -n 40 --workers 2
    python scripts/benchmark_grading.py --spawn-kernels   # without the kernel fork server
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import grading_fixtures as gf  # noqa: E402


def scores(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "cbec-retention") as gb:
        return {r["student"]: r["code_score"] for r in gb.submission_dicts(gf.A1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=24, help="number of submissions (default 24)")
    parser.add_argument("--workers", type=int, default=0, help="parallel workers (default: all cores)")
    parser.add_argument("--spawn-kernels", action="store_true",
                        help="parallel grader without its kernel fork server (each kernel started from scratch)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        base = Path(tmp) / "grading"
        shutil.copytree(ROOT / "grading", base, ignore=shutil.ignore_patterns(
            "release", "submitted", "autograded", "feedback", "gradebook.db", "reports"))
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", gf.A1, "--force"],
                       cwd=base, check=True, capture_output=True)
        gf.write_submissions(base, gf.synthetic_submissions(base, args.n))
        runs = {}
        for name, cmd in [
            ("stock nbgrader autograde (sequential)",
             [sys.executable, "-m", "nbgrader", "autograde", gf.A1, "--force"]),
            ("retention.grading autograde (parallel, sandboxed)",
             [sys.executable, "-m", "retention.grading", "--course", ".", "autograde", gf.A1,
              "--workers", str(args.workers), *(["--spawn-kernels"] if args.spawn_kernels else [])]),
        ]:
            course = Path(tmp) / name.split()[0] / "grading"
            shutil.copytree(base, course)
            print(f"{name}: grading {args.n} submissions ...", flush=True)
            start = time.perf_counter()
            subprocess.run(cmd, cwd=course, check=True, capture_output=True, env=env)
            seconds = time.perf_counter() - start
            runs[name] = (seconds, scores(course))
            print(f"  {seconds:.1f} s  ->  {args.n / seconds:.2f} submissions/s", flush=True)
        (t_stock, s_stock), (t_par, s_par) = runs.values()
        same = s_stock == s_par and len(s_stock) == args.n
        print(f"cores: {os.cpu_count()}  submissions: {args.n}")
        print(f"scores identical: {same}")
        print(f"throughput ratio (parallel / stock): {t_stock / t_par:.2f}x")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
