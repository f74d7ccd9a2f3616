"""The course plan: its lessons are the book's (_toc.yml, same order), the hours add up to 32 and 48, the
assessment weights to 100 with the assignments weighted by the points in their nbgrader cells, and the
generated page carries every lesson, objective and ethics point in both languages."""

import json
import re

import pytest
import yaml
from paths import ROOT
from teaching_copy import clear_caches, copy_course

from retention.bilingual import has_chinese
from retention.teaching import courseplan
from retention.teaching.courseplan import CoursePlanError, load_plan
from retention.teaching.sources import lesson_title, toc_lessons


@pytest.fixture
def course(tmp_path, monkeypatch):
    yield copy_course(tmp_path, monkeypatch)
    monkeypatch.delenv("RETENTION_BOOK_DIR")
    clear_caches()


def test_the_plan_lists_the_lessons_of_the_table_of_contents_in_order():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    lessons = [c["file"].split("/")[-1] for part in toc["parts"] for c in part["chapters"] if c["file"].startswith("notebooks/")]
    assert [entry["lesson"] for entry in load_plan()["lessons"]] == lessons
    assert list(toc_lessons()) == lessons


@pytest.mark.parametrize("version, hours", [("32", 32), ("48", 48)])
def test_hours_add_up_to_the_version(version, hours):
    rows = courseplan.schedule()
    assert sum(sum(row.hours[version]) for row in rows) == hours
    totals = courseplan.total_hours(version)
    assert totals["total"] == hours and totals["theory"] + totals["practice"] == hours
    assert totals["practice"] > 0 and totals["theory"] > 0


def _points_from_cells():
    points = {}
    for path in sorted((ROOT / "grading" / "source").glob("*/*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        total = sum(c["metadata"]["nbgrader"].get("points", 0) for c in cells if c["metadata"].get("nbgrader", {}).get("grade"))
        points[path.parent.name] = points.get(path.parent.name, 0) + total
    return points


def test_weights_add_up_to_100_and_follow_the_assignment_points():
    weights = courseplan.weights()
    assert sum(weights.values()) == pytest.approx(100)
    points = _points_from_cells()
    assert set(points) <= set(weights) and len(points) == len(list((ROOT / "grading" / "source").glob("*/")))
    share = load_plan()["assessment"]["assignments"]["weight"]
    for name, value in points.items():
        assert weights[name] == pytest.approx(share * value / sum(points.values()))


def test_final_grade_runs_from_0_to_100_and_refuses_impossible_scores():
    points = _points_from_cells()
    assert courseplan.final_grade(100, points, 100) == pytest.approx(100)
    assert courseplan.final_grade(0, {}, 0) == 0
    half = {name: value / 2 for name, value in points.items()}
    assert courseplan.final_grade(50, half, 50) == pytest.approx(50)
    with pytest.raises(CoursePlanError, match="between 0 and 25"):
        courseplan.final_grade(50, {"a1_retention_economics": 26}, 50)
    with pytest.raises(CoursePlanError, match="unknown assignments"):
        courseplan.final_grade(50, {"a9": 1}, 50)
    with pytest.raises(CoursePlanError, match="exam_percent"):
        courseplan.final_grade(50, {}, 101)


def test_every_lesson_has_three_part_objectives_and_ethics_in_both_languages():
    areas = set()
    for entry in load_plan()["lessons"]:
        for part in courseplan.PARTS:
            assert entry["objectives"][part], f"{entry['lesson']}: no {part} objective"
        for text in [t for items in entry["objectives"].values() for t in items] + entry["ethics"]:
            assert has_chinese(text["zh"]) and not has_chinese(text["en"])
        areas |= {point["area"] for point in entry["ethics"]}
    assert areas == set(courseplan.AREAS)


def test_the_page_is_filled_from_the_plan():
    page = (ROOT / "book" / "course_plan.md").read_text(encoding="utf-8")
    assert page.count(courseplan.PLAN_MARKER) == 1
    filled = courseplan.fill_page(page)
    for lesson in toc_lessons():
        en, zh = lesson_title(lesson)
        assert f"### {en} · {zh}" in filled
        assert f"[{en}](../notebooks/{lesson}.ipynb)" in filled and f"[{zh}](../notebooks/{lesson}.ipynb)" in filled
    for entry in load_plan()["lessons"]:
        for text in [t for items in entry["objectives"].values() for t in items] + entry["ethics"]:
            assert text["en"] in filled and text["zh"] in filled
    totals = re.search(r"^\| \*\*Total · 合计\*\* \| (.+) \|$", filled, flags=re.M).group(1)
    assert [int(x.strip("* ")) for x in totals.split("|")] == [
        courseplan.total_hours(v)[k] for v in courseplan.VERSIONS for k in ("theory", "practice")
    ]
    with pytest.raises(CoursePlanError, match="lacks the line"):
        courseplan.fill_page("# Course plan\n")


def test_a_plan_that_differs_from_the_toc_is_refused(course):
    toc = course.parent / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace("      - file: notebooks/36_satisfaction\n", ""), encoding="utf-8")
    with pytest.raises(CoursePlanError, match="must be those of _toc.yml"):
        load_plan()


def test_a_malformed_plan_names_the_place(course):
    path = course / "course" / "plan.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["lessons"][2]["hours"]["48"] = [2]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CoursePlanError, match="lessons/2/hours/48"):
        load_plan()


def test_the_assessment_counts_the_assignments_it_weights():
    """The sentence about the assignments gives their number as the course has them (it said "four" beside five)."""
    filled = courseplan.fill_page((ROOT / "book" / "course_plan.md").read_text(encoding="utf-8"))
    count = len(courseplan.assignment_points())
    en = next(line for line in filled.splitlines() if line.startswith("- **Assignments ("))
    zh = next(line for line in filled.splitlines() if line.startswith("- 作业（"))
    assert f"The {count} nbgrader assignments" in en and f"{count} 次 nbgrader 作业" in zh
    words = r"\b(one|two|three|four|five|six|seven|eight|nine|ten)\b|[一二两三四五六七八九十]次"
    assert not re.search(words, en, flags=re.I) and not re.search(words, zh), (en, zh)
