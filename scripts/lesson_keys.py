"""What each lesson's executed outputs depend on, file by file, so the book build re-executes a lesson
only when one of its own inputs changed and can say which one.

A lesson's inputs: its code cells (not markdown, not outputs), the project modules it imports
(transitively, resolved by AST over ``src/``), the data files it can read, the content files it reads
(quiz, glossary), the pinned requirements and the ``execute`` part of ``_config.yml``.
No third-party imports beyond PyYAML, so the tests can load this file on its own.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "retention"
_MAGIC = re.compile(r"^\s*[%!]")


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def digest_file(path: Path) -> str:
    """Short sha256 of a file's bytes, or ``absent`` (so a file appearing later counts as a change)."""
    return digest_bytes(path.read_bytes()) if path.is_file() else "absent"


# --- lessons --------------------------------------------------------------------------------------


def toc_lessons(root: Path = ROOT) -> list[Path]:
    """The notebooks named in ``_toc.yml``, in book order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found: list[Path] = []

    def walk(node):
        if isinstance(node, dict):
            file = node.get("file")
            if isinstance(file, str) and (root / f"{file}.ipynb").is_file():
                found.append(root / f"{file}.ipynb")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    if isinstance(toc.get("root"), str) and (root / f"{toc['root']}.ipynb").is_file():
        found.insert(0, root / f"{toc['root']}.ipynb")
    return list(dict.fromkeys(found))


def named_lessons(names: list[str], root: Path = ROOT) -> list[Path]:
    """The lessons called ``names`` (file stems), in that order, or every lesson when none is named; for the
    scripts' command lines, so an unknown name stops the script with the names it knows."""
    notebooks = toc_lessons(root)
    if not names:
        return notebooks
    known = {nb.stem: nb for nb in notebooks}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown lesson(s) {', '.join(unknown)}; lessons are: {', '.join(known)}")
    return [known[name] for name in names]


def code_cells(notebook: Path) -> list[str]:
    """The sources of a notebook's code cells (outputs, execution counts and markdown ignored)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def code_digest(notebook: Path) -> str:
    """Digest of the code that runs: the code cells' sources and the kernel's name."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "")
    return digest_bytes(json.dumps([kernel, code_cells(notebook)], ensure_ascii=False).encode())


# --- imports --------------------------------------------------------------------------------------


def module_file(name: str, src: Path) -> Path | None:
    """The file of project module ``name`` (``a.b`` -> ``src/a/b.py`` or ``src/a/b/__init__.py``)."""
    base = src.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _parse(source: str) -> ast.AST:
    """Parse a module or a notebook cell; IPython magics and shell lines are blanked out first."""
    try:
        return ast.parse(source)
    except SyntaxError:
        return ast.parse("\n".join("" if _MAGIC.match(line) else line for line in source.splitlines()))


def imported_names(tree: ast.AST, current: str | None, is_package: bool) -> set[str]:
    """Every dotted name an ``import`` or ``from … import`` in ``tree`` may load, relative ones resolved.

    ``from a import b`` yields ``a`` and ``a.b`` (``b`` may be a submodule); imports inside functions count.
    """
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level and current:
                parts = current.split(".")
                anchor = parts if is_package else parts[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join(anchor + ([base] if base else []))
            if base:
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return names


def lazy_exports(package_file: Path) -> dict[str, str]:
    """A package's lazily exported names (its literal ``EXPORTS`` table, module -> names) as name -> submodule.

    ``from retention import churn_cost_table`` loads only ``retention.acquisition`` (see retention/exports.py),
    so the lesson depends on that module, not on every module the package could export.
    """
    for node in ast.parse(package_file.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXPORTS" for t in node.targets):
            return {name: module for module, names in ast.literal_eval(node.value).items() for name in names}
    return {}


def import_closure(sources: list[str], src: Path, package: str = PACKAGE) -> dict[str, Path]:
    """The project modules (name -> file) that code importing like ``sources`` loads, transitively.

    Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` too, so parents are included.
    """
    pending = set().union(*(imported_names(_parse(s), None, False) for s in sources)) if sources else set()
    seen: dict[str, Path] = {}
    while pending:
        name = pending.pop()
        if name != package and not name.startswith(package + "."):
            continue
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):
            module = ".".join(parts[:depth])
            if module in seen:
                continue
            path = module_file(module, src)
            if path is None:
                parent = seen.get(".".join(parts[: depth - 1]))
                if parent is not None and parent.name == "__init__.py":
                    submodule = lazy_exports(parent).get(parts[depth - 1])
                    if submodule:
                        pending.add(f"{'.'.join(parts[: depth - 1])}.{submodule}")
                continue
            seen[module] = path
            tree = ast.parse(path.read_text(encoding="utf-8"))
            pending |= imported_names(tree, module, path.name == "__init__.py")
    return dict(sorted(seen.items()))


# --- files a lesson reads -------------------------------------------------------------------------


def data_files(modules: dict[str, Path], root: Path = ROOT) -> list[Path]:
    """Every file in ``datasets/`` when the lesson can load data (``retention.data`` in its imports)."""
    if f"{PACKAGE}.data" not in modules:
        return []
    return sorted(p for p in (root / "datasets").rglob("*") if p.is_file())


def content_files(notebook: Path, modules: dict[str, Path], root: Path = ROOT) -> list[Path]:
    """Lesson content the package reads at run time: the lesson's quiz, its teacher's notes (the exercises' figures),
    the glossary entries and the practice layer's files (phrase bank, role-plays, platform figures).

    The one place that knows where content files live; adapt it when they move.
    """
    book = root / "book"
    files: list[Path] = []
    if f"{PACKAGE}.ui.quiz" in modules:
        files.append(book / "quizzes" / f"{notebook.stem}.yml")
    if f"{PACKAGE}.teaching.notes" in modules:  # the exercises' check blocks show the answer key's figures
        files += [book / "teacher" / "notes" / f"{notebook.stem}.yml", book / "teacher" / "notes.schema.json"]
    if f"{PACKAGE}.glossary" in modules:
        files.extend(sorted((book / "glossary").glob("*.yml")))
    practice = (("phrasebank", "phrases"), ("roleplays", "roleplays"), ("platforms", "platforms"))
    for module, folder in practice:
        if f"{PACKAGE}.{module}" in modules:
            files.extend(sorted((book / folder).glob("*.*")))
    return files


def execute_settings(root: Path = ROOT) -> dict:
    """The ``execute`` part of ``_config.yml`` (timeout, errors, stderr): it changes what a run yields."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config.get("execute", {}) or {}


# --- the key --------------------------------------------------------------------------------------


def lesson_inputs(notebook: Path, root: Path = ROOT) -> dict[str, str]:
    """Every input of one lesson as ``name -> digest``; the lesson's key is the digest of this mapping."""
    src = root / "src"
    modules = import_closure(code_cells(notebook), src)
    inputs = {"code cells": code_digest(notebook)}
    for path in modules.values():
        inputs[path.relative_to(src).as_posix()] = digest_file(path)
    for path in data_files(modules, root) + content_files(notebook, modules, root):
        inputs[path.relative_to(root).as_posix()] = digest_file(path)
    inputs["requirements.txt"] = digest_file(root / "requirements.txt")
    settings = json.dumps(execute_settings(root), sort_keys=True).encode()
    inputs["_config.yml execute settings"] = digest_bytes(settings)
    return inputs


def lesson_key(notebook: Path, root: Path = ROOT) -> str:
    return digest_bytes(json.dumps(lesson_inputs(notebook, root), sort_keys=True).encode())


def why_changed(old: dict[str, str] | None, new: dict[str, str]) -> str:
    """Why a lesson must run again, in words: ``retention/rfm.py changed``, ``new lesson``, …"""
    if old is None:
        return "new lesson (no earlier run recorded)"
    reasons = [f"{name} changed" for name in new if name in old and old[name] != new[name]]
    reasons += [f"now reads {name}" for name in new if name not in old]
    reasons += [f"no longer reads {name}" for name in old if name not in new]
    return ", ".join(reasons)
