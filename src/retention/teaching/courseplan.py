"""The course plan (课程标准 + 授课计划): hours, three-part objectives, ethics points and assessment
weights from ``book/course/plan.yml``, checked against its JSON Schema and against the course itself
(the lessons of ``_toc.yml``, the assignments' points), and written into the book as MyST."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import jsonschema
import yaml

from retention.bilingual import SEPARATOR, bi
from retention.content import book_dir
from retention.teaching.sources import assignment_points, lesson_title, repo_dir, toc_lessons

VERSIONS = ("32", "48")
PARTS = {"knowledge": ("Knowledge", "知识目标"), "ability": ("Ability", "能力目标"), "quality": ("Quality", "素质目标")}
PREFIX = {"knowledge": "k", "ability": "a", "quality": "q"}
AREAS = {
    "service_ethics": ("Service ethics", "服务伦理"),
    "consumer_protection": ("Consumer protection", "消费者权益保护"),
    "data_privacy": ("Data privacy", "数据隐私保护"),
}
#: The line of ``book/course_plan.md`` that the build replaces with the plan (book/_ext/course_plan_page.py).
PLAN_MARKER = "<!-- course plan: written here at build time from book/course/plan.yml -->"


class CoursePlanError(ValueError):
    """The plan file is malformed or disagrees with the course: the message says where and how to fix it."""


def plan_path():
    return book_dir() / "course" / "plan.yml"


@cache
def load_plan() -> dict:
    """The plan as checked data; schema errors and lessons that differ from ``_toc.yml`` are errors."""
    path = plan_path()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    schema = json.loads((path.parent / "plan.schema.json").read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise CoursePlanError(f"{path.name}: at {where}: {errors[0].message}")
    planned = [entry["lesson"] for entry in data["lessons"]]
    if tuple(planned) != toc_lessons():
        raise CoursePlanError(
            f"{path.name}: its lessons {planned} must be those of _toc.yml in the same order: {list(toc_lessons())}"
        )
    return data


def lesson_entry(lesson: str) -> dict:
    for entry in load_plan()["lessons"]:
        if entry["lesson"] == lesson:
            return entry
    raise CoursePlanError(f"no lesson {lesson!r} in the plan; the lessons are {list(toc_lessons())}")


def objectives(lesson: str) -> dict[str, dict]:
    """The lesson's objectives by id (k1, k2, a1, …, q1): each ``{"part", "en", "zh"}``."""
    found = {}
    for part, items in lesson_entry(lesson)["objectives"].items():
        for number, item in enumerate(items, start=1):
            found[f"{PREFIX[part]}{number}"] = {"part": part, **item}
    return found


@dataclass(frozen=True)
class HoursRow:
    """One row of the schedule: a lesson or a session, with [theory, practice] hours per version."""

    key: str
    en: str
    zh: str
    hours: dict

    def total(self, version: str) -> int:
        return sum(self.hours[version])


def schedule() -> list[HoursRow]:
    """Every lesson (titles from its notebook) and every other session, in teaching order."""
    plan = load_plan()
    rows = [HoursRow(e["lesson"], *lesson_title(e["lesson"]), e["hours"]) for e in plan["lessons"]]
    rows += [HoursRow(s["key"], s["en"], s["zh"], s["hours"]) for s in plan["sessions"]]
    return rows


def total_hours(version: str) -> dict[str, int]:
    """Theory, practice and total class hours of a version ("32" or "48")."""
    if version not in VERSIONS:
        raise CoursePlanError(f"unknown version {version!r}; the plan has {VERSIONS}")
    theory = sum(row.hours[version][0] for row in schedule())
    practice = sum(row.hours[version][1] for row in schedule())
    return {"theory": theory, "practice": practice, "total": theory + practice}


def assignment_title(assignment: str) -> tuple[str, str]:
    """An assignment's title from its notebook's first heading, as (English, Chinese)."""
    for path in sorted((repo_dir() / "grading" / "source" / assignment).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown" and text.startswith("# "):
                en, _, zh = text.splitlines()[0][2:].rpartition(SEPARATOR)
                return en, zh
    return assignment, assignment


def weights() -> dict[str, float]:
    """Weight in % of the final grade of quizzes, each assignment (split by its points) and the final exam."""
    plan = load_plan()["assessment"]
    points = assignment_points()
    total_points = sum(points.values())
    result = {"quizzes": float(plan["quizzes"]["weight"])}
    for name, value in points.items():
        result[name] = plan["assignments"]["weight"] * value / total_points
    result["final_exam"] = float(plan["final_exam"]["weight"])
    return result


def final_grade(quiz_percent: float, assignment_scores: dict[str, float], exam_percent: float) -> float:
    """The final grade (0–100) from the quiz average (%), each assignment's points and the exam (%)."""
    points = assignment_points()
    unknown = set(assignment_scores) - set(points)
    if unknown:
        raise CoursePlanError(f"unknown assignments {sorted(unknown)}; the course has {sorted(points)}")
    for name, score in assignment_scores.items():
        if not 0 <= score <= points[name]:
            raise CoursePlanError(f"{name}: a score must lie between 0 and {points[name]:g} points, got {score!r}")
    for label, value in (("quiz_percent", quiz_percent), ("exam_percent", exam_percent)):
        if not 0 <= value <= 100:
            raise CoursePlanError(f"{label} must lie between 0 and 100, got {value!r}")
    w = weights()
    grade = w["quizzes"] * quiz_percent / 100 + w["final_exam"] * exam_percent / 100
    grade += sum(w[name] * assignment_scores.get(name, 0) / points[name] for name in points)
    return round(grade, 2)


#: The worked example shown on the page: quiz average, assignment points, exam score.
EXAMPLE = {"quiz_percent": 80.0, "exam_percent": 70.0, "assignments": {"a1_retention_economics": 20, "a2_crm_language": 16,
           "a3_rfm_and_cohorts": 24, "a4_churn_case_study": 21,
           "a5_reply_to_a_buyer": 8}}


# --- the page ---------------------------------------------------------------------------------


def _blocks(en: list[str], zh: list[str]) -> list[str]:
    return [":::{container} language-en lang-en", *en, ":::", "", ":::{container} language-zh-Hans lang-zh-Hans", *zh, ":::", ""]


def _num(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def plan_markdown() -> str:
    """The whole plan as MyST: course information, goals, schedule, objectives and ethics by lesson, assessment."""
    plan = load_plan()
    lines = [f"## {bi('Course information', '课程信息')}", ""]
    lines += _blocks(
        [f"**Course:** {plan['title']['en']}", "", f"**For:** {plan['audience']['en']}", "",
         f"**Before this course:** {plan['prerequisites']['en']}", "",
         *[f"- {plan['versions'][v]['en']}" for v in VERSIONS]],
        [f"课程名称：{plan['title']['zh']}", "", f"授课对象：{plan['audience']['zh']}", "",
         f"先修要求：{plan['prerequisites']['zh']}", "",
         *[f"- {plan['versions'][v]['zh']}" for v in VERSIONS]],
    )
    lines += [f"## {bi('Course goals', '课程目标')}", ""]
    goals = plan["course_goals"]
    lines += _blocks(
        [f"- **{PARTS[p][0]}:** {goals[p]['en']}" for p in PARTS],
        [f"- {PARTS[p][1]}：{goals[p]['zh']}" for p in PARTS],
    )
    lines += [f"## {bi('Teaching schedule', '授课计划')}", ""]
    lines += _blocks(
        ["Class hours of 45 minutes, split into theory (lecture and discussion) and practice (calculators, data, role-play, assignments in the lab)."],
        ["每学时 45 分钟，分为理论（讲授与讨论）和实践（计算器、数据分析、角色扮演、机房作业）。"],
    )
    header = [bi("Lesson", "课次")]
    for v in VERSIONS:
        header += [bi(f"{v} h: theory", f"{v} 学时：理论"), bi(f"{v} h: practice", f"{v} 学时：实践")]
    lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in schedule():
        cells = [bi(row.en, row.zh)] + [str(h) for v in VERSIONS for h in row.hours[v]]
        lines.append("| " + " | ".join(cells) + " |")
    totals = {v: total_hours(v) for v in VERSIONS}
    lines.append("| " + " | ".join([f"**{bi('Total', '合计')}**"] + [f"**{totals[v][k]}**" for v in VERSIONS for k in ("theory", "practice")]) + " |")
    lines.append("")
    lines += _blocks(
        [", ".join(f"{v}-hour version: {totals[v]['total']} hours ({totals[v]['theory']} theory, {totals[v]['practice']} practice)" for v in VERSIONS) + "."],
        ["；".join(f"{v} 学时版共 {totals[v]['total']} 学时（理论 {totals[v]['theory']}，实践 {totals[v]['practice']}）" for v in VERSIONS) + "。"],
    )
    lines += [f"## {bi('Objectives and ethics by lesson', '各课教学目标与思政要点')}", ""]
    for entry in plan["lessons"]:
        en_title, zh_title = lesson_title(entry["lesson"])
        lines += [f"### {bi(en_title, zh_title)}", ""]
        link = f"../notebooks/{entry['lesson']}.ipynb"
        en, zh = [f"The lesson: [{en_title}]({link})", ""], [f"本课：[{zh_title}]({link})", ""]
        for part, (part_en, part_zh) in PARTS.items():
            en.append(f"**{part_en}**")
            zh.append(f"{part_zh}")
            en.append("")
            zh.append("")
            for number, item in enumerate(entry["objectives"][part], start=1):
                en.append(f"{number}. {item['en']}")
                zh.append(f"{number}. {item['zh']}")
            en.append("")
            zh.append("")
        en.append("**Ethics and responsibility**")
        zh.append("思政与职业责任")
        en.append("")
        zh.append("")
        for point in entry["ethics"]:
            en.append(f"- *{AREAS[point['area']][0]}:* {point['en']}")
            zh.append(f"- {AREAS[point['area']][1]}：{point['zh']}")
        lines += _blocks(en, zh)
    lines += [f"## {bi('Assessment', '考核方式')}", ""]
    assessment, points, w = plan["assessment"], assignment_points(), weights()
    lines += ["| " + " | ".join([bi("Component", "考核项目"), bi("Points", "分值"), bi("Weight (%)", "权重（%）")]) + " |",
              "| --- | --- | --- |"]
    lines.append(f"| {bi('Self-check quizzes', '自我检测')} | | {_num(w['quizzes'])} |")
    for name, value in points.items():
        lines.append(f"| {bi(*assignment_title(name))} | {_num(value)} | {_num(w[name])} |")
    lines.append(f"| {bi('Final exam', '期末考试')} | | {_num(w['final_exam'])} |")
    lines.append(f"| **{bi('Total', '合计')}** | **{_num(sum(points.values()))}** | **{_num(sum(w.values()))}** |")
    lines.append("")
    grade = final_grade(EXAMPLE["quiz_percent"], EXAMPLE["assignments"], EXAMPLE["exam_percent"])
    scores = ", ".join(f"{_num(EXAMPLE['assignments'].get(n, 0))}/{_num(points[n])}" for n in points)
    lines += _blocks(
        [f"- **Quizzes ({_num(w['quizzes'])}%):** {assessment['quizzes']['en']}",
         f"- **Assignments ({_num(assessment['assignments']['weight'])}%):** The {len(points)} nbgrader assignments, "
         f"{assessment['assignments']['en']} Each counts by its points.",
         f"- **Final exam ({_num(w['final_exam'])}%):** {assessment['final_exam']['en']}", "",
         f"*Example:* quizzes {_num(EXAMPLE['quiz_percent'])}%, assignments {scores}, exam {_num(EXAMPLE['exam_percent'])}%: "
         f"final grade {_num(grade)} (`final_grade` in `retention.teaching.courseplan`)."],
        [f"- 自我检测（{_num(w['quizzes'])}%）：{assessment['quizzes']['zh']}",
         f"- 作业（{_num(assessment['assignments']['weight'])}%）：{len(points)} 次 nbgrader 作业，"
         f"{assessment['assignments']['zh']}各次作业按分值计入。",
         f"- 期末考试（{_num(w['final_exam'])}%）：{assessment['final_exam']['zh']}", "",
         f"示例：自我检测 {_num(EXAMPLE['quiz_percent'])}%，作业 {scores}，考试 {_num(EXAMPLE['exam_percent'])}%，"
         f"总评 {_num(grade)} 分（由 `retention.teaching.courseplan` 中的 `final_grade` 计算）。"],
    )
    return "\n".join(lines)


def fill_page(page: str) -> str:
    """The course-plan page with its marker line replaced by the plan; a page without the marker is an error."""
    if PLAN_MARKER not in page:
        raise CoursePlanError(f"the course-plan page lacks the line {PLAN_MARKER!r} where the plan goes")
    return page.replace(PLAN_MARKER, plan_markdown())


if __name__ == "__main__":  # preview: python -m retention.teaching.courseplan
    print(plan_markdown(), end="")
