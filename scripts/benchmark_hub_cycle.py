"""Time the multi-user course cycle (tests/grading/test_hub_cycle.py, as root) phase by phase.

Runs the test once and prints the seconds of each phase it recorded in _build/hub-cycle-times.json
(users and course, release, hub and servers, the students' part, collect/autograde/feedback, the
students fetching feedback, clean-up, whole cycle) with the machine's load, so that numbers taken
on a busy machine say so. Usage: .venv/bin/python scripts/benchmark_hub_cycle.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMES = ROOT / "_build" / "hub-cycle-times.json"


def main() -> int:
    if os.geteuid() != 0:
        print("the cycle creates UNIX users: run as root", file=sys.stderr)
        return 2
    TIMES.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
                           "tests/grading/test_hub_cycle.py"], cwd=ROOT)
    if not TIMES.is_file():
        print("the cycle recorded no times", file=sys.stderr)
        return 1
    print(f"\nmulti-user cycle on {os.cpu_count()} cores (load {load:.1f} before, {os.getloadavg()[0]:.1f} after):")
    for phase, seconds in json.loads(TIMES.read_text()).items():
        print(f"  {phase:<40} {seconds:7.1f} s")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
