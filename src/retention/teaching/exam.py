"""A printable exam paper and its answer sheet, drawn from the question bank by a tag selection and a seed.

The same selection and seed always give the same paper (questions and the order of their options), so a
teacher can rebuild a lost answer sheet. ``make exam TAGS=lesson:06,difficulty:hard SEED=7`` writes
HTML into ``_build/exam/`` and, when Debian's Chromium is installed, a PDF of each through its print engine.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2

from retention.teaching.courseplan import load_plan
from retention.teaching.questionbank import TYPE_NAMES, TYPES, Item, QuestionBankError, questions_dir, select

#: Points per item type on a paper.
POINTS = {"single": 2, "multiple": 3, "truefalse": 1, "numeric": 4, "short": 6}
CHROMIUM = ("chromium", "chromium-browser")
LETTERS = "ABCDEF"


@dataclass(frozen=True)
class Question:
    """An item as it stands on one paper: its options in the paper's order and its answer in that order."""

    item: Item
    options: tuple[dict, ...]
    correct: tuple[int, ...]

    @property
    def letters(self) -> str:
        return "".join(LETTERS[i] for i in self.correct)

    def answer(self, lang: str) -> str:
        if self.item.type in ("single", "multiple"):
            return "; ".join(f"{LETTERS[i]}. {self.options[i][lang]}" for i in self.correct)
        return self.item.answer_text(lang)


def _seed(seed) -> int:
    try:
        return int(seed)
    except (TypeError, ValueError):
        raise QuestionBankError(f"SEED must be a whole number, e.g. SEED=7, got {seed!r}") from None


def assemble(tags: str, seed, count: int = 20) -> list[Question]:
    """``count`` items matching ``tags``, chosen and ordered by ``seed`` (options shuffled too), grouped by type."""
    seed = _seed(seed)
    if count < 1:
        raise QuestionBankError(f"N must be at least 1, got {count}")
    pool = select(tags)
    if not pool:
        raise QuestionBankError(f"no question matches the tags {tags!r}; loosen the selection")
    rng = random.Random(seed)
    chosen = rng.sample(pool, min(count, len(pool)))
    questions = []
    for item in chosen:
        if item.type in ("single", "multiple"):
            order = list(range(len(item.options)))
            rng.shuffle(order)
            right = {item.answer} if item.type == "single" else set(item.answer)
            questions.append(Question(item, tuple(item.options[i] for i in order), tuple(n for n, i in enumerate(order) if i in right)))
        else:
            questions.append(Question(item, (), ()))
    return sorted(questions, key=lambda q: TYPES.index(q.item.type))


def _sections(questions: list[Question]) -> list[dict]:
    sections, start = [], 1
    for kind in TYPES:
        group = [q for q in questions if q.item.type == kind]
        if group:
            en, zh = TYPE_NAMES[kind]
            sections.append({"number": len(sections) + 1, "en": en, "zh": zh, "points": POINTS[kind], "start": start, "questions": group})
            start += len(group)
    return sections


def render(questions: list[Question], tags: str, seed, answers: bool) -> str:
    """The paper (``answers=False``) or its answer sheet as a standalone HTML page."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(questions_dir()), autoescape=True, keep_trailing_newline=True)
    template = env.get_template("exam.html.jinja")
    plan = load_plan()
    view = [
        {**q.item.__dict__, "key": q.item.key, "options": q.options, "letters": q.letters,
         "answer_en": q.answer("en") if answers else "", "answer_zh": q.answer("zh") if answers else ""}
        for q in questions
    ]
    sections = _sections(questions)
    for section in sections:
        section["questions"] = [v for v in view if v["key"] in {q.item.key for q in section["questions"]}]
    return template.render(
        title_en="Answer sheet" if answers else "Exam paper", title_zh="参考答案" if answers else "试卷",
        course_en=plan["title"]["en"], course_zh=plan["title"]["zh"], tags=tags, seed=_seed(seed), answers=answers,
        questions=questions, sections=sections, total=sum(POINTS[q.item.type] for q in questions),
    )


def chromium() -> str | None:
    return next((path for path in map(shutil.which, CHROMIUM) if path), None)


def print_pdf(html_path: Path, pdf_path: Path, browser: str) -> None:
    """Print a local HTML file to PDF with headless Chromium (no network needed: the page has no outside resources)."""
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def write_exam(tags: str, seed, count: int, out: Path, pdf: bool = True) -> list[Path]:
    """Assemble, then write the paper and answer sheet (and their PDFs); nothing is written when the selection is bad."""
    questions = assemble(tags, seed, count)
    pages = {"exam": render(questions, tags, seed, answers=False), "answers": render(questions, tags, seed, answers=True)}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages.items():
        path = out / f"{name}-seed{_seed(seed)}.html"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    browser = chromium() if pdf else None
    for path in list(written):
        if browser:
            target = path.with_suffix(".pdf")
            print_pdf(path, target, browser)
            written.append(target)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Assemble a printable exam paper and its answer sheet from the question bank.")
    parser.add_argument("--tags", default="", help="selection, e.g. lesson:06,lesson:07,difficulty:hard (empty: the whole bank)")
    parser.add_argument("--seed", required=True, help="a whole number; the same seed and tags give the same paper")
    parser.add_argument("--count", type=int, default=20, help="number of questions (default 20)")
    parser.add_argument("--out", default="_build/exam", help="folder to write into (default _build/exam)")
    parser.add_argument("--no-pdf", action="store_true", help="write HTML only")
    args = parser.parse_args(argv)
    try:
        written = write_exam(args.tags, args.seed, args.count, Path(args.out), pdf=not args.no_pdf)
    except QuestionBankError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    available = len(select(args.tags))
    if available < args.count:
        print(f"note: only {available} questions match {args.tags!r}; the paper has all of them")
    for path in written:
        print(path)
    if not args.no_pdf and not chromium():
        print("note: no Chromium found, so no PDF (make system-packages installs it); print the HTML from a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
