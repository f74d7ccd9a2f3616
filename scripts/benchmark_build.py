"""Measure the book build side by side: the old way (myst-nb executes every lesson, one after another)
and the per-lesson cache with parallel execution (``make book``), for a clean build, a rebuild with
no change, a one-module change and a failed-then-fixed lesson. Prints ratios and the goal check:

    clean build <= 1.5 x (max(summed lesson time / cores, longest lesson) + Sphinx's own time)

It edits ``src/retention/rfm.py`` and ``notebooks/33_rfm_segments.ipynb`` in place and restores them.
Usage: .venv/bin/python scripts/benchmark_build.py   (about 4 minutes on 2 cores; writes
_build/benchmark-build.json)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
BIN = ROOT / ".venv" / "bin"
MODULE = ROOT / "src" / "retention" / "rfm.py"
LESSON = ROOT / "notebooks" / "33_rfm_segments.ipynb"
LOG = BUILD / "benchmark-build.log"


def clear(*names: str) -> None:
    for name in names:
        shutil.rmtree(BUILD / name, ignore_errors=True)


def timed(command: list[str], expect_ok: bool = True) -> float:
    """Run ``command`` in the project, its output appended to the log; the wall time in seconds."""
    env = dict(os.environ, PATH=f"{BIN}:{os.environ['PATH']}", JUPYTER_PLATFORM_DIRS="1",
               MPLCONFIGDIR=str(BUILD / ".mplconfig"))
    started = time.perf_counter()
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(command)}\n")
        log.flush()
        result = subprocess.run(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - started
    if (result.returncode == 0) != expect_ok:
        sys.exit(f"{' '.join(command)} exited {result.returncode}, expected {'success' if expect_ok else 'failure'}; see {LOG}")
    return seconds


def lesson_seconds() -> dict[str, float]:
    """Each lesson's execution time as recorded in the jupyter-cache."""
    from jupyter_cache import get_cache

    cache = get_cache(str(BUILD / ".jupyter_cache"))
    return {Path(r.uri).stem: (r.data or {}).get("execution_seconds", 0.0) for r in cache.list_cache_records()}


def main() -> None:
    BUILD.mkdir(exist_ok=True)
    LOG.write_text("", encoding="utf-8")
    jupyter_book = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
    make_book = ["make", "--no-print-directory", "book"]
    original_module, original_lesson = MODULE.read_text(encoding="utf-8"), LESSON.read_text(encoding="utf-8")
    cores = len(os.sched_getaffinity(0))
    t: dict[str, float] = {}
    try:
        timed(make_book)  # environment and vendored files ready, outside the timings
        clear(".jupyter_cache", ".doctrees", "html", "jupyter_execute")
        t["before: clean build (serial execution by myst-nb)"] = timed(jupyter_book)
        lessons = lesson_seconds()
        clear(".doctrees", "html", "jupyter_execute")
        t["Sphinx's own time (all outputs cached)"] = timed(jupyter_book)
        clear(".jupyter_cache", ".doctrees", "html", "jupyter_execute")
        t["after: clean build"] = timed(make_book)
        t["after: no-change rebuild"] = timed(make_book)
        MODULE.write_text(original_module + "\n# benchmark edit\n", encoding="utf-8")
        t["after: one-module change (rfm.py)"] = timed(make_book)
        MODULE.write_text(original_module, encoding="utf-8")
        timed(make_book)
        nb = json.loads(original_lesson)
        last = [cell for cell in nb["cells"] if cell["cell_type"] == "code"][-1]
        last["source"] = "".join(last["source"]) + "\nraise RuntimeError('benchmark: a failing lesson')"
        LESSON.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        t["after: failed build (one lesson raises)"] = timed(make_book, expect_ok=False)
        LESSON.write_text(original_lesson, encoding="utf-8")
        t["after: fixed rebuild"] = timed(make_book)
    finally:
        MODULE.write_text(original_module, encoding="utf-8")
        LESSON.write_text(original_lesson, encoding="utf-8")

    summed, longest = sum(lessons.values()), max(lessons.values())
    sphinx = t["Sphinx's own time (all outputs cached)"]
    bound = max(summed / cores, longest) + sphinx
    clean_before, clean_after = t["before: clean build (serial execution by myst-nb)"], t["after: clean build"]
    report = {
        "cores": cores,
        "lessons": len(lessons),
        "lesson_seconds_summed": round(summed, 1),
        "longest_lesson_seconds": round(longest, 1),
        "seconds": {name: round(value, 1) for name, value in t.items()},
        "goal_seconds": round(1.5 * bound, 1),
        "clean_after_over_ideal": round(clean_after / bound, 2),
        "clean_after_over_before": round(clean_after / clean_before, 2),
        "module_change_over_before_clean": round(t["after: one-module change (rfm.py)"] / clean_before, 2),
        "goal_met": clean_after <= 1.5 * bound,
    }
    (BUILD / "benchmark-build.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    for name, value in t.items():
        print(f"{name:50s} {value:6.1f} s")
    print(f"{len(lessons)} lessons: {summed:.1f} s summed, longest {longest:.1f} s, {cores} cores")
    print(f"ideal = max({summed:.1f}/{cores}, {longest:.1f}) + {sphinx:.1f} = {bound:.1f} s; "
          f"clean build {clean_after:.1f} s = {clean_after / bound:.2f} x ideal (goal <= 1.5): "
          f"{'met' if report['goal_met'] else 'NOT met'}")
    print(f"clean build after/before: {report['clean_after_over_before']}; "
          f"one-module change / old clean build: {report['module_change_over_before_clean']}")


if __name__ == "__main__":
    main()
