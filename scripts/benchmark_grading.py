"""Grade N synthetic submissions with stock sequential `nbgrader autograde` and with the parallel
sandboxed grader (`nbgrader-sandbox autograde`); check the scores are identical and print both
throughputs and their ratio. Runs tests/grading/bench_autograde.py with pytest, so it uses the
grading tests' fixtures (tests/grading/conftest.py).

    python scripts/benchmark_grading.py            # N = 24, workers = the grader's default (two per core)
    python scripts/benchmark_grading.py -n 40 --workers 2
    python scripts/benchmark_grading.py --spawn-kernels   # without the kernel fork server
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=24, help="number of submissions (default 24)")
    parser.add_argument("--workers", type=int, default=0, help="parallel workers (default: the grader's, two per core)")
    parser.add_argument("--spawn-kernels", action="store_true",
                        help="parallel grader without its kernel fork server (each kernel started from scratch)")
    args = parser.parse_args()
    os.environ.update(BENCH_N=str(args.n), BENCH_WORKERS=str(args.workers),
                      BENCH_SPAWN="1" if args.spawn_kernels else "0")
    return pytest.main([str(ROOT / "tests" / "grading" / "bench_autograde.py"), "-q", "-s",
                        "-p", "no:cacheprovider", f"--rootdir={ROOT}"])


if __name__ == "__main__":
    sys.exit(main())
