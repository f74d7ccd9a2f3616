"""The built lesson pages of the data lessons (30–36): under the exercises, one closed "Check your answer" block
per exercise whose answer has figures in the teacher's notes, in both languages, holding the numbers the
answer_keys calls give; the code that makes them is hidden; the notes' method sentences never reach a student page."""

import re

import pytest
from answer_blocks import DATA_LESSONS, blocks, expected, notes
from bs4 import BeautifulSoup
from paths import NOTEBOOKS


def page(book_html, lesson: str) -> str:
    return (book_html / "notebooks" / f"{lesson}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", DATA_LESSONS)
def test_every_exercise_with_figures_has_its_closed_bilingual_check_block_with_the_answer_keys_numbers(book_html, lesson):
    html = page(book_html, lesson)
    shown, wanted = blocks(html, lesson), expected(lesson)
    assert wanted, f"the notes of {lesson} give no figures: nothing for the students to check"
    assert sorted(shown) == sorted(wanted), f"{lesson}: check blocks for exercises {sorted(shown)}, figures for {sorted(wanted)}"
    for exercise, rows in wanted.items():
        assert len(shown[exercise]) == 1, f"{lesson} exercise {exercise}: {len(shown[exercise])} check blocks"
        block = shown[exercise][0]
        assert not block.open, f"{lesson} exercise {exercise}: the block must be closed until the student opens it"
        assert "Check your answer" in block.summary["en"] and "核对答案" in block.summary["zh-Hans"]
        assert block.rows == rows, f"{lesson} exercise {exercise}: the page shows {block.rows}, the answer keys give {rows}"


@pytest.mark.parametrize("lesson", DATA_LESSONS)
def test_the_check_blocks_sit_in_the_exercises_section_and_their_code_is_hidden(book_html, lesson):
    soup = BeautifulSoup(page(book_html, lesson), "html.parser")
    section = soup.select_one("section#exercises")
    assert section is not None, f"{lesson}: no Exercises section on the page"
    assert len(section.select("details.cbec-answer-check")) == len(expected(lesson))
    for cell in soup.select("div.cell"):
        code = cell.select_one("div.cell_input")
        assert code is None or "check_answers(" not in code.get_text(), f"{lesson}: the check_answers call shows in the book"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_student_page_holds_the_notes_method_sentences(book_html, path):
    """The notes' answer text is the teacher's; students get only the figures."""
    text = re.sub(r"\s+", " ", BeautifulSoup(page(book_html, path.stem), "html.parser").get_text())
    for answer in notes(path.stem)["answers"]:
        for lang in ("en", "zh"):
            assert answer[lang] not in text, f"{path.stem} exercise {answer['exercise']}: the notes' {lang} solution is on the student page"


def test_the_slide_decks_leave_the_check_blocks_out(tmp_path):
    """Slides are shown to the whole class: the answers a student opens alone must not become a table slide.
    (Lesson 30 is left out: its own "Answers" section shows worked answers, with the same labels, on purpose.)"""
    import subprocess
    import sys

    from paths import ROOT

    out = tmp_path / "slides"
    lessons = DATA_LESSONS[1:]
    result = subprocess.run([sys.executable, "scripts/build_slides.py", "--out", str(out), *lessons],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for lesson in lessons:
        deck = BeautifulSoup((out / f"{lesson}.html").read_text(encoding="utf-8"), "html.parser")
        rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in deck.select("tr")]
        for figures in expected(lesson).values():
            for label_en, _, value_en, _ in figures:
                shown = [row for row in rows if len(row) == 2 and label_en in row[0] and value_en in row[1]]
                assert not shown, f"{lesson}: a slide shows the answer {label_en}: {value_en}"
