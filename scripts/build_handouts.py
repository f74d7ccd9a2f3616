"""Print the handouts as PDF with Chromium (``make handouts``): the glossary word list, the phrase bank, a worksheet per lesson.

* ``glossary.pdf``: every term of ``book/glossary/*.yml`` (``retention.glossary``) in English and Chinese
  with both definitions, in the order the lessons introduce them.
* ``phrases.pdf``: every bilingual entry of the YAML files in ``book/phrases/`` (any list of mappings
  with ``en``/``zh`` or ``<field>_en``/``<field>_zh`` pairs); skipped, saying so, when there are none.
* ``worksheet-<lesson>.pdf``: the lesson's exercises, both languages, without the answers, with room to write.

Chinese copies and searches as shown (``cjk_pdf_text`` fixes the text layer Chromium writes).

Worksheets read the executed lessons (``make book`` first). Usage:
python scripts/build_handouts.py [--out _build/handouts] [--phrases book/phrases] [lesson name ...]
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import time
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_pdf  # noqa: E402  (sibling scripts)
import chromium  # noqa: E402
import cjk_pdf_text  # noqa: E402
import lesson_content as lc  # noqa: E402
import lesson_keys  # noqa: E402

from retention.bilingual import has_chinese  # noqa: E402
from retention.glossary import load_glossary  # noqa: E402

ROOT = lc.ROOT
OUT = ROOT / "_build" / "handouts"
PHRASES = ROOT / "book" / "phrases"
TITLES = {
    "glossary": lc.Bilingual("Glossary: a bilingual word list", "术语表：中英对照词汇"),
    "phrases": lc.Bilingual("Phrase bank", "常用语句库"),
    "worksheet": lc.Bilingual("Worksheet", "练习单"),
    "name": lc.Bilingual("Name", "姓名"),
    "answer": lc.Bilingual("Your answer", "你的答案"),
}


class HandoutError(ValueError):
    """A content file cannot be made into a handout: the message names the file and what to fix."""


def bilingual_rows(node, where: str) -> list[dict]:
    """Every mapping in ``node`` (at any depth) that has English/Chinese pairs, as ``{field: Bilingual}`` rows."""
    rows = []
    if isinstance(node, dict):
        pairs = {}
        for key, value in node.items():
            if not isinstance(value, str):
                continue
            base = "" if key in ("en", "zh") else key[:-3] if key.endswith(("_en", "_zh")) else None
            if base is None:
                continue
            en = node.get("en" if base == "" else f"{base}_en")
            zh = node.get("zh" if base == "" else f"{base}_zh")
            if isinstance(en, str) and isinstance(zh, str) and base not in pairs:
                if not has_chinese(zh):
                    raise HandoutError(
                        f"{where}: {key!r} of {node.get('key', node.get('en'))!r} must be written in Chinese"
                    )
                pairs[base] = lc.Bilingual(en.strip(), zh.strip())
        if pairs:
            rows.append(pairs)
        for value in node.values():
            if isinstance(value, (dict, list)):
                rows.extend(bilingual_rows(value, where))
    elif isinstance(node, list):
        for item in node:
            rows.extend(bilingual_rows(item, where))
    return rows


def phrase_sections(folder: Path) -> list[tuple[str, list[dict]]]:
    """``(section, rows)`` for each top-level list of every YAML file in ``folder``; a broken file stops with its name."""
    sections = []
    for path in sorted(folder.glob("*.y*ml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise HandoutError(f"{path}: not valid YAML ({error}); fix the file or move it out of {folder}") from None
        parts = data.items() if isinstance(data, dict) else [(path.stem, data)]
        for name, value in parts:
            rows = bilingual_rows(value, str(path))
            if rows:
                sections.append((f"{path.stem}: {name}" if isinstance(data, dict) else path.stem, rows))
    return sections


def worksheet(lesson: lc.Lesson) -> list[lc.Bilingual]:
    """The exercises of a lesson (its ``Exercises`` section), as HTML without the answers."""
    for section in lesson.sections:
        if section.heading.en.startswith("Exercise"):
            return [
                lc.Bilingual(lc.markdown_html(block.en), lc.markdown_html(block.zh))
                for block in section.blocks
                if isinstance(block, lc.Bilingual)
            ]
    return []


def print_html(pages: dict[Path, str]) -> None:
    """Print each HTML document to its PDF with Chromium (nothing is fetched from anywhere)."""
    from playwright.sync_api import sync_playwright

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailer size is off by a few objects
    with sync_playwright() as p:
        browser = chromium.launch(p)
        context = browser.new_context()
        chromium.keep_offline(context, chromium.in_page)
        tab = context.new_page()
        for path, html in pages.items():
            tab.set_content(html)
            tab.evaluate("() => document.fonts.ready")
            pdf = tab.pdf(format="A4", margin={"top": "16mm", "bottom": "16mm", "left": "15mm", "right": "15mm"})
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
            cjk_pdf_text.fix_text_layer(writer)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                writer.write(handle)
            tmp.replace(path)
        browser.close()


def build(out: Path, phrases: Path, names: list[str]) -> dict[str, int]:
    """Write the handouts; return how many entries (or exercises) each holds."""
    env = Environment(loader=FileSystemLoader(build_pdf.TEMPLATES), autoescape=select_autoescape(["html", "jinja"]))
    template = env.get_template("handout.html.jinja")
    notebooks = lesson_keys.named_lessons(names, ROOT)
    out.mkdir(parents=True, exist_ok=True)
    pages, counts = {}, {}
    glossary = list(load_glossary())
    pages[out / "glossary.pdf"] = template.render(kind="glossary", title=TITLES["glossary"], entries=glossary, t=TITLES)
    counts["glossary"] = len(glossary)
    if phrases.is_dir() and (sections := phrase_sections(phrases)):
        pages[out / "phrases.pdf"] = template.render(
            kind="phrases", title=TITLES["phrases"], sections=sections, t=TITLES
        )
        counts["phrases"] = sum(len(rows) for _, rows in sections)
    else:
        print(f"phrase bank: no bilingual YAML entries in {phrases}; phrases.pdf skipped", file=sys.stderr)
    for notebook in notebooks:
        try:
            lesson = lc.read_lesson(notebook)
        except lc.NotExecuted as error:
            raise SystemExit(str(error)) from None
        exercises = worksheet(lesson)
        if not exercises:
            raise SystemExit(f"{notebook}: no 'Exercises · 练习' section, so no worksheet")
        pages[out / f"worksheet-{lesson.name}.pdf"] = template.render(
            kind="worksheet", title=lesson.title, exercises=exercises, t=TITLES
        )
        counts[f"worksheet-{lesson.name}"] = len(exercises)
    print_html(pages)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="worksheets only for these lessons (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: _build/handouts)")
    parser.add_argument(
        "--phrases", type=Path, default=PHRASES, help="folder of phrase-bank YAML (default: book/phrases)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        counts = build(args.out, args.phrases, args.lessons)
    except HandoutError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{len(counts)} handouts in {time.perf_counter() - start:.1f} s: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
