"""A throw-away copy of the course's content files (book/, _toc.yml, the lessons' and assignments' notebooks)
for tests that break them on purpose; RETENTION_BOOK_DIR points the package at it and its caches are cleared."""

from __future__ import annotations

import shutil

from paths import ROOT

from retention.teaching import courseplan, questionbank, sources


def clear_caches() -> None:
    for cached in (questionbank.load_bank, questionbank.schema, questionbank._evaluate_json, courseplan.load_plan, sources._cells):
        cached.cache_clear()


def copy_course(tmp_path, monkeypatch):
    """Copy the content into ``tmp_path`` and point the package at it; returns the copy's book folder."""
    for folder in ("book/quizzes", "book/questions", "book/course", "grading/source"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    (tmp_path / "notebooks").mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(path, tmp_path / "notebooks" / path.name)
    monkeypatch.setenv("RETENTION_BOOK_DIR", str(tmp_path / "book"))
    clear_caches()
    return tmp_path / "book"
