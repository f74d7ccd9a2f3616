"""Shared paths and helpers for the test suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
BOOK_HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def book_html():
    """The built HTML book; the test command builds it first (make test)."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} has no built book: run `make book` (or `make test`, which builds it first)")
    return BOOK_HTML
