"""Where the course's content files live: quizzes and glossary entries sit with the book, not in the package.

``book/quizzes/<lesson>.yml`` holds a lesson's self-check quiz and ``book/glossary/*.yml`` the glossary
entries; set ``RETENTION_BOOK_DIR`` to read them from another copy of the book.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's ``book/`` folder, found relative to this package (src/retention/ -> ../../book).
BOOK_DIR = Path(__file__).resolve().parents[2] / "book"
BOOK_DIR_ENV = "RETENTION_BOOK_DIR"


def book_dir() -> Path:
    """The folder holding the content files: ``$RETENTION_BOOK_DIR`` when set, else :data:`BOOK_DIR`."""
    override = os.environ.get(BOOK_DIR_ENV)
    return Path(override).expanduser() if override else BOOK_DIR


def quizzes_dir() -> Path:
    return book_dir() / "quizzes"


def glossary_dir() -> Path:
    return book_dir() / "glossary"
