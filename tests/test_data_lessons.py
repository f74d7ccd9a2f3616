"""The six data lessons are committed clean, follow the bilingual convention and let the loader find the data."""

import json
from pathlib import Path

import nbformat
import pytest

from data_lesson_expectations import DATA_EXPECTED
from retention.bilingual import check_notebook

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
LESSONS = [NOTEBOOKS_DIR / f"{stem}.ipynb" for stem in sorted(DATA_EXPECTED)]


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_is_committed_clean_and_bilingual(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                "committed with outputs or execution counts: run `.venv/bin/pre-commit run --all-files` (nbstripout)"
            )
            assert "datasets/" not in "".join(cell["source"]), "let the loader find the data"
    assert check_notebook(nbformat.reads(json.dumps(nb), as_version=4)) == []


# Executing the lessons and comparing their glued values with DATA_EXPECTED is done once, for every
# lesson, by tests/test_notebooks.py (tests/notebook_expectations.py merges DATA_EXPECTED).
