"""The grader package nbgrader_sandbox on its own: course-agnostic, registered with jupyter_client, careful."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[2] / "grader" / "src" / "nbgrader_sandbox"


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_grader_never_imports_the_course_package():
    files = sorted(GRADER.rglob("*.py"))
    assert len(files) >= 8
    for path in files:
        bad = {m for m in imported_modules(path) if m == "retention" or m.startswith("retention.")}
        assert not bad, f"{path.name} imports {bad}"
        assert "retention" not in path.read_text(encoding="utf-8").lower(), f"{path.name} names the course"


def test_the_grader_is_installed_from_its_own_folder():
    import nbgrader_sandbox

    assert Path(nbgrader_sandbox.__file__).resolve().parent == GRADER


def test_the_kernel_provisioner_is_registered():
    from jupyter_client.provisioning import KernelProvisionerFactory
    from nbgrader_sandbox.provisioner import NAME, SandboxProvisioner

    factory = KernelProvisionerFactory.instance()
    assert factory._check_availability(NAME)
    assert factory.provisioners[NAME].load() is SandboxProvisioner


def test_the_provisioner_refuses_to_start_a_kernel_without_sandbox_settings():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from nbgrader_sandbox.provisioner import SandboxProvisioner

    # In a thread of its own: another test in this worker (Playwright's sync API) may run an event loop here.
    provisioner = SandboxProvisioner(kernel_id="k", kernel_spec=None, parent=None)
    with ThreadPoolExecutor(1) as pool, pytest.raises(RuntimeError, match="no sandbox settings"):
        pool.submit(asyncio.run, provisioner.pre_launch()).result()


def test_course_settings_are_read_from_nbgrader_config():
    from nbgrader_sandbox.autograde import make_settings

    course = GRADER.parents[2] / "grading"
    settings = make_settings(str(course), workers=3)
    assert settings.workers == 3  # an override wins
    assert "pandas" in settings.preload and settings.reference_env
    assert any(p.endswith("datasets") for p in settings.visible_paths)
    assert settings.reference_assignments == ["a1_retention_economics", "a3_rfm_and_cohorts", "a4_churn_case_study"]


def test_a_kernel_spec_without_sandbox_settings_fails_closed():
    """Grading workers make the sandbox provisioner the default: the plain "python3" spec then cannot start."""
    from jupyter_client.manager import KernelManager
    from jupyter_client.provisioning import KernelProvisionerFactory
    from nbgrader_sandbox.provisioner import NAME

    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    factory.default_provisioner_name = NAME
    try:
        km = KernelManager(kernel_name="python3")
        with pytest.raises(RuntimeError, match="no sandbox settings"):
            km.start_kernel()
        assert not km.has_kernel
    finally:
        factory.default_provisioner_name = before


def test_the_template_gradebook_takes_the_real_ones_schema_version_and_structure(released_course, tmp_path, monkeypatch):
    """No ``alembic heads`` subprocess (2.7 s per run): the version is copied from the real gradebook."""
    import sqlite3

    import nbgrader.api
    from nbgrader.api import Gradebook
    from nbgrader_sandbox.gradebook import build_template_gradebook

    course, _ = released_course
    real_url = f"sqlite:///{course / 'gradebook.db'}"
    with sqlite3.connect(course / "gradebook.db") as db:
        (version,) = db.execute("SELECT version_num FROM alembic_version").fetchone()

    def refuse():
        raise AssertionError("the template gradebook ran alembic")

    monkeypatch.setattr(nbgrader.api, "get_alembic_version", refuse)
    url = build_template_gradebook(real_url, "cbec-retention", "a1_retention_economics", tmp_path / "t.db")
    with sqlite3.connect(tmp_path / "t.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(version,)]
    def cells(gb):
        return sorted((c.name, c.max_score) for nb in gb.find_assignment("a1_retention_economics").notebooks
                      for c in nb.grade_cells)

    with Gradebook(real_url, "cbec-retention") as real, Gradebook(url, "cbec-retention") as tmpl:
        assert cells(tmpl) == cells(real) and len(cells(real)) >= 5
