"""Teacher's notes: every lesson has them, they time every section of the lesson and add up to the plan's
minutes, answer every exercise, show the package's numbers, and name the misconceptions the course
fights (percentage points vs per cent, rows vs invoices, revenue vs margin); broken notes say what to fix."""

import json
import re

import pytest
import yaml
from package_calls import call
from paths import ROOT
from teaching_copy import clear_caches, copy_course

from retention import load_online_retail, summary_counts
from retention.bilingual import heading_slug
from retention.teaching import answer_keys, courseplan, notes
from retention.teaching.notes import NotesError, load_notes
from retention.teaching.questionbank import format_value
from retention.teaching.sources import toc_lessons

LESSONS = toc_lessons()


@pytest.fixture
def course(tmp_path, monkeypatch):
    book = copy_course(tmp_path, monkeypatch)
    import shutil

    shutil.copytree(ROOT / "book" / "teacher", book / "teacher")
    notes.load_notes.cache_clear()
    notes._schema.cache_clear()
    yield book
    monkeypatch.delenv("RETENTION_BOOK_DIR")
    clear_caches()
    notes.load_notes.cache_clear()


def _sections(lesson):
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    return [heading_slug(line[3:]) for c in cells if c["cell_type"] == "markdown" for line in "".join(c["source"]).splitlines() if line.startswith("## ")]


def test_every_lesson_of_the_book_has_notes_and_a_page_in_the_teachers_book():
    toc = yaml.safe_load((ROOT / "book" / "teacher" / "_toc.yml").read_text(encoding="utf-8"))
    assert [c["file"] for part in toc["parts"] for c in part["chapters"]] == [f"notes/{lesson}" for lesson in LESSONS]
    for lesson in LESSONS:
        assert notes.MARKER.format(lesson=lesson) in (ROOT / "book" / "teacher" / "notes" / f"{lesson}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS)
def test_notes_time_every_section_and_fill_the_lessons_minutes(lesson):
    data = load_notes(lesson)
    assert list(data["minutes"]) == _sections(lesson)
    total = data["warm_up"]["minutes"] + sum(data["minutes"].values()) + data.get("lab", {}).get("minutes", 0)
    assert total == 45 * sum(courseplan.lesson_entry(lesson)["hours"]["48"])
    assert all(live["section"] in data["minutes"] for live in data["live"])


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_has_an_answer_and_its_numbers_are_the_packages(lesson):
    data = load_notes(lesson)
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    assert len(data["answers"]) >= 2 and [a["exercise"] for a in data["answers"]] == list(range(1, len(data["answers"]) + 1))
    text = " ".join("".join(c["source"]) for c in cells)
    assert f"{len(data['answers'])}. " in text and f"{len(data['answers']) + 1}. " not in text.split("## Self-check")[0].split("## Exercises")[-1]
    page = notes.notes_markdown(lesson)
    for answer in data["answers"]:
        for figure in answer.get("figures", []):
            value = call(figure["compute"])
            assert f"**{format_value(figure['format']['en'], value)}**" in page
            assert format_value(figure["format"]["zh"], value) in page


def test_the_answer_keys_hold_numbers_for_the_calculating_exercises():
    with_numbers = sum(1 for lesson in LESSONS for a in load_notes(lesson)["answers"] if a.get("figures"))
    assert with_numbers >= 20


def test_cancellation_revenue_splits_the_raw_revenue():
    raw = load_online_retail()
    kept = raw[~raw["InvoiceNo"].astype(str).str.startswith("C")]
    assert answer_keys.cancellation_revenue() < 0
    assert answer_keys.cancellation_revenue() + summary_counts(kept)["revenue"] == pytest.approx(summary_counts(raw)["revenue"])


@pytest.mark.parametrize(
    "words",
    [("percentage points", "百分点"), ("rows", "行"), ("revenue", "利润")],
    ids=["points-vs-percent", "rows-vs-invoices", "revenue-vs-margin"],
)
def test_the_courses_misconceptions_are_in_the_notes(words):
    en, zh = words
    found = [m for lesson in LESSONS for m in load_notes(lesson)["misconceptions"] if en in m["en"].lower() and zh in m["zh"]]
    assert found, f"no lesson's notes name the misconception about {en!r}"


def _edit(book, lesson, change):
    path = book / "teacher" / "notes" / f"{lesson}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_minutes_that_do_not_add_up_are_named(course):
    _edit(course, "01_why_keep_customers", lambda d: d["minutes"].update(summary=50))
    with pytest.raises(NotesError, match="01_why_keep_customers.yml.*180 minutes; the plan gives 135"):
        load_notes("01_why_keep_customers")


def test_a_missing_section_is_named(course):
    _edit(course, "02_why_customers_leave", lambda d: d["minutes"].pop("summary"))
    with pytest.raises(NotesError, match="must time the lesson's sections"):
        load_notes("02_why_customers_leave")


def test_an_unanswered_exercise_is_named(course):
    _edit(course, "06_customer_care_economics", lambda d: d["answers"].pop())
    with pytest.raises(NotesError, match=r"answer exercises \[1, 2, 3\]"):
        load_notes("06_customer_care_economics")


def _worked_answers(lesson):
    """Exercise number -> the English worked answer in the lesson's closed <details> block, code and tags removed."""
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    inside, found = False, {}
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            inside = text.startswith("## Exercises")
            continue
        if inside and cell.get("metadata", {}).get("lang") == "en":
            for item in re.split(r"\n(?=\d+\. )", text):
                answer = re.search(r"<details><summary>Answer</summary>(.*?)</details>", item, flags=re.S)
                if item[:1].isdigit() and answer:
                    plain = re.sub(r"<code>.*?</code>", "", answer.group(1), flags=re.S)
                    found[int(item.split(".")[0])] = re.sub(r"<[^>]+>", "", plain)
    return found


def _numbers(text):
    """Every number of ``text`` as (value, decimals), signs and units dropped."""
    return [(float(m.replace(",", "")), len(m.partition(".")[2])) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_key_computes_the_number_each_worked_answer_arrives_at(lesson):
    """Where the key computes figures for an exercise, the number the lesson's worked answer ends on is one of them
    (a key that gives the intermediate steps but not the share or head-count the exercise asks for fails)."""
    numbers = notes.figures(lesson)
    for exercise, answer in _worked_answers(lesson).items():
        keyed = [value for n, _, text_en, _ in numbers if n == exercise for value, _ in _numbers(text_en)]
        if not keyed or not _numbers(answer):
            continue
        final, decimals = _numbers(answer)[-1]
        assert any(round(value, decimals) == final for value in keyed), (
            f"{lesson} exercise {exercise}: the worked answer arrives at {final:g}, the teacher's key computes only {keyed}"
        )
