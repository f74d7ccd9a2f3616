"""Every lesson notebook runs top to bottom on a fresh kernel (papermill) with no error and no stderr,
and every value it records with ``glue`` equals what the package computes."""

import functools
import importlib
import json
import pkgutil
import re

import nbformat
import papermill
import pytest
from lessons.expected_values import assert_glued_values_match_package
from paths import NOTEBOOKS

from retention.bilingual import check_notebook


def test_there_are_lessons():
    assert NOTEBOOKS, "notebooks/ holds no lesson"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_cleanly_and_matches_the_package(path, tmp_path):
    out = tmp_path / path.name
    papermill.execute_notebook(
        str(path), str(out), cwd=str(path.parent), kernel_name="python3", progress_bar=False, log_output=False
    )
    nb = nbformat.read(out, as_version=4)
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", f"cell {index} wrote to stderr: {''.join(output['text'])[:300]}"
            assert output.get("output_type") != "error", f"cell {index} raised {output.get('ename')}"
    assert_glued_values_match_package(path.stem, nb)


STRIP_FIX = (
    "lessons are committed without outputs; run `.venv/bin/pre-commit run --all-files` "
    "(nbstripout clears outputs and execution counts), or `.venv/bin/pre-commit install` once "
    "so every commit does it"
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} cell {index} has outputs: {STRIP_FIX}"
            assert cell.get("execution_count") is None, f"{path.name} cell {index} has an execution count: {STRIP_FIX}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_is_bilingual_block_by_block(path):
    assert check_notebook(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_lesson_runs_on_the_course_kernel_and_lets_the_loader_find_the_data(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert "datasets/" not in "".join(cell["source"]), "no hand-typed data path: the loader finds the data"


@functools.cache
def package_names() -> frozenset[str]:
    """Every public name of the course package and its modules (computed once for all lessons)."""
    import retention
    import retention.ui

    known = set(retention.__all__) | set(retention.ui.__all__)
    for module in pkgutil.iter_modules(retention.__path__, "retention."):
        known |= {name for name in vars(importlib.import_module(module.name)) if not name.startswith("_")}
    return frozenset(known)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_functions_named_in_the_prose_exist_in_the_package(path):
    """Exercises and answers name package functions (`clean_transactions(...)`); a renamed one would mislead."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    prose = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    named = set(re.findall(r"(?:<code>|`)([A-Za-z_][\w.]*)\(", prose))
    known = package_names()
    unknown = sorted(n for n in named if n.split(".")[-1] not in known or ("." in n and not n.startswith("retention.")))
    assert not unknown, f"{path.stem} names functions the package does not have: {unknown}"
