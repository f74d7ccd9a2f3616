"""Fixtures for the book-build tests: the build scripts loaded from scripts/, and a tiny fake project."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script(name: str):
    """Import ``scripts/<name>.py`` by path (scripts/ is not a package and stays off sys.path)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def lesson_keys():
    return _load_script("lesson_keys")


def notebook_json(cells: list[dict]) -> str:
    return json.dumps({
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }, indent=1)


def code(source: str, outputs=(), count=None) -> dict:
    return {"cell_type": "code", "source": source, "metadata": {}, "outputs": list(outputs), "execution_count": count}


def markdown(source: str) -> dict:
    return {"cell_type": "markdown", "source": source, "metadata": {}}


@pytest.fixture
def cells():
    """Builders for notebook JSON: ``cells.code(src)``, ``cells.markdown(src)``, ``cells.notebook([...])``."""
    return SimpleNamespace(code=code, markdown=markdown, notebook=notebook_json)


@pytest.fixture
def project(tmp_path):
    """A fake book: package ``retention`` with a chain of imports, data, quizzes and two lessons.

    ``lesson_rfm`` imports ``retention.rfm`` (which imports ``retention.cleaning`` and ``retention.data``);
    ``lesson_money`` imports ``value`` through ``from retention import value`` only.
    """
    files = {
        "src/retention/__init__.py": "from retention.value import lifetime_value\n",
        "src/retention/value.py": "def lifetime_value(x):\n    return x\n",
        "src/retention/rfm.py": "from .cleaning import clean\nfrom retention import data\n",
        "src/retention/cleaning.py": "def clean(frame):\n    return frame\n",
        "src/retention/data.py": "DATA = 'datasets'\n",
        "src/retention/unrelated.py": "X = 1\n",
        "src/retention/quiz.py": "def show_quiz(name):\n    pass\n",
        "src/retention/quizzes/lesson_rfm.yml": "- id: q1\n",
        "src/retention/quizzes/lesson_money.yml": "- id: q1\n",
        "datasets/orders.csv": "a,b\n1,2\n",
        "requirements.txt": "pandas==3.1.1\n",
        "_config.yml": "title: t\nexecute:\n  execute_notebooks: cache\n  timeout: 120\nhtml:\n  favicon: a.svg\n",
        "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/lesson_rfm\n  - file: notebooks/lesson_money\n",
        "intro.md": "# Intro\n",
        "notebooks/lesson_rfm.ipynb": notebook_json([
            markdown("# RFM"),
            code("%matplotlib inline\nfrom retention.rfm import clean\nfrom retention.quiz import show_quiz"),
            code("show_quiz('lesson_rfm')"),
        ]),
        "notebooks/lesson_money.ipynb": notebook_json([
            markdown("# Money"),
            code("from retention import value\nvalue.lifetime_value(3)"),
        ]),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path
