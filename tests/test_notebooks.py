"""Every lesson notebook runs top to bottom on a fresh kernel (papermill) with no error and no stderr,
and every value it records with ``glue`` equals what the package computes."""

import json

import nbformat
import papermill
import pytest

from conftest import NOTEBOOKS
from notebook_expectations import EXPECTED


def glued_values(nb) -> dict[str, dict]:
    """The display data of every output recorded with myst_nb.glue, by name."""
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                found[name] = output["data"]
    return found


def rendering(value) -> tuple[str, str]:
    """How the kernel displays ``value``: its HTML if it has one (tables), else its text."""
    html = getattr(value, "_repr_html_", None)
    return ("text/html", html()) if html else ("text/plain", repr(value))


def assert_glued_values_match_package(stem: str, nb) -> None:
    """Every value lesson ``stem`` glued is displayed exactly as the package's result, and none is unchecked."""
    glued = glued_values(nb)
    expected = EXPECTED.get(stem, {})
    assert set(glued) == set(expected), "every glued value needs an expectation in tests/notebook_expectations.py"
    for name, compute in expected.items():
        mime, shown = rendering(compute())
        assert glued[name].get(mime) == shown, f"{stem}: glued {name!r} differs from the package's result"


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
