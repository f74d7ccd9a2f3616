"""The teacher's side as people meet it: the course plan page of the built book (schedule, totals, weights,
lesson links), and the teacher's book built by `make teacher` as the README writes it: every lesson's notes
with the package's numbers, opened in Chromium offline; none of it in the students' book or notebooks."""

from __future__ import annotations

import json
import subprocess

import pytest
from bs4 import BeautifulSoup
from browsing import AXE_JS, own_tab
from local_server import served
from paths import BOOK_HTML, ROOT

from retention.teaching import courseplan, notes
from retention.teaching.sources import assignment_points, lesson_title, toc_lessons

TEACHER_HTML = ROOT / "_build" / "teacher" / "html"
AXE_SERIOUS = """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))
    .violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.length)"""


def plain(text: str) -> str:
    """Text with Sphinx's typographic quotes (smartquotes) made straight, for comparing with the YAML."""
    return text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))


def _cells(row):
    return [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]


def test_course_plan_page_shows_the_schedule_with_both_totals(book_html):
    page = BeautifulSoup((book_html / "book" / "course_plan.html").read_text(encoding="utf-8"), "html.parser")
    schedule = next(t for t in page.find_all("table") if "32 h: theory" in t.get_text())
    rows = [_cells(r) for r in schedule.find("tbody").find_all("tr")]
    lessons = toc_lessons()
    assert [r[0] for r in rows[: len(lessons)]] == [" · ".join(lesson_title(lesson)) for lesson in lessons]
    for row, lesson in zip(rows, lessons):
        hours = courseplan.lesson_entry(lesson)["hours"]
        assert [int(x) for x in row[1:]] == [*hours["32"], *hours["48"]]
    totals = [int(x) for x in rows[-1][1:]]
    assert totals[0] + totals[1] == 32 and totals[2] + totals[3] == 48
    for lesson in lessons:  # each lesson's objectives link to the lesson, in both languages
        links = [a for a in page.select(".lang-en a, .lang-zh-Hans a") if a["href"].split("#")[0] == f"../notebooks/{lesson}.html"]
        assert [a.get_text() for a in links] == list(lesson_title(lesson))
        assert (book_html / "notebooks" / f"{lesson}.html").is_file()


def test_course_plan_page_weights_add_up_to_100(book_html):
    page = BeautifulSoup((book_html / "book" / "course_plan.html").read_text(encoding="utf-8"), "html.parser")
    table = next(t for t in page.find_all("table") if "Weight (%)" in t.get_text())
    rows = [_cells(r) for r in table.find("tbody").find_all("tr")]
    weights = [float(r[2]) for r in rows[:-1]]
    assert sum(weights) == pytest.approx(100, abs=0.05) and float(rows[-1][2]) == 100
    assert len(rows) == 1 + len(assignment_points()) + 1 + 1  # quizzes, each assignment, the exam, the total
    assert page.select_one(".lang-zh-Hans") and "知识目标" in page.get_text() and "思政与职业责任" in page.get_text()


@pytest.fixture(scope="module")
def teacher_book():
    """`make teacher`, as the README writes it; fails with the build's own output."""
    result = subprocess.run(["make", "--no-print-directory", "teacher"], cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (TEACHER_HTML / "index.html").is_file()
    return TEACHER_HTML


@pytest.mark.xdist_group("teacher-book")
def test_the_teachers_book_holds_every_lessons_notes_with_the_packages_numbers(teacher_book):
    for lesson in toc_lessons():
        html = (teacher_book / "notes" / f"{lesson}.html").read_text(encoding="utf-8")
        text = plain(BeautifulSoup(html, "html.parser").get_text(" ", strip=True))
        data = notes.load_notes(lesson)
        assert plain(data["warm_up"]["en"]) in text and plain(data["warm_up"]["zh"]) in text
        for _, label, en, zh in notes.figures(lesson):
            assert plain(f"{label['en']}: {en}") in text and plain(f"{label['zh']}：{zh}") in text
        assert "teacher notes:" not in html, "the marker was not replaced"


def _student_texts():
    for path in BOOK_HTML.rglob("*.html"):
        yield path, path.read_text(encoding="utf-8")
    yield BOOK_HTML / "searchindex.js", (BOOK_HTML / "searchindex.js").read_text(encoding="utf-8")
    for folder in ("notebooks", "grading/source", "grading/release"):
        for path in (ROOT / folder).rglob("*.ipynb"):
            yield path, json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)


@pytest.mark.xdist_group("teacher-book")
def test_the_notes_are_in_no_student_page_and_no_notebook(book_html, teacher_book):
    secrets = []
    for lesson in toc_lessons():
        data = notes.load_notes(lesson)
        secrets += [data["warm_up"]["en"], data["warm_up"]["zh"], data["homework"]["en"], data["misconceptions"][0]["en"]]
    assert "Teacher's notes" in (teacher_book / "index.html").read_text(encoding="utf-8")
    for path, text in _student_texts():
        assert "练习参考答案" not in text, f"{path} carries the teacher's answer key"
        leaked = [s for s in secrets if plain(s) in plain(text)]
        assert not leaked, f"{path} carries teacher's notes: {leaked[:2]}"
    assert not (book_html / "book" / "teacher").exists()


@pytest.fixture(scope="module")
def teacher_url(teacher_book):
    with served(teacher_book.resolve()) as url:
        yield url


@pytest.mark.xdist_group("teacher-book")
def test_teachers_book_opens_offline_and_switches_language(browser, teacher_url, screenshots):
    with own_tab(browser, viewport={"width": 1280, "height": 900}) as tab:
        for lesson in toc_lessons():
            tab.goto(f"{teacher_url}notes/{lesson}.html")
            assert tab.locator("h1").first.inner_text().startswith(lesson_title(lesson)[0])
            assert tab.locator("div.lang-zh-Hans[lang='zh-Hans']").count() >= 6
            assert not tab.watch.problems(), tab.watch.problems()
            tab.add_script_tag(path=str(AXE_JS))  # axe reads the style sheets itself (its own requests: not the page's)
            assert tab.evaluate(AXE_SERIOUS) == [], lesson
            for seen in (tab.watch.console_errors, tab.watch.failed_requests, tab.watch.foreign_requests):
                seen.clear()
        tab.goto(f"{teacher_url}notes/06_customer_care_economics.html")
        tab.select_option("#reader-lang-select", "zh")
        assert tab.locator("div.lang-en").first.is_hidden() and tab.locator("div.lang-zh-Hans").first.is_visible()
        tab.screenshot(path=str(screenshots / "teacher-notes-zh.png"), full_page=False)
        assert not tab.watch.problems(), tab.watch.problems()
