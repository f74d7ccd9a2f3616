"""Tidy lesson notebooks before committing: clear outputs and execution counts, drop jupytext metadata,
and join soft line breaks inside Chinese prose (a newline between two Chinese characters would show
as a stray space in the HTML).

Usage: .venv/bin/python scripts/tidy_notebook.py notebooks/*.ipynb grading/source/*/*.ipynb
"""

import re
import sys

import nbformat

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
# A list marker, heading or HTML tag starts with ASCII, so it never matches the lookahead.
SOFT_BREAK = re.compile(rf"(?<={CJK})\n[ \t]*(?={CJK})")


def join_chinese_lines(text: str) -> str:
    """Remove newlines that sit between two Chinese characters or punctuation marks (not list items)."""
    return SOFT_BREAK.sub("", text)


def tidy(path: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown" and cell.metadata.get("lang") == "zh-Hans":
            cell.source = join_chinese_lines(cell.source)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        tidy(arg)
