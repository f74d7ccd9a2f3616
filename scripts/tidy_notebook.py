"""Tidy lesson and assignment notebooks before committing: clear outputs and execution counts, drop
jupytext metadata, join soft line breaks inside Chinese prose (a newline between two Chinese
characters would show as a stray space in the HTML) and move full-width punctuation out of **bold**
where CommonMark would otherwise show the asterisks. A pre-commit hook runs it (see
.pre-commit-config.yaml); it rewrites only notebooks that need it and says which.

Usage: .venv/bin/python scripts/tidy_notebook.py [--check] notebooks/*.ipynb grading/source/*/*.ipynb
  --check  change nothing; exit 1 and name the notebooks that would change
"""

import argparse
import copy
import sys

import nbformat

from retention.bilingual import fix_emphasis, join_soft_breaks


def tidied(nb):
    """A tidied copy of notebook ``nb``."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown" and cell.metadata.get("lang") == "zh-Hans":
            cell.source = fix_emphasis(join_soft_breaks(cell.source))
    return nb


def tidy(path: str, check: bool = False) -> bool:
    """Tidy the notebook at ``path`` (unless ``check``); True when it was not tidy."""
    nb = nbformat.read(path, as_version=4)
    clean = tidied(nb)
    if clean == nb:
        return False
    if not check:
        nbformat.write(clean, path)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Tidy notebooks: outputs, jupytext metadata, Chinese soft breaks.")
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    untidy = [path for path in args.paths if tidy(path, check=args.check)]
    for path in untidy:
        print(f"{'needs tidying' if args.check else 'tidied'}: {path}")
    return 1 if untidy else 0


if __name__ == "__main__":
    sys.exit(main())
