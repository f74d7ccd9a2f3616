"""The book's bilingual protocol, in one place: how English and Chinese stand side by side.

* Labels, headings and table headers read ``English · 中文`` (:data:`SEPARATOR`, :func:`bi`); plot
  titles put Chinese under English (:func:`bi_lines`). The Sphinx extension and ``bilingual.js``
  split on the same separator (a test keeps the JavaScript copy equal to this one).
* Chinese text is what :data:`HAN` (characters) and :data:`CJK_TEXT` (characters and CJK
  punctuation) match; a line break between two such characters shows as a space, so
  :func:`join_soft_breaks` removes it.
* A notebook's markdown cell is either a heading cell (each heading in both languages) or a prose
  cell with metadata ``"lang": "en"`` or ``"lang": "zh-Hans"``; every English cell is followed by its
  Chinese cell (:func:`check_notebook`). The book wraps each prose cell in a block with the matching
  HTML ``lang`` (:func:`wrap_for_book`, used by ``book/_ext/bilingual.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

# Only bi_frame needs pandas and imports it itself, so the labels (and the book's in-browser
# calculators, which use them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

SEPARATOR = " · "
LANGUAGES = ("en", "zh-Hans")
#: Han characters (CJK Unified Ideographs, Extension A, Compatibility Ideographs), as a character-class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Han characters plus CJK and full-width punctuation (。，：“” …), as a character-class body.
CJK_TEXT = HAN + "\u3000-\u303f\uff00-\uffef"

_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# A line break between Chinese text and Chinese text (or a link whose text is Chinese) shows as a space.
_SOFT_BREAK = re.compile(rf"(?<=[{CJK_TEXT}])\n[ \t]*(?=[{CJK_TEXT}]|\[[{CJK_TEXT}])")
_MYST_SYNTAX = re.compile(r"^\s*(```|:::)\s*\{|\{[a-z-]+\}`")
_SLUG_DROP = re.compile(rf"[^\w{HAN}\- ]")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


# --- labels -------------------------------------------------------------------------------------


def bi(en: str, zh: str, sep: str = SEPARATOR) -> str:
    """Join an English and a Chinese label, e.g. ``bi("Churn rate", "流失率")`` -> ``"Churn rate · 流失率"``."""
    if not en or not zh:
        raise ValueError(f"both languages are needed, got en={en!r}, zh={zh!r}")
    return f"{en}{sep}{zh}"


def bi_lines(en: str, zh: str) -> str:
    """English above Chinese, for plot titles and labels that would be too wide on one line."""
    return bi(en, zh, sep="\n")


def split(text: str) -> tuple[str, str] | None:
    """The (English, Chinese) halves of an ``English · 中文`` label, or None when it is not one."""
    en, sep, zh = text.partition(SEPARATOR)
    if not sep or not _LATIN.search(en) or _HAN.search(en) or not _HAN.search(zh):
        return None
    return en, zh


def bi_frame(rows, columns) -> pd.DataFrame:
    """A table whose every header reads ``English · 中文``: ``columns`` is a list of (English, Chinese) pairs."""
    import pandas as pd
    return pd.DataFrame(list(rows), columns=[bi(en, zh) for en, zh in columns])


def has_chinese(text: str) -> bool:
    """True when ``text`` holds at least one Han character."""
    return bool(_HAN.search(text))


def join_soft_breaks(text: str) -> str:
    """Remove line breaks between two Chinese characters or marks, or before a Chinese link (they would show as a space)."""
    return _SOFT_BREAK.sub("", text)


def _is_wide_punctuation(char: str) -> bool:
    """Non-ASCII punctuation (。，：“” …): what sits next to Chinese text and confuses CommonMark's emphasis rules."""
    return ord(char) > 127 and unicodedata.category(char).startswith("P")


@lru_cache(maxsize=1)
def _commonmark():
    """The CommonMark parser MyST and JupyterLab follow (markdown-it-py), made on first use."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def stray_emphasis(text: str) -> list[str]:
    """Bits of ``text`` whose ``*`` or ``**`` Markdown shows literally, as CommonMark (JupyterLab, MyST) parses them.

    The usual cause in Chinese: ``**随时联系得上。**提供`` – a closing ``**`` after full-width punctuation and
    before a Chinese character does not close (it is not right-flanking); :func:`fix_emphasis` moves the mark.
    """
    return [
        child.content
        for token in _commonmark().parse(text)
        for child in token.children or []
        if child.type == "text" and "*" in child.content
    ]


def fix_emphasis(text: str) -> str:
    """Move full-width punctuation at the edges of a ``**bold**`` span outside it (``**得上。**提供`` -> ``**得上**。提供``).

    Only spans that show their asterisks are changed, one at a time, and only when the move makes them render.
    """
    stray = len(stray_emphasis(text))
    for match in reversed(list(_STRONG.finditer(text))):
        if not stray:
            break
        inner = match.group(1)
        start, end = 0, len(inner)
        while start < end and _is_wide_punctuation(inner[start]):
            start += 1
        while end > start and _is_wide_punctuation(inner[end - 1]):
            end -= 1
        if (start, end) == (0, len(inner)) or start == end:
            continue
        moved = f"{inner[:start]}**{inner[start:end]}**{inner[end:]}"
        candidate = text[: match.start()] + moved + text[match.end() :]
        remaining = len(stray_emphasis(candidate))
        if remaining < stray:
            text, stray = candidate, remaining
    return text


def slugify(text: str) -> str:
    """GitHub-style slug, as MyST makes heading anchors: lower case, spaces to hyphens, punctuation dropped."""
    return _SLUG_DROP.sub("", text.strip().lower().replace(" ", "-"))


def heading_slug(title: str) -> str:
    """Anchor of a heading: for a bilingual 'English · 中文' heading, the slug of its English half."""
    english = title.split(SEPARATOR)[0] if SEPARATOR in title else title
    return slugify(english)


# --- notebooks ----------------------------------------------------------------------------------


def cell_language(cell) -> str | None:
    """The language a markdown cell declares in its metadata, or None."""
    return (cell.get("metadata") or {}).get("lang")


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _is_heading_cell(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_HEADING.match(line) for line in lines)


def _mostly_chinese(text: str) -> bool:
    han, latin = len(_HAN.findall(text)), len(_LATIN.findall(text))
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
        if _MYST_SYNTAX.search(text):
            problems.append(f"{where}: uses MyST directive or role syntax, which JupyterLab shows raw")
        if lang is None:
            if not _is_heading_cell(text):
                problems.append(f"{where}: prose without \"lang\" metadata; set it to 'en' or 'zh-Hans'")
            elif not all(_HAN.search(line) and _LATIN.search(line) for line in text.splitlines() if line.strip()):
                problems.append(f"{where}: a heading must carry both languages, e.g. '## Goals{SEPARATOR}学习目标'")
            continue
        if lang not in LANGUAGES:
            problems.append(f"{where}: lang must be one of {LANGUAGES}, got {lang!r}")
            continue
        if any(_HEADING.match(line) for line in text.splitlines()):
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
            if stray_emphasis(text):
                problems.append(
                    f"{where}: bold or italic marks would show as literal asterisks ({stray_emphasis(text)[0][:30]!r}); "
                    "put full-width punctuation outside the ** (pre-commit does it)"
                )
            if join_soft_breaks(text) != text:
                problems.append(f"{where}: a line break between Chinese characters shows as a space; run pre-commit (or scripts/tidy_notebook.py)")
    return problems


def wrap_for_book(text: str, lang: str) -> str:
    """Wrap a prose cell in a MyST container whose class docutils turns into ``lang="..."`` in the HTML."""
    fences = [len(m) for m in re.findall(r"^\s*(:{3,})", text, flags=re.M)]
    fence = ":" * max([3, *(n + 1 for n in fences)])
    return f"{fence}{{container}} language-{lang} lang-{lang}\n{text.rstrip()}\n{fence}\n"
