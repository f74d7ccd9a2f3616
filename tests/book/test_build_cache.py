"""The book build's per-lesson cache key (scripts/lesson_keys.py): a lesson runs again when, and only
when, something it depends on changed, and the build can say what.

Fixtures are local: a tests/book/conftest.py would shadow tests/conftest.py for the modules that
still do ``from conftest import …``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def lesson_keys():
    """scripts/lesson_keys.py (scripts/ is on the tests' import path, pyproject.toml)."""
    import lesson_keys

    return lesson_keys


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
        "src/retention/ui/__init__.py": "from retention.ui.quiz import show_quiz\n",
        "src/retention/ui/quiz.py": "def show_quiz(name):\n    pass\n",
        "book/quizzes/lesson_rfm.yml": "- id: q1\n",
        "book/quizzes/lesson_money.yml": "- id: q1\n",
        "datasets/orders.csv": "a,b\n1,2\n",
        "requirements.txt": "pandas==3.1.1\n",
        "_config.yml": "title: t\nexecute:\n  execute_notebooks: cache\n  timeout: 120\nhtml:\n  favicon: a.svg\n",
        "_toc.yml": "format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/lesson_rfm\n  - file: notebooks/lesson_money\n",
        "intro.md": "# Intro\n",
        "notebooks/lesson_rfm.ipynb": notebook_json([
            markdown("# RFM"),
            code("%matplotlib inline\nfrom retention.rfm import clean\nfrom retention.ui import show_quiz"),
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


def lesson(project, name):
    return project / "notebooks" / f"{name}.ipynb"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_key_changes_when_a_transitively_imported_module_changes(project, lesson_keys):
    rfm = lesson(project, "lesson_rfm")
    before = lesson_keys.lesson_key(rfm, project)
    edit(project / "src/retention/cleaning.py", "return frame", "return frame.copy()")
    assert lesson_keys.lesson_key(rfm, project) != before


def test_key_ignores_a_module_the_lesson_does_not_import(project, lesson_keys):
    keys = {name: lesson_keys.lesson_key(lesson(project, name), project) for name in ("lesson_rfm", "lesson_money")}
    edit(project / "src/retention/unrelated.py", "X = 1", "X = 2")
    edit(project / "src/retention/rfm.py", "from .cleaning", "# changed\nfrom .cleaning")
    assert lesson_keys.lesson_key(lesson(project, "lesson_money"), project) == keys["lesson_money"]
    assert lesson_keys.lesson_key(lesson(project, "lesson_rfm"), project) != keys["lesson_rfm"]


def test_from_package_import_submodule_resolves_through_init(project, lesson_keys, cells):
    path = lesson(project, "lesson_money")
    path.write_text(cells.notebook([cells.code("from retention import cleaning")]), encoding="utf-8")
    inputs = lesson_keys.lesson_inputs(path, project)
    assert "retention/__init__.py" in inputs and "retention/cleaning.py" in inputs
    assert "retention/value.py" in inputs, "__init__ imports value, so the lesson depends on it"
    assert "retention/unrelated.py" not in inputs


def test_relative_imports_are_followed(project, lesson_keys):
    inputs = lesson_keys.lesson_inputs(lesson(project, "lesson_rfm"), project)
    assert {"retention/rfm.py", "retention/cleaning.py", "retention/data.py"} <= set(inputs)


def test_toc_edit_changes_no_lesson_key(project, lesson_keys):
    lessons = lesson_keys.toc_lessons(project)
    assert [p.stem for p in lessons] == ["lesson_rfm", "lesson_money"]
    before = [lesson_keys.lesson_key(p, project) for p in lessons]
    edit(project / "_toc.yml", "  - file: notebooks/lesson_rfm\n", "")
    (project / "_toc.yml").write_text((project / "_toc.yml").read_text() + "  - file: notebooks/lesson_rfm\n")
    assert [p.stem for p in lesson_keys.toc_lessons(project)] == ["lesson_money", "lesson_rfm"]
    assert [lesson_keys.lesson_key(p, project) for p in lessons] == before


def test_key_ignores_outputs_execution_counts_and_markdown(project, lesson_keys, cells):
    path = lesson(project, "lesson_money")
    source = "from retention import value\nvalue.lifetime_value(3)"
    before = lesson_keys.lesson_key(path, project)
    run = [cells.markdown("# Money, reworded · 钱"),
           cells.code(source, outputs=[{"output_type": "stream", "name": "stdout", "text": "3\n"}], count=7)]
    path.write_text(cells.notebook(run), encoding="utf-8")
    assert lesson_keys.lesson_key(path, project) == before
    path.write_text(cells.notebook([cells.code(source + " + 1")]), encoding="utf-8")
    assert lesson_keys.lesson_key(path, project) != before


def test_data_files_count_only_for_lessons_that_load_data(project, lesson_keys):
    keys = {name: lesson_keys.lesson_key(lesson(project, name), project) for name in ("lesson_rfm", "lesson_money")}
    assert "datasets/orders.csv" in lesson_keys.lesson_inputs(lesson(project, "lesson_rfm"), project)
    (project / "datasets/orders.csv").write_text("a,b\n1,3\n")
    assert lesson_keys.lesson_key(lesson(project, "lesson_rfm"), project) != keys["lesson_rfm"]
    assert lesson_keys.lesson_key(lesson(project, "lesson_money"), project) == keys["lesson_money"]


def test_a_lesson_depends_on_its_own_quiz_only(project, lesson_keys):
    rfm = lesson(project, "lesson_rfm")
    before = lesson_keys.lesson_key(rfm, project)
    (project / "book/quizzes/lesson_money.yml").write_text("- id: q2\n")
    assert lesson_keys.lesson_key(rfm, project) == before
    (project / "book/quizzes/lesson_rfm.yml").write_text("- id: q2\n")
    assert lesson_keys.lesson_key(rfm, project) != before


def test_pins_and_execute_settings_count_but_other_config_does_not(project, lesson_keys):
    path = lesson(project, "lesson_money")
    before = lesson_keys.lesson_key(path, project)
    edit(project / "_config.yml", "favicon: a.svg", "favicon: b.svg")
    assert lesson_keys.lesson_key(path, project) == before
    edit(project / "_config.yml", "timeout: 120", "timeout: 60")
    after_timeout = lesson_keys.lesson_key(path, project)
    assert after_timeout != before
    edit(project / "requirements.txt", "3.1.1", "3.1.2")
    assert lesson_keys.lesson_key(path, project) != after_timeout


def test_a_name_from_the_lazy_export_table_brings_only_its_module(project, lesson_keys):
    (project / "src/retention/__init__.py").write_text(
        'EXPORTS = {"value": ("lifetime_value",), "rfm": ("clean",)}\n', encoding="utf-8"
    )
    path = lesson(project, "lesson_money")
    path.write_text(notebook_json([code("from retention import lifetime_value\nlifetime_value(3)")]), encoding="utf-8")
    inputs = lesson_keys.lesson_inputs(path, project)
    assert "retention/value.py" in inputs
    assert "retention/rfm.py" not in inputs and "retention/cleaning.py" not in inputs
    before = lesson_keys.lesson_key(path, project)
    edit(project / "src/retention/rfm.py", "from .cleaning", "# changed\nfrom .cleaning")
    assert lesson_keys.lesson_key(path, project) == before
    edit(project / "src/retention/value.py", "return x", "return 2 * x")
    assert lesson_keys.lesson_key(path, project) != before


def test_why_changed_names_the_file(project, lesson_keys):
    rfm = lesson(project, "lesson_rfm")
    old = lesson_keys.lesson_inputs(rfm, project)
    edit(project / "src/retention/rfm.py", "from .cleaning", "# changed\nfrom .cleaning")
    assert lesson_keys.why_changed(old, lesson_keys.lesson_inputs(rfm, project)) == "retention/rfm.py changed"
    assert lesson_keys.why_changed(old, old) == ""
    assert lesson_keys.why_changed(None, old).startswith("new lesson")


def test_every_real_lesson_has_inputs_naming_its_modules(lesson_keys):
    lessons = {p.stem: p for p in lesson_keys.toc_lessons()}
    assert lessons, "no lesson notebooks found in _toc.yml"
    for stem, path in lessons.items():
        inputs = lesson_keys.lesson_inputs(path)
        assert "code cells" in inputs and "requirements.txt" in inputs, stem
        assert any(name.startswith("retention/") for name in inputs), f"{stem}: no package module found"
        nb = json.loads(path.read_text(encoding="utf-8"))
        imported = {line.split()[1] for cell in nb["cells"] if cell["cell_type"] == "code"
                    for line in "".join(cell["source"]).splitlines() if line.startswith("from retention.")}
        for module in imported:
            files = {module.replace(".", "/") + ".py", module.replace(".", "/") + "/__init__.py"}
            assert files & set(inputs), f"{stem}: {module} missing from its inputs"
