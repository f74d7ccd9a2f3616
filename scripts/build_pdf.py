"""Print the built HTML book to one PDF with Chromium (``make pdf``): both languages, Chinese line breaking by the browser.

Every page of the table of contents is opened from ``_build/html`` (served on 127.0.0.1), put in its
print form (``templates/print_prep.js``: calculators as tables of starting values, quiz answers moved
to an appendix, exercise answers open) and joined into one document, so links between pages become
links inside the PDF; ``book/_static/print.css`` lays it out for A4. Chromium prints it with an outline
of the headings; pypdf sets the document's title, opens the outline and gives the Chinese text layer
the characters the pages show (``cjk_pdf_text``). Needs ``make book`` first.

Usage: python scripts/build_pdf.py [--out _build/pdf/book.pdf]
"""

from __future__ import annotations

import argparse
import html
import io
import logging
import sys
import time
from pathlib import Path

import yaml
from pypdf import PdfReader, PdfWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium  # noqa: E402  (sibling scripts)
import cjk_pdf_text  # noqa: E402
from local_server import served  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "pdf" / "book.pdf"
TEMPLATES = Path(__file__).resolve().parent / "templates"
PRINT_CSS = ROOT / "book" / "_static" / "print.css"
EDITION = "print-edition.html"
APPENDIX = ("Appendix: answers to the self-check quizzes", "附录：自我检测答案")


def toc_pages(root: Path = ROOT) -> list[str]:
    """The book's pages in reading order, as paths of the built HTML (``notebooks/01_x.html``)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("file"), str):
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc.get("parts", toc.get("chapters", [])))
    return [f"{page}.html" for page in dict.fromkeys(found)]


def print_form(page, url: str, prefix: str, pages: dict[str, str], script: str) -> dict:
    """One page in its print form: ``{html, answers, title}``."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.cell_output script[type*=\"widget-view\"]')].length === 0"
        " || document.querySelectorAll('.widget-vbox').length > 0"
    )
    return page.evaluate(script, {"prefix": prefix, "pages": pages})


def document(base: str, title: str, parts: list[dict], stylesheets: list[str]) -> str:
    """The whole book as one HTML document: a title page, every page as a chapter, the quiz answers at the end."""
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in stylesheets)
    chapters = "\n".join(
        f'<section class="print-chapter" id="{part["prefix"]}">{part["html"]}</section>' for part in parts
    )
    answers = []
    for part in parts:
        if not part["answers"]:
            continue
        items = "".join(
            f'<li><div class="print-question">{a["question"]}</div><div class="print-answer">{a["option"]}</div>'
            f"{a['explanation']}</li>"
            for a in part["answers"]
        )
        answers.append(
            f'<h2><a href="#{part["prefix"]}">{html.escape(part["title"])}</a></h2><ul class="print-answers">{items}</ul>'
        )
    appendix = (
        f'<section class="print-chapter print-appendix" id="appendix"><h1>{APPENDIX[0]}<br>'
        f'<span lang="zh-Hans">{APPENDIX[1]}</span></h1>{"".join(answers)}</section>'
    )
    en, _, zh = title.partition(" · ")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><base href="{base}"><title>{html.escape(title)}</title>
{links}
<style>{PRINT_CSS.read_text(encoding="utf-8")}</style>
</head><body class="print-edition"><main class="bd-main"><article class="bd-article">
<section class="print-cover"><h1>{html.escape(en)}</h1><h1 lang="zh-Hans">{html.escape(zh)}</h1></section>
{chapters}
{appendix}
</article></main></body></html>"""


def build(out: Path) -> tuple[int, float]:
    """Write the PDF; return its page count and the seconds it took."""
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    if not (BOOK / "index.html").is_file():
        raise SystemExit(f"{BOOK} has no built book: run `make book` first")
    pages = toc_pages()
    missing = [p for p in pages if not (BOOK / p).is_file()]
    if missing:
        raise SystemExit(f"pages of _toc.yml missing from {BOOK}: {', '.join(missing)}; run `make book` first")
    prefixes = {page: f"p{index}" for index, page in enumerate(pages)}
    script = (TEMPLATES / "print_prep.js").read_text(encoding="utf-8")
    with served(BOOK) as base, sync_playwright() as p:
        browser = chromium.launch(p)
        context = browser.new_context(viewport={"width": 1100, "height": 1400})
        chromium.keep_offline(context, lambda url: url.startswith(base) or chromium.in_page(url))
        tab = context.new_page()
        parts = []
        for page in pages:
            form = print_form(tab, base + page, prefixes[page], prefixes, script)
            parts.append({**form, "prefix": prefixes[page]})
        stylesheets = tab.evaluate("() => [...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)")
        book_title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
        whole = document(base, book_title, parts, stylesheets).encode("utf-8")
        # Served at an address of the book itself, so its stylesheets and images load as on the pages.
        tab.route(base + EDITION, lambda route: route.fulfill(body=whole, content_type="text/html; charset=utf-8"))
        tab.goto(base + EDITION, wait_until="networkidle")
        tab.evaluate("() => document.fonts.ready")
        pdf = tab.pdf(
            format="A4",
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            print_background=True,
            outline=True,
            tagged=True,
            display_header_footer=True,
            header_template="<span></span>",
            footer_template='<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span></div>',
        )
        browser.close()
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # Chromium's trailer size is off by a few objects
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    cjk_pdf_text.fix_text_layer(writer)
    writer.add_metadata({"/Title": book_title, "/Creator": "scripts/build_pdf.py (Chromium)"})
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(out)
    return len(writer.pages), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the PDF to write (default: _build/pdf/book.pdf)")
    args = parser.parse_args(argv)
    pages, seconds = build(args.out)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {pages} pages, {size:.1f} MB in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
