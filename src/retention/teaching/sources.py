"""What the teacher's side reads from the course itself: the lessons of ``_toc.yml``, each lesson's title
and headings from its notebook, and each nbgrader assignment's points from its cells."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml

from retention.bilingual import heading_slug, split
from retention.content import book_dir


def repo_dir() -> Path:
    """The repository (the folder holding ``_toc.yml``, ``notebooks/`` and ``grading/``), next to the book folder."""
    return book_dir().parent


def toc_lessons() -> tuple[str, ...]:
    """The lessons in the order of ``_toc.yml``: every chapter under ``notebooks/``, by file stem."""
    toc = yaml.safe_load((repo_dir() / "_toc.yml").read_text(encoding="utf-8"))
    files = [chapter["file"] for part in toc.get("parts", []) for chapter in part.get("chapters", [])]
    return tuple(Path(f).name for f in files if f.startswith("notebooks/"))


@cache
def _cells(lesson: str) -> tuple[dict, ...]:
    path = repo_dir() / "notebooks" / f"{lesson}.ipynb"
    if not path.is_file():
        raise FileNotFoundError(f"no lesson notebook {path}; the lessons are {toc_lessons()}")
    return tuple(json.loads(path.read_text(encoding="utf-8"))["cells"])


def _headings(lesson: str, level: str) -> list[str]:
    found = []
    for cell in _cells(lesson):
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith(level + " "):
                    found.append(line[len(level) + 1 :].strip())
    return found


def lesson_title(lesson: str) -> tuple[str, str]:
    """The lesson's title (its ``#`` heading) as (English, Chinese)."""
    titles = _headings(lesson, "#")
    parts = split(titles[0]) if titles else None
    if not parts:
        raise ValueError(f"notebooks/{lesson}.ipynb needs a bilingual '# English · 中文' title")
    return parts


def lesson_sections(lesson: str) -> dict[str, tuple[str, str]]:
    """The lesson's ``##`` sections in order: anchor slug -> (English, Chinese)."""
    sections = {}
    for heading in _headings(lesson, "##"):
        parts = split(heading) or (heading, heading)
        sections[heading_slug(heading)] = parts
    return sections


def assignment_points() -> dict[str, float]:
    """Each nbgrader assignment in ``grading/source/`` and its total points, summed from its graded cells."""
    points = {}
    for folder in sorted((repo_dir() / "grading" / "source").iterdir()):
        notebooks = sorted(folder.glob("*.ipynb"))
        if not folder.is_dir() or not notebooks:
            continue
        total = 0.0
        for path in notebooks:
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
                meta = cell.get("metadata", {}).get("nbgrader", {})
                if meta.get("grade"):
                    total += meta.get("points", 0)
        points[folder.name] = total
    return points


def exercise_count(lesson: str) -> int:
    """How many numbered exercises the lesson's English "Exercises" section sets (before any solution block)."""
    count, inside = 0, False
    for cell in _cells(lesson):
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            inside = text.startswith("## Exercises")
            continue
        if inside and cell.get("metadata", {}).get("lang") == "en":
            body = text.split("<details><summary>Solution")[0]
            count += sum(1 for line in body.splitlines() if line[:1].isdigit() and ". " in line[:4])
    return count
