"""Grade the same N synthetic submissions with the parallel grader on an SQLite gradebook, on a private
PostgreSQL server's gradebook, and on a Dask LocalCluster (writing PostgreSQL); check the scores are
identical and print seconds, submissions/s, ratios and CPU seconds per submission side by side. Runs
tests/grading/bench_gradebooks.py with pytest (the grading tests' fixtures); needs PostgreSQL's server
programs (apt-get install postgresql), as tests/grading/test_postgres_gradebook.py does.

    python scripts/benchmark_gradebooks.py              # N = 8, 2 workers
    python scripts/benchmark_gradebooks.py -n 24 --workers 4
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
    parser.add_argument("-n", type=int, default=8, help="number of submissions (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="parallel workers, local or Dask (default 2)")
    args = parser.parse_args()
    os.environ.update(BENCH_N=str(args.n), BENCH_WORKERS=str(args.workers))
    return pytest.main([str(ROOT / "tests" / "grading" / "bench_gradebooks.py"), "-q", "-s",
                        "-p", "no:cacheprovider", f"--rootdir={ROOT}"])


if __name__ == "__main__":
    sys.exit(main())
