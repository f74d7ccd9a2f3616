"""What a lesson says, read from its executed notebook: sections of bilingual prose, tables, charts, calculators.

The slides and the worksheets are made from this, so they show the same words and the same computed
outputs as the book. Outputs come from the jupyter-cache that ``make book`` fills (the executed
notebooks, keyed by their code), languages are told apart by the cells' ``lang`` metadata and by
``retention.bilingual.split`` for ``English · 中文`` headings and labels.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from jupyter_cache import get_cache
from markdown_it import MarkdownIt

from retention.bilingual import cell_language, split

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MARKDOWN = MarkdownIt("commonmark").enable("table")


class NotExecuted(RuntimeError):
    """A lesson has no executed copy in the cache: the message says to run ``make book`` first."""


@dataclass
class Bilingual:
    """One piece of text in both languages (plain text for headings, Markdown for prose)."""

    en: str
    zh: str


@dataclass
class Table:
    html: str


@dataclass
class Quiz:
    """A self-check quiz as the book shows it (an HTML form)."""

    html: str


@dataclass
class Chart:
    png: bytes
    alt: str


@dataclass
class Calculator:
    """A calculator's starting state: its title, each control's label and value, and the answer it shows."""

    title: Bilingual
    rows: list[tuple[Bilingual, str]]
    answer_html: str


@dataclass
class Section:
    heading: Bilingual
    blocks: list = field(default_factory=list)


@dataclass
class Lesson:
    name: str
    title: Bilingual
    sections: list[Section]


def heading_text(text: str) -> Bilingual:
    """The two halves of an ``English · 中文`` heading (both the whole text when it is not bilingual)."""
    halves = split(text.strip())
    return Bilingual(*halves) if halves else Bilingual(text.strip(), text.strip())


def executed(notebook: Path, cache_dir: Path = CACHE) -> nbformat.NotebookNode:
    """The notebook with the outputs of its cached run (what the book shows), or :class:`NotExecuted`."""
    if not cache_dir.is_dir():
        raise NotExecuted(f"{cache_dir} does not exist: run `make book` first (it executes the lessons)")
    nb = nbformat.read(notebook, as_version=4)
    try:
        _, merged = get_cache(cache_dir).merge_match_into_notebook(nb)
    except KeyError:
        raise NotExecuted(
            f"{notebook.name} has no executed copy in {cache_dir} matching its code: run `make book` first"
        ) from None
    return merged


def _widget_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def _format(value, fmt: str | None) -> str:
    """A slider's value as its readout shows it (ipywidgets' d3 formats ``.2f``, ``,.0f``, ``.0%`` are Python's too)."""
    if isinstance(value, (int, float)) and fmt:
        try:
            return format(value, fmt)
        except ValueError:
            pass
    return str(value)


def calculator(view: dict, states: dict) -> Calculator | None:
    """The starting state of a widget box: headings and answers from its HTML children, labelled values from the rest."""
    root = states.get(view["model_id"])
    if root is None or "children" not in root["state"]:
        return None
    title, rows, answers = None, [], []
    for ref in root["state"]["children"]:
        child = states.get(ref.removeprefix("IPY_MODEL_"), {})
        state = child.get("state", {})
        if child.get("model_name") in ("HTMLModel", "LabelModel", "HTMLMathModel") and not state.get("description"):
            text = state.get("value", "")
            if title is None and not answers and not rows:
                title = heading_text(_widget_text(text))
            elif text.strip():
                answers.append(text)
        elif "value" in state and state.get("description"):
            rows.append((heading_text(state["description"]), _format(state["value"], state.get("readout_format"))))
    if title is None or not rows:
        return None
    return Calculator(title, rows, "".join(answers))


def _table_html(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    table = soup.find("table")
    return str(table) if table else ""


def output_blocks(cell, states: dict) -> list:
    """Tables, charts and calculators among a code cell's outputs (text, quizzes, check blocks and reprs are left out)."""
    blocks = []
    alt = ((cell.metadata.get("mystnb") or {}).get("image") or {}).get("alt", "")
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "scrapbook" in output.get("metadata", {}):
            continue  # a glued value: the book shows it where the prose asks for it, not here
        if "cbec-answer-check" in data.get("text/html", ""):
            continue  # the exercises' closed "Check your answer" blocks: for a student on their own, not a slide or worksheet
        if "cbec-quiz" in data.get("text/html", ""):
            blocks.append(Quiz(data["text/html"]))
        elif WIDGET_VIEW in data and "text/html" not in data:
            found = calculator(data[WIDGET_VIEW], states)
            if found:
                blocks.append(found)
        elif "image/png" in data:
            blocks.append(Chart(base64.b64decode(data["image/png"]), alt))
        elif "<table" in data.get("text/html", ""):
            html = _table_html(data["text/html"])
            if html:
                blocks.append(Table(html))
    return blocks


def prose_pairs(cells) -> list[tuple[str, str]]:
    """Consecutive English/Chinese prose cells as (English Markdown, Chinese Markdown) pairs."""
    pairs, english = [], None
    for cell in cells:
        lang = cell_language(cell)
        if lang == "en":
            english = cell.source
        elif lang == "zh-Hans" and english is not None:
            pairs.append((english, cell.source))
            english = None
    return pairs


def read_lesson(notebook: Path, cache_dir: Path = CACHE) -> Lesson:
    """A lesson as sections (each ``##`` heading) of prose pairs, tables, charts and calculators, in notebook order."""
    nb = executed(notebook, cache_dir)
    states = (nb.metadata.get("widgets") or {}).get(WIDGET_STATE, {}).get("state", {})
    title, sections, english = None, [], None
    current = Section(Bilingual("", ""))
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell_language(cell) is None:
            for line in cell.source.splitlines():
                match = _HEADING.match(line)
                if not match:
                    continue
                if len(match.group(1)) == 1 and title is None:
                    title = heading_text(match.group(2))
                else:
                    current = Section(heading_text(match.group(2)))
                    sections.append(current)
        elif cell.cell_type == "markdown" and cell_language(cell) == "en":
            english = cell.source
        elif cell.cell_type == "markdown" and cell_language(cell) == "zh-Hans" and english is not None:
            current.blocks.append(Bilingual(english, cell.source))
            english = None
        elif cell.cell_type == "code":
            current.blocks.extend(output_blocks(cell, states))
    if title is None:
        raise ValueError(f"{notebook}: no '# English · 中文' title heading")
    return Lesson(notebook.stem, title, sections)


# --- Markdown to HTML for slides and handouts ---------------------------------------------------------


def markdown_html(text: str, answers: bool = False) -> str:
    """Prose cell Markdown as HTML: glossary and lesson links become plain text, ``<details>`` answers go unless kept."""
    soup = BeautifulSoup(_MARKDOWN.render(text), "html.parser")
    for link in soup.find_all("a"):
        link.unwrap()
    if not answers:
        for details in soup.find_all("details"):
            details.decompose()
    return str(soup).strip()


_EN_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(£0-9\"'“])")
_ZH_SENTENCE = re.compile(r"(?<=[。！？])")
_LIST_ITEM = re.compile(r"^\s*([-*]|\d+\.)\s", flags=re.M)


def key_sentence(text: str, lang: str) -> str:
    """A prose cell's topic sentence (its first), as Markdown; a cell holding a list is kept whole."""
    body = text.strip()
    if _LIST_ITEM.search(body):
        return body
    first = " ".join(body.split("\n\n")[0].split("\n"))
    sentences = (_EN_SENTENCE if lang == "en" else _ZH_SENTENCE).split(first)
    return next((s.strip() for s in sentences if s.strip()), first)
