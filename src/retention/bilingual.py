"""The book's bilingual convention, checked: prose comes in an English cell followed by its Chinese cell.

A markdown cell is either a heading cell (headings only, each in both languages) or a prose cell
whose metadata says ``"lang": "en"`` or ``"lang": "zh-Hans"``. Every English cell is followed by its
Chinese counterpart. JupyterLab shows plain Markdown; the book wraps each prose cell in a block with
the matching HTML ``lang`` attribute (see ``book/_ext/bilingual.py``).
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "zh-Hans")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
SOFT_BREAK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\n[ \t]*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
MYST_SYNTAX = re.compile(r"^\s*(```|:::)\s*\{|\{[a-z-]+\}`")


def cell_language(cell) -> str | None:
    """The language a markdown cell declares in its metadata, or None."""
    return (cell.get("metadata") or {}).get("lang")


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _is_heading_cell(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(HEADING.match(line) for line in lines)


def _mostly_chinese(text: str) -> bool:
    han, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return han > 0 and han >= 0.3 * latin


def check_notebook(nb) -> list[str]:
    """Return a list of problems with the notebook's bilingual structure (empty when it is complete)."""
    problems = []
    cells = nb["cells"]
    for index, cell in enumerate(cells):
        if cell.get("cell_type") != "markdown":
            continue
        text, lang = _source(cell), cell_language(cell)
        where = f"cell {index} ({text.strip()[:40]!r})"
        if MYST_SYNTAX.search(text):
            problems.append(f"{where}: uses MyST directive or role syntax, which JupyterLab shows raw")
        if lang is None:
            if not _is_heading_cell(text):
                problems.append(f"{where}: prose without \"lang\" metadata; set it to 'en' or 'zh-Hans'")
            elif not all(CJK.search(line) and LATIN.search(line) for line in text.splitlines() if line.strip()):
                problems.append(f"{where}: a heading must carry both languages, e.g. '## Goals · 学习目标'")
            continue
        if lang not in LANGUAGES:
            problems.append(f"{where}: lang must be one of {LANGUAGES}, got {lang!r}")
            continue
        if any(HEADING.match(line) for line in text.splitlines()):
            problems.append(f"{where}: put headings in their own bilingual heading cell, not in a {lang} cell")
        if lang == "en":
            following = cells[index + 1] if index + 1 < len(cells) else None
            if following is None or cell_language(following) != "zh-Hans":
                problems.append(f"{where}: English prose has no Chinese cell right after it")
            if _mostly_chinese(text):
                problems.append(f"{where}: marked 'en' but written mostly in Chinese")
        else:
            previous = cells[index - 1] if index > 0 else None
            if previous is None or cell_language(previous) != "en":
                problems.append(f"{where}: Chinese prose has no English cell right before it")
            if not _mostly_chinese(text):
                problems.append(f"{where}: marked 'zh-Hans' but not written in Chinese")
            if SOFT_BREAK.search(text):
                problems.append(f"{where}: a line break between Chinese characters shows as a space; run scripts/tidy_notebook.py")
    return problems


def wrap_for_book(text: str, lang: str) -> str:
    """Wrap a prose cell in a MyST container whose class docutils turns into ``lang="..."`` in the HTML."""
    fences = [len(m) for m in re.findall(r"^\s*(:{3,})", text, flags=re.M)]
    fence = ":" * max([3, *(n + 1 for n in fences)])
    return f"{fence}{{container}} language-{lang} lang-{lang}\n{text.rstrip()}\n{fence}\n"
