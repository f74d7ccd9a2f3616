"""Fixtures for every test: the built book (the test command builds it first)."""

import pytest
from hypothesis import settings
from paths import BOOK_HTML

# No test is timed: on a busy 2-core machine a slow example is not a failure.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture(scope="session")
def book_html():
    """The built HTML book; the test command builds it first (make test)."""
    if not (BOOK_HTML / "index.html").is_file():
        pytest.fail(f"{BOOK_HTML} has no built book: run `make book` (or `make test`, which builds it first)")
    return BOOK_HTML
