"""The pre-commit hooks (.pre-commit-config.yaml) pass on the checkout, so CI enforces what a commit
would; and they do catch what they are for (outputs, Chinese soft breaks, lint) in a scratch repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = ROOT / ".venv" / "bin" / "pre-commit"


def run_pre_commit(repo: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(ROOT / "_build" / ".pre-commit"), SKIP="")
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files", "--show-diff-on-failure", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout: pre-commit needs one")
def test_checkout_passes_every_hook():
    result = run_pre_commit(ROOT)
    assert result.returncode == 0, (
        "pre-commit hooks changed or flagged files (the fixes, if any, are now in your working tree; "
        "review and commit them; run `.venv/bin/pre-commit install` once so every commit runs them):\n"
        + result.stdout[-6000:] + result.stderr[-2000:]
    )


def test_hooks_fix_outputs_and_soft_breaks_and_flag_lint(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    (repo / "scripts").mkdir()
    for name in (".pre-commit-config.yaml", "pyproject.toml", "scripts/tidy_notebook.py"):
        shutil.copy(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    notebook = {
        "cells": [
            {"cell_type": "markdown", "id": "a1", "metadata": {"lang": "zh-Hans"}, "source": "客户\n维系"},
            {"cell_type": "code", "id": "b2", "metadata": {}, "execution_count": 3,
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}], "source": "print(1)"},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    (repo / "notebooks" / "lesson.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (repo / "scripts" / "helper.py").write_text("import os\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)

    result = run_pre_commit(repo)
    assert result.returncode != 0
    assert "F401" in result.stdout, result.stdout
    fixed = json.loads((repo / "notebooks" / "lesson.ipynb").read_text(encoding="utf-8"))
    assert "".join(fixed["cells"][0]["source"]) == "客户维系"
    assert fixed["cells"][1]["outputs"] == [] and fixed["cells"][1]["execution_count"] is None
    assert fixed["cells"][1]["id"] == "b2", "cell ids are kept (--keep-id): no churn in diffs"
