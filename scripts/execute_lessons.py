"""Execute the lessons whose inputs changed, in parallel, into the jupyter-cache that the book build reads.

Run before ``jupyter-book build``: for every lesson in ``_toc.yml`` it compares the lesson's inputs
(see ``lesson_keys.py``) with those of its last successful run, drops stale cache records, executes the
stale lessons with jupyter-cache's ``local-parallel`` executor (one worker per core) and records the
new inputs. The build then only reuses cached outputs. It prints why each lesson runs again, and
fails, naming the lesson and the cell, when a lesson raises, times out or writes to stderr (the same
lessons that would fail ``jupyter-book build -W``).

Usage: python scripts/execute_lessons.py [--serial] [--cache _build/.jupyter_cache]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

import nbformat
from jupyter_cache import get_cache
from jupyter_cache.cache.db import NbProjectRecord
from jupyter_cache.executors import load_executor

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lesson_keys  # noqa: E402  (a sibling script, not an installed module)

ROOT = lesson_keys.ROOT
#: Inputs of every lesson's last successful run, kept inside the cache so clearing one clears both.
KEYS_FILE = "lesson_inputs.json"
#: Every page's rendering depends on these (and on the package modules the extensions and
#: ``_config.yml`` use): when they change, Sphinx reads every page again, without executing anything.
PAGE_INPUTS = ("_config.yml", "_toc.yml", "requirements.txt", "book/_ext")
#: Package code the Sphinx configuration names besides the extensions' imports (myst_heading_slug_func).
CONFIG_IMPORTS = "import retention.glossary"
#: stderr_output settings of myst-nb under which a stderr output is a build warning (an error with -W).
STDERR_FAILS = {"warn", "error", "severe", "remove-warn"}


def load_keys(cache_dir: Path) -> dict:
    path = cache_dir / KEYS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def save_keys(cache_dir: Path, keys: dict) -> None:
    (cache_dir / KEYS_FILE).write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")


def cached_record(cache, notebook: Path):
    """The cache record whose code matches ``notebook`` now, or None."""
    try:
        return cache.match_cache_notebook(nbformat.read(notebook, as_version=4))
    except KeyError:
        return None


def drop_records(cache, notebook: Path) -> None:
    """Remove every cached run of ``notebook`` (by path, and any record matching its current code)."""
    uri = str(notebook.resolve())
    records = [r for r in cache.list_cache_records() if r.uri == uri]
    match = cached_record(cache, notebook)
    for pk in {r.pk for r in records} | ({match.pk} if match else set()):
        try:
            cache.remove_cache(pk)
        except KeyError:  # the record's files are already gone
            pass


def stderr_cells(nb) -> list[str]:
    """``code cell N: first line of stderr`` for every code cell that wrote to stderr (N counts from 1)."""
    found = []
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = (output.get("text", "").strip().splitlines() or [""])[0]
                found.append(f"code cell {number}: {first[:200]}")
    return found


def page_inputs() -> dict[str, str]:
    """What every page's rendering depends on (configuration, toc, extensions and the package code they use)."""
    files = []
    for name in PAGE_INPUTS:
        path = ROOT / name
        files += sorted(p for p in path.rglob("*.py")) if path.is_dir() else [path]
    extension_code = [p.read_text(encoding="utf-8") for p in files if p.suffix == ".py"]
    files += list(lesson_keys.import_closure(extension_code + [CONFIG_IMPORTS], ROOT / "src").values())
    return {p.relative_to(ROOT).as_posix(): lesson_keys.digest_file(p) for p in files}


def forget_pages(build_dir: Path, docnames: list[str]) -> None:
    """Make Sphinx read these pages again: it rebuilds any page whose doctree file is missing."""
    for docname in docnames:
        (build_dir / ".doctrees" / f"{docname}.doctree").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=str(ROOT / "_build" / ".jupyter_cache"))
    parser.add_argument("--serial", action="store_true", help="one lesson at a time (for measuring)")
    args = parser.parse_args(argv)
    cache_dir, build_dir = Path(args.cache), ROOT / "_build"
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    cache = get_cache(str(cache_dir))
    settings = lesson_keys.execute_settings()
    keys = load_keys(cache_dir)

    pages = page_inputs()
    if keys.get("_pages") != pages and (build_dir / ".doctrees").exists():
        old = keys.get("_pages")
        why = lesson_keys.why_changed(old, pages) if isinstance(old, dict) else "no earlier build recorded"
        print(f"every page is read again, cached outputs reused: {why}")
        for path in (build_dir / ".doctrees").rglob("*.doctree"):
            path.unlink()

    lessons = lesson_keys.toc_lessons()
    # Forget lessons whose notebook is gone (one only left out of _toc.yml keeps its record).
    keys = {name: value for name, value in keys.items() if name.startswith("_") or (ROOT / f"{name}.ipynb").is_file()}
    stale: dict[Path, dict] = {}
    for notebook in lessons:
        rel = _rel(notebook)
        inputs = lesson_keys.lesson_inputs(notebook)
        old = keys.get(rel)
        reason = lesson_keys.why_changed(old and old["inputs"], inputs)
        if not reason and old.get("failed"):
            reason = f"its last run failed ({old['failed']})"
        elif not reason and cached_record(cache, notebook) is None:
            reason = "no cached outputs (the cache was cleared)"
        if reason:
            print(f"{rel}: {reason}")
            stale[notebook] = inputs
    if not stale:
        print(f"all {len(lessons)} lessons are up to date")
        keys["_pages"] = pages
        save_keys(cache_dir, keys)
        return 0

    # Longest lessons first (known from their last run), so the workers finish together.
    stale = dict(sorted(stale.items(), key=lambda item: -keys.get(_rel(item[0]), {}).get("seconds", 0)))
    pks = []
    for notebook, inputs in stale.items():
        drop_records(cache, notebook)
        keys[_rel(notebook)] = {"inputs": inputs, "failed": "interrupted"}  # until it succeeds
        pks.append(cache.add_nb_to_project(str(notebook.resolve())).pk)
    save_keys(cache_dir, keys)

    executor_name = "local-serial" if args.serial else "local-parallel"
    logger = logging.getLogger("execute_lessons")
    logger.setLevel(logging.WARNING)  # jupyter-cache passes this level on to its worker processes' log
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    started = time.perf_counter()
    print(f"executing {len(pks)} lesson(s) with jupyter-cache's {executor_name} executor")
    load_executor(executor_name, cache, logger=logger).run_and_cache(
        filter_pks=pks,
        timeout=settings.get("timeout", 30),
        allow_errors=bool(settings.get("allow_errors", False)),
    )

    failures = []
    for notebook, inputs in stale.items():
        uri, rel = str(notebook.resolve()), _rel(notebook)
        record = cached_record(cache, notebook)
        if record is None:
            trace = NbProjectRecord.record_from_uri(uri, cache.db).traceback or "not executed"
            failures.append(f"{rel} failed:\n{trace.strip()[-2000:]}")
            keys[rel]["failed"] = "raised an error or timed out"
            continue
        seconds = (record.data or {}).get("execution_seconds", 0)
        wrote = stderr_cells(cache.get_cache_bundle(record.pk).nb)
        if wrote and settings.get("stderr_output", "show") in STDERR_FAILS:
            cache.remove_cache(record.pk)
            failures.append(f"{rel} wrote to stderr (a build warning, an error with -W): " + "; ".join(wrote))
            keys[rel]["failed"] = "wrote to stderr"
            continue
        keys[rel] = {"inputs": inputs, "seconds": round(seconds, 2)}
        print(f"{rel}: executed in {seconds:.1f} s")
    forget_pages(build_dir, [_rel(n) for n in stale])
    keys["_pages"] = pages
    save_keys(cache_dir, keys)
    print(f"ran {len(pks)} lesson(s), {len(pks) - len(failures)} succeeded, in {time.perf_counter() - started:.1f} s")
    for failure in failures:
        print(f"ERROR: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _rel(notebook: Path) -> str:
    return notebook.relative_to(ROOT).with_suffix("").as_posix()


if __name__ == "__main__":
    sys.exit(main())
