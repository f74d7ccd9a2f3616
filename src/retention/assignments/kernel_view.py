"""Which files of the package an assignment's grading kernel may read, derived from its source notebook.

The kernel must import what the notebook imports and everything those modules import when they
load; it must never see a module that computes the assignment's answers. Listing files by hand
missed a new import once (the kernel then failed every test), so the list is computed here: the
notebook's ``retention`` imports, closed over the imports each module runs at load time (the
module body, not function bodies: those run in the grader, outside the sandbox). A closure that
reaches a forbidden module is an error in the course configuration, raised when it loads.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

PACKAGE = "retention"
#: The package's folder (src/retention in a checkout, site-packages/retention in a wheel install).
PACKAGE_DIR = Path(__file__).resolve().parents[1]


class KernelViewError(ValueError):
    """An assignment's kernel would need a module it must not see, or a notebook names an unknown module."""


def module_file(name: str) -> Path | None:
    """The file of package module ``name`` (a package's ``__init__.py``), or None if it is not a module."""
    path = PACKAGE_DIR.joinpath(*name.split(".")[1:])
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else None


def _imported(tree: ast.Module, importer: str, is_package: bool) -> dict[str, bool]:
    """Package names the statements of ``tree`` import when it runs (skipping def and class bodies).

    Maps each name to whether it must be a module (``import X``, ``from X import ...``) or may be a
    name defined in its parent (``from P import name``).
    """
    found: dict[str, bool] = {}
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Import):
            found.update({alias.name: True for alias in node.names})
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing module's package
                parts = importer.split(".")[: len(importer.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(parts + ([base] if base else []))
            found[base] = True
            for alias in node.names:
                found.setdefault(f"{base}.{alias.name}", False)
        stack.extend(ast.iter_child_nodes(node))
    return {name: must for name, must in found.items() if name.split(".")[0] == PACKAGE}


def _lazy_export(name: str) -> str | None:
    """``retention.NAME`` for a public name the package exports lazily: the module that defines it."""
    from retention import EXPORTS

    owner = next((module for module, names in EXPORTS.items() if name.rsplit(".", 1)[-1] in names), None)
    return f"{PACKAGE}.{owner}" if owner and name.count(".") == 1 else None


def closure(modules: Iterable[str] | Mapping[str, bool]) -> set[str]:
    """``modules`` and every package module they (and their parent packages) import at load time.

    ``modules`` maps names to whether each must be a module (an iterable: all must).
    """
    seen: set[str] = set()
    todo = [(PACKAGE, True), *(modules.items() if isinstance(modules, Mapping) else ((m, True) for m in modules))]
    while todo:
        name, must = todo.pop()
        path = module_file(name)
        if path is None:
            owner = _lazy_export(name)
            if owner:
                todo.append((owner, True))
            elif must:
                raise KernelViewError(f"'{name}' is not a module of the {PACKAGE} package")
            continue  # else: a name defined in its parent module
        if name in seen:
            continue
        seen.add(name)
        todo += [(name.rsplit(".", 1)[0], True)] if "." in name else []
        todo += _imported(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py").items()
    return seen


def notebook_imports(*notebooks: Path) -> dict[str, bool]:
    """The package modules (and names) the code cells of the notebooks import (see :func:`_imported`); magics are skipped."""
    cells = [cell for notebook in notebooks for cell in json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]]
    found: dict[str, bool] = {}
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
        for name, must in _imported(ast.parse("\n".join(lines)), "__main__", False).items():
            found[name] = found.get(name, False) or must
    return found


def kernel_files(notebooks: Iterable[Path], forbidden: Iterable[str] = ()) -> list[str]:
    """The package files the notebooks' kernels need, sorted; KernelViewError if one of them is ``forbidden``."""
    modules = closure(notebook_imports(*notebooks))
    leaked = sorted(modules & set(forbidden))
    if leaked:
        raise KernelViewError(f"the grading kernel would need {', '.join(leaked)}, which computes the answers; "
                              "import it in the grader (a function body), not at module level")
    return sorted(str(module_file(name)) for name in modules)
