"""The printable edition (`make pdf`, scripts/build_pdf.py) and the handouts (`make handouts`), read back with pypdf.

The book PDF is the one `make pdf` writes (`make test` builds it first; it takes a minute or two, see
README); the handouts are built here for one lesson into a temporary folder. Text is compared without
white space and with Latin ligatures (ﬁ) undone; Chinese is compared as extracted, so a character
written as a lookalike Kangxi radical (⼾ for 户, what Chromium writes for Noto CJK) fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest
import yaml
from browsing import ROOT

import lesson_content
import lesson_keys

from retention.bilingual import HAN
from retention.glossary import load_glossary

BOOK_PDF = ROOT / "_build" / "pdf" / "book.pdf"
BUILT_BOOK = ROOT / "_build" / "html" / "index.html"
LESSONS = lesson_keys.toc_lessons(ROOT)
pytestmark = pytest.mark.xdist_group("pdf")


def folded(text: str) -> str:
    """Text as compared here: no white space (lines break anywhere in Chinese), Latin ligatures undone."""
    return "".join(unicodedata.normalize("NFKC", c) if "\ufb00" <= c <= "\ufb06" else c for c in "".join(text.split()))


RADICALS = re.compile("[\u2e80-\u2fdf]")


def pdf_text(path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def book_pdf():
    if not BOOK_PDF.is_file():
        pytest.fail(f"{BOOK_PDF} is missing: run `make pdf` (make test does)")
    if BOOK_PDF.stat().st_mtime < BUILT_BOOK.stat().st_mtime:
        pytest.fail(f"{BOOK_PDF} is older than the built book: run `make pdf` again")
    from pypdf import PdfReader

    return PdfReader(BOOK_PDF)


@pytest.fixture(scope="module")
def book_text(book_pdf) -> str:
    return folded("".join(page.extract_text() for page in book_pdf.pages))


@pytest.fixture(scope="module")
def lessons():
    return [lesson_content.read_lesson(nb) for nb in LESSONS]


def test_book_pdf_has_pages_and_an_outline_of_the_lessons(book_pdf, lessons):
    assert len(book_pdf.pages) > len(lessons)

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield folded(item.title)

    outline = set(titles(book_pdf.outline))
    for lesson in lessons:
        assert any(folded(lesson.title.en) in entry for entry in outline), lesson.title.en


def test_every_lesson_title_and_chinese_heading_is_in_the_text(book_text, lessons):
    """No missing-glyph boxes: every Chinese heading comes back as text (a dropped or boxed glyph would not)."""
    assert RADICALS.findall(book_text) == []
    for lesson in lessons:
        assert folded(lesson.title.en) in book_text
        assert folded(lesson.title.zh) in book_text
        for section in lesson.sections:
            assert re.search(f"[{HAN}]", section.heading.zh)
            assert folded(section.heading.zh) in book_text, (lesson.name, section.heading.zh)


def test_calculators_print_their_starting_values_and_quizzes_their_answers(book_text, lessons):
    assert "Calculator(children" not in book_text and "Loadingwidget" not in book_text
    for lesson in lessons:
        for block in (b for s in lesson.sections for b in s.blocks):
            if isinstance(block, lesson_content.Calculator):
                assert folded(block.title.en) in book_text
                for label, _ in block.rows:
                    assert folded(label.en) in book_text and folded(label.zh) in book_text
    appendix = book_text.index(folded("Appendix: answers to the self-check quizzes"))
    for quiz in sorted((ROOT / "book" / "quizzes").glob("*.yml")):
        for question in yaml.safe_load(quiz.read_text(encoding="utf-8"))["questions"]:
            words = folded(question["en"] if isinstance(question.get("en"), str) else str(question))[:40]
            assert book_text.find(words) < appendix < book_text.rfind(words), (quiz.stem, words)


def test_the_appendix_gives_each_right_option_once(book_text):
    """Each quiz answer in the appendix: the question, its right option, the explanation (which does not
    repeat the option)."""
    appendix = book_text[book_text.index(folded("Appendix: answers to the self-check quizzes")):]
    checked = 0
    for quiz in sorted((ROOT / "book" / "quizzes").glob("*.yml")):
        questions = yaml.safe_load(quiz.read_text(encoding="utf-8"))["questions"]
        starts = [appendix.find(folded(q["en"])[:40]) for q in questions]
        for i, question in enumerate(questions):
            if starts[i] < 0 or "options" not in question:
                continue
            later = [s for s in starts if s > starts[i]]
            answer = appendix[starts[i]:min(later) if later else len(appendix)]
            right = question["options"][question["answer"]]
            option = folded(right["en"] if isinstance(right, dict) else str(right))[:30]
            if len(option) < 8 or option in folded(question.get("explain_en", "")):
                continue  # "£1,000" may well be in its own explanation
            assert answer.count(option) == 1, (quiz.stem, question["en"], option)
            checked += 1
    assert checked >= 25


def test_links_between_pages_stay_inside_the_pdf(book_pdf):
    """Glossary links of the lessons are internal links whose named destination exists."""
    names = set(book_pdf.named_destinations)
    internal, dangling, external = 0, [], []
    for page in book_pdf.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            dest = annot.get("/Dest") or (action.get("/D") if action else None)
            if dest is not None:
                internal += 1
                if isinstance(dest, str) and dest not in names:
                    dangling.append(dest)
            elif action and "/URI" in action and str(action["/URI"]).startswith("http://127.0.0.1"):
                external.append(str(action["/URI"]))
    assert internal > 20
    assert dangling == []
    assert external == [], "links to the local server would be dead in the PDF"


def test_no_text_runs_off_the_page(book_pdf):
    """Tables and code fit the page: no text is placed beyond the right edge."""
    off = []
    for number, page in enumerate(book_pdf.pages, start=1):
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, number=number, width=width):
            x = tm[4] * cm[0] + cm[4]
            if text.strip() and x > width:
                off.append((number, text[:30]))

        page.extract_text(visitor_text=visit)
    assert off == []


# --- handouts -------------------------------------------------------------------------------------------


def run_handouts(*args):
    return subprocess.run(
        [sys.executable, "scripts/build_handouts.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    phrases = tmp_path_factory.mktemp("phrases")
    (phrases / "replies.yml").write_text(
        yaml.safe_dump(
            {
                "phrases": [
                    {
                        "en": "We are sorry for the delay.",
                        "zh": "很抱歉给您带来延误。",
                        "use_en": "Delays",
                        "use_zh": "延误",
                    }
                ]
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    result = run_handouts("--out", out, "--phrases", phrases, LESSONS[0].stem)
    assert result.returncode == 0, result.stderr
    return out


def test_glossary_handout_lists_every_term_in_both_languages(handouts):
    text = folded("".join(pdf_text(handouts / "glossary.pdf")))
    assert RADICALS.findall(text) == []
    for entry in load_glossary():
        assert folded(entry.en) in text and folded(entry.zh) in text, entry.key


def test_phrase_handout_takes_any_bilingual_yaml_list(handouts):
    text = folded("".join(pdf_text(handouts / "phrases.pdf")))
    assert folded("We are sorry for the delay.") in text and folded("很抱歉给您带来延误。") in text


def test_worksheet_has_the_exercises_without_their_answers(handouts):
    lesson = lesson_content.read_lesson(LESSONS[0])
    exercises = next(s for s in lesson.sections if s.heading.en.startswith("Exercise"))
    text = folded("".join(pdf_text(handouts / f"worksheet-{lesson.name}.pdf")))
    first = next(b for b in exercises.blocks if isinstance(b, lesson_content.Bilingual))
    question = re.search(r"1\.\s*(.+)", first.en).group(1).split("<details>")[0]
    assert folded(question.strip())[:40] in text
    answer = re.search(r"<details><summary>[^<]*</summary>(.*?)</details>", first.en, flags=re.S).group(1)
    assert folded(answer)[:20] not in text


def test_missing_phrase_bank_is_skipped_and_said(tmp_path):
    result = run_handouts("--out", tmp_path, "--phrases", tmp_path / "none", LESSONS[0].stem)
    assert result.returncode == 0, result.stderr
    assert "phrases.pdf skipped" in result.stderr
    assert not (tmp_path / "phrases.pdf").exists() and (tmp_path / "glossary.pdf").is_file()


def test_broken_phrase_file_stops_with_its_name_and_writes_nothing(tmp_path):
    phrases = tmp_path / "phrases"
    phrases.mkdir()
    (phrases / "bad.yml").write_text("moves: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_handouts("--out", out, "--phrases", phrases, LESSONS[0].stem)
    assert result.returncode == 1
    assert "bad.yml" in result.stderr and "not valid YAML" in result.stderr
    assert not list(out.glob("*.pdf"))
