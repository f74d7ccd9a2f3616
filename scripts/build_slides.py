"""Build a reveal.js slide deck for every lesson from its executed notebook (``make slides``).

One deck per lesson holds both languages, like the book: every text block carries its ``lang`` and the
deck's switch (or ``?lang=en``, ``?lang=zh``, ``?lang=both`` in the address) shows English, Chinese or
both, so a teacher keeps one file per lesson and nothing is written twice. A slide is made of a
section's heading and the topic sentence of each prose pair; tables, charts and each calculator's
starting values get slides of their own; exercises are shown whole (without their answers). Print a
deck to PDF from Chromium with ``?print-pdf`` in the address. Needs ``make book`` first (it executes
the lessons into the cache this reads) and the vendored reveal.js (``scripts/vendor_assets.sh``).

Usage: python scripts/build_slides.py [--out _build/slides] [lesson name ...]
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader, select_autoescape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import lesson_content as lc  # noqa: E402  (a sibling script)
import lesson_keys  # noqa: E402

from retention.bilingual import split  # noqa: E402

ROOT = lc.ROOT
OUT = ROOT / "_build" / "slides"
REVEAL = ROOT / "_build" / "slides-vendor" / "reveal"
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Text lines a 16:9 slide holds under its heading (English ~80 characters a line, Chinese ~40 at 26 px).
LINE_BUDGET = 14
EN_LINE, ZH_LINE = 75, 38
#: Table rows per slide; longer tables continue on the next slide with their header repeated.
TABLE_ROWS = 10
#: Labels of the deck itself, in both languages.
UI = {
    "lesson": lc.Bilingual("Lesson {n}", "第 {n} 课"),
    "start": lc.Bilingual("Starting values", "初始值"),
    "control": lc.Bilingual("Input", "输入项"),
    "value": lc.Bilingual("Value", "数值"),
    "continued": lc.Bilingual("continued", "续"),
    "decks": lc.Bilingual("Slides", "课件"),
}


@dataclass
class Slide:
    kind: str  # title | text | table | chart | calculator
    heading: lc.Bilingual
    blocks: list = field(default_factory=list)
    part: int = 1


def estimated_lines(block: lc.Bilingual) -> float:
    """Rough height of a prose pair (HTML) on a slide, in text lines (both languages shown)."""

    def lines(html: str, width: int) -> int:
        soup = BeautifulSoup(html, "html.parser")
        parts = soup.find_all(["p", "li"]) or [soup]
        return sum(max(1, math.ceil(len(part.get_text(" ", strip=True)) / width)) for part in parts)

    return lines(block.en, EN_LINE) + lines(block.zh, ZH_LINE) + 0.5


def pieces(html: str) -> list[str]:
    """A prose block cut into its paragraphs and list items (each item keeps its number)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for node in soup.find_all(True, recursive=False):
        if node.name in ("ol", "ul"):
            for number, item in enumerate(node.find_all("li", recursive=False), start=int(node.get("start", 1))):
                start = f' start="{number}"' if node.name == "ol" else ""
                found.append(f"<{node.name}{start}>{item}</{node.name}>")
        else:
            found.append(str(node))
    return found


def chunks(block: lc.Bilingual) -> list[lc.Bilingual]:
    """A prose pair too long for one slide, cut between paragraphs and list items (when both languages have as many)."""
    if estimated_lines(block) <= LINE_BUDGET / 2:
        return [block]
    en, zh = pieces(block.en), pieces(block.zh)
    if len(en) != len(zh) or len(en) < 2:
        return [block]
    return [lc.Bilingual(en_piece, zh_piece) for en_piece, zh_piece in zip(en, zh)]


def pack_text(heading: lc.Bilingual, texts: list[lc.Bilingual]) -> list[Slide]:
    """Prose pairs on as few slides as fit :data:`LINE_BUDGET`, in order."""
    slides: list[Slide] = []
    used = LINE_BUDGET + 1
    for text in (piece for block in texts for piece in chunks(block)):
        need = estimated_lines(text)
        if used + need > LINE_BUDGET:
            slides.append(Slide("text", heading, part=len(slides) + 1))
            used = 0
        slides[-1].blocks.append(text)
        used += need
    return slides


def table_parts(html: str) -> list[str]:
    """A table cut into slides of :data:`TABLE_ROWS` body rows, each with the header; bilingual cells split by language."""
    soup = BeautifulSoup(html, "html.parser")
    for cell in soup.find_all(["th", "td"]):
        halves = split(cell.get_text(" ", strip=True))
        if halves and not cell.find(True):
            cell.clear()
            for lang, text in zip(("en", "zh-Hans"), halves):
                span = soup.new_tag("span", lang=lang)
                span.string = text
                cell.append(span)
    table = soup.find("table")
    table.attrs = {"class": "data"}
    body = table.find("tbody")
    rows = body.find_all("tr", recursive=False) if body else []
    if len(rows) <= TABLE_ROWS:
        return [str(table)]
    parts = []
    for start in range(0, len(rows), TABLE_ROWS):
        part = BeautifulSoup(str(table), "html.parser")
        part_rows = part.find("tbody").find_all("tr", recursive=False)
        for index, row in enumerate(part_rows):
            if not start <= index < start + TABLE_ROWS:
                row.decompose()
        parts.append(str(part))
    return parts


def answer_html(html: str) -> str:
    """A calculator's answer without the `` · `` between its language spans (the deck shows one or both)."""
    soup = BeautifulSoup(html, "html.parser")
    for text in soup.find_all(string=True):
        if text.strip() == "·":
            text.replace_with(" ")
    return str(soup)


def lesson_slides(lesson: lc.Lesson) -> list[Slide]:
    """The deck of one lesson: a title slide, then each section's text, tables, charts and calculators."""
    slides = [Slide("title", lesson.title)]
    for section in lesson.sections:
        if any(isinstance(block, lc.Quiz) for block in section.blocks):
            continue  # the self-check quiz is for students on their own
        exercises = section.heading.en.startswith("Exercise")
        texts = []
        for block in section.blocks:
            if isinstance(block, lc.Bilingual):
                if exercises:
                    texts.append(lc.Bilingual(lc.markdown_html(block.en), lc.markdown_html(block.zh)))
                else:
                    texts.append(
                        lc.Bilingual(
                            lc.markdown_html(lc.key_sentence(block.en, "en")),
                            lc.markdown_html(lc.key_sentence(block.zh, "zh-Hans")),
                        )
                    )
        slides.extend(pack_text(section.heading, texts))
        for block in section.blocks:
            if isinstance(block, lc.Table):
                parts = table_parts(block.html)
                slides.extend(Slide("table", section.heading, [part], part=n) for n, part in enumerate(parts, 1))
            elif isinstance(block, lc.Chart):
                slides.append(Slide("chart", section.heading, [block]))
            elif isinstance(block, lc.Calculator):
                calc = lc.Calculator(block.title, block.rows, answer_html(block.answer_html))
                slides.append(Slide("calculator", section.heading, [calc]))
    return slides


def lesson_number(name: str) -> str:
    return name.split("_", 1)[0]


def render_deck(env: Environment, lesson: lc.Lesson, slides: list[Slide], images: Path) -> str:
    """The deck's HTML; charts are written to ``images`` as PNG files next to it."""
    charts: dict[int, str] = {}
    for index, slide in enumerate(slides):
        if slide.kind == "chart":
            name = f"{lesson.name}-{index:02d}.png"
            (images / name).write_bytes(slide.blocks[0].png)
            charts[index] = f"img/{name}"
    number = lesson_number(lesson.name)
    subtitle = lc.Bilingual(UI["lesson"].en.format(n=number), UI["lesson"].zh.format(n=number))
    return env.get_template("deck.html.jinja").render(
        lesson=lesson, slides=slides, charts=charts, ui=UI, subtitle=subtitle, split=split
    )


def build(names: list[str], out: Path) -> dict[str, int]:
    """Write every named lesson's deck (all lessons when none named) and the index; return slides per deck."""
    if not (REVEAL / "reveal.js").is_file():
        raise SystemExit(f"{REVEAL}/reveal.js is missing: run `bash scripts/vendor_assets.sh` (make setup does)")
    notebooks = lesson_keys.named_lessons(names, ROOT)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "jinja"]))
    (out / "img").mkdir(parents=True, exist_ok=True)
    shutil.copytree(REVEAL, out / "reveal", dirs_exist_ok=True)
    for name in ("deck.css", "deck.js"):
        shutil.copy2(TEMPLATES / name, out / name)
    counts, lessons = {}, []
    for notebook in notebooks:
        try:
            lesson = lc.read_lesson(notebook)
        except lc.NotExecuted as error:
            raise SystemExit(str(error)) from None
        slides = lesson_slides(lesson)
        (out / f"{lesson.name}.html").write_text(render_deck(env, lesson, slides, out / "img"), encoding="utf-8")
        counts[lesson.name] = len(slides)
        lessons.append((lesson, len(slides)))
    index = env.get_template("slides_index.html.jinja").render(lessons=lessons, ui=UI)
    (out / "index.html").write_text(index, encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson names such as 01_why_keep_customers (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: _build/slides)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = build(args.lessons, args.out)
    seconds = time.perf_counter() - start
    print(f"{len(counts)} decks, {sum(counts.values())} slides in {seconds:.1f} s: {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
