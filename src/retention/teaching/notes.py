"""Teacher's notes (教案) per lesson from ``book/teacher/notes/<lesson>.yml``: timing of each section of the
lesson, a warm-up question, the cells to demonstrate live, common misconceptions, the answer key with
the package's numbers, homework. They are built only into the teacher's book (``make teacher``); of the
answer key, students see only the computed figures, in each data lesson's closed "Check your answer"
blocks (:mod:`retention.ui.answer_check`). The objectives and ethics points come from the course plan."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import yaml

from retention.bilingual import bi, has_chinese
from retention.content import book_dir
from retention.teaching import courseplan
from retention.teaching.questionbank import evaluate, format_value
from retention.teaching.sources import exercise_count, lesson_sections, lesson_title, toc_lessons

#: The marker a teacher's-book page holds; ``<lesson>`` is the lesson whose notes replace it.
MARKER = "<!-- teacher notes: {lesson} -->"
LAB = "lab"


class NotesError(ValueError):
    """Teacher's notes are malformed or disagree with the lesson: the message names the file and the fix."""


def notes_dir() -> Path:
    return book_dir() / "teacher" / "notes"


@cache
def _schema() -> dict:
    return json.loads((book_dir() / "teacher" / "notes.schema.json").read_text(encoding="utf-8"))


def minutes_available(lesson: str) -> int:
    """Class minutes of the lesson in the 48-hour version (45-minute class hours)."""
    return 45 * sum(courseplan.lesson_entry(lesson)["hours"]["48"])


@cache
def load_notes(lesson: str) -> dict:
    """A lesson's notes, checked: schema, every section timed, minutes adding up, every exercise answered."""
    path = notes_dir() / f"{lesson}.yml"
    where = f"teacher/notes/{lesson}.yml"
    if not path.is_file():
        raise NotesError(f"{where} is missing: every lesson of _toc.yml needs its teacher's notes")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        place = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise NotesError(f"{where}: at {place}: {errors[0].message}")
    sections = list(lesson_sections(lesson))
    if list(data["minutes"]) != sections:
        raise NotesError(f"{where}: 'minutes' must time the lesson's sections in order: {sections}, got {list(data['minutes'])}")
    total = data["warm_up"]["minutes"] + sum(data["minutes"].values()) + data.get(LAB, {}).get("minutes", 0)
    if total != minutes_available(lesson):
        raise NotesError(f"{where}: warm-up, sections and lab take {total} minutes; the plan gives {minutes_available(lesson)} (48-hour version)")
    for live in data["live"]:
        if live["section"] not in sections:
            raise NotesError(f"{where}: live demonstration in unknown section {live['section']!r}; sections: {sections}")
    answered = [a["exercise"] for a in data["answers"]]
    expected = list(range(1, exercise_count(lesson) + 1))
    if answered != expected:
        raise NotesError(f"{where}: the answer key must answer exercises {expected} in order, got {answered}")
    for text in _texts(data):
        if not has_chinese(text["zh"]) or has_chinese(text["en"]):
            raise NotesError(f"{where}: {text['en'][:40]!r}: 'en' must be English and 'zh' Chinese")
    return data


def _texts(data: dict) -> list[dict]:
    texts = [data["warm_up"], data["homework"], *data["live"], *data["misconceptions"], *data["answers"]]
    texts += [figure["label"] for answer in data["answers"] for figure in answer.get("figures", [])]
    return texts + ([data[LAB]] if LAB in data else [])


def figures(lesson: str, exercise: int | None = None) -> list[tuple[int, dict, str, str]]:
    """Every computed number of the lesson's answer key (or of one ``exercise``): (exercise, label, English text, Chinese text).

    The teacher's book and the students' "Check your answer" blocks (:mod:`retention.ui.answer_check`) both read them here.
    """
    found = []
    for answer in load_notes(lesson)["answers"]:
        if exercise is not None and answer["exercise"] != exercise:
            continue
        for figure in answer.get("figures", []):
            value = evaluate(figure["compute"])
            found.append((answer["exercise"], figure["label"], format_value(figure["format"]["en"], value), format_value(figure["format"]["zh"], value)))
    return found


def _blocks(en: list[str], zh: list[str]) -> list[str]:
    return [":::{container} language-en lang-en", *en, ":::", "", ":::{container} language-zh-Hans lang-zh-Hans", *zh, ":::", ""]


def notes_markdown(lesson: str) -> str:
    """A lesson's notes as a MyST page, its title the lesson's own."""
    data = load_notes(lesson)
    en_title, zh_title = lesson_title(lesson)
    sections = lesson_sections(lesson)
    entry = courseplan.lesson_entry(lesson)
    lines = [f"# {bi(en_title, zh_title)}", ""]
    lines += _blocks(
        [f"Teacher's notes for `notebooks/{lesson}.ipynb`: {minutes_available(lesson)} minutes in the 48-hour version "
         f"({sum(entry['hours']['32']) * 45} in the 32-hour version: shorten the practice)."],
        [f"`notebooks/{lesson}.ipynb` 的教案：48 学时版共 {minutes_available(lesson)} 分钟"
         f"（32 学时版 {sum(entry['hours']['32']) * 45} 分钟，相应压缩实践环节）。"],
    )
    lines += [f"## {bi('Objectives', '教学目标')}", ""]
    en, zh = [], []
    for part, (part_en, part_zh) in courseplan.PARTS.items():
        for number, item in enumerate(entry["objectives"][part], start=1):
            en.append(f"- {part_en} {number}: {item['en']}")
            zh.append(f"- {part_zh} {number}：{item['zh']}")
    for point in entry["ethics"]:
        area_en, area_zh = courseplan.AREAS[point["area"]]
        en.append(f"- {area_en}: {point['en']}")
        zh.append(f"- {area_zh}：{point['zh']}")
    lines += _blocks(en, zh)
    lines += [f"## {bi('Timing', '时间安排')}", ""]
    lines += [f"| {bi('Part of the lesson', '教学环节')} | {bi('Minutes', '分钟')} |", "| --- | --- |"]
    lines.append(f"| {bi('Warm-up question', '导入问题')} | {data['warm_up']['minutes']} |")
    for slug, minutes in data["minutes"].items():
        lines.append(f"| {bi(*sections[slug])} | {minutes} |")
    if LAB in data:
        lines.append(f"| {bi('Practice in the lab', '机房实践')} | {data[LAB]['minutes']} |")
    total = data["warm_up"]["minutes"] + sum(data["minutes"].values()) + data.get(LAB, {}).get("minutes", 0)
    lines += [f"| **{bi('Total', '合计')}** | **{total}** |", ""]
    lines += [f"## {bi('Warm-up question', '导入问题')}", ""]
    lines += _blocks([data["warm_up"]["en"]], [data["warm_up"]["zh"]])
    lines += [f"## {bi('Demonstrate live', '课堂现场演示')}", ""]
    lines += _blocks(
        [f"- *{sections[live['section']][0]}:* {live['en']}" for live in data["live"]]
        + ([f"- *Lab:* {data[LAB]['en']}"] if LAB in data else []),
        [f"- {sections[live['section']][1]}：{live['zh']}" for live in data["live"]]
        + ([f"- 机房实践：{data[LAB]['zh']}"] if LAB in data else []),
    )
    lines += [f"## {bi('Common misconceptions', '常见误区')}", ""]
    lines += _blocks([f"- {m['en']}" for m in data["misconceptions"]], [f"- {m['zh']}" for m in data["misconceptions"]])
    lines += [f"## {bi('Answer key', '练习参考答案')}", ""]
    numbers = figures(lesson)
    en, zh = [], []
    for answer in data["answers"]:
        en.append(f"{answer['exercise']}. {answer['en']}")
        zh.append(f"{answer['exercise']}. {answer['zh']}")
        for exercise, label, text_en, text_zh in numbers:
            if exercise == answer["exercise"]:
                en.append(f"   - {label['en']}: **{text_en}**")
                zh.append(f"   - {label['zh']}：{text_zh}")
    lines += _blocks(en, zh)
    lines += [f"## {bi('Homework', '课后作业')}", ""]
    lines += _blocks([data["homework"]["en"]], [data["homework"]["zh"]])
    return "\n".join(lines)


def fill_page(page: str) -> str:
    """A teacher's-book page with its marker replaced by the notes of the lesson it names."""
    for lesson in toc_lessons():
        marker = MARKER.format(lesson=lesson)
        if marker in page:
            return page.replace(marker, notes_markdown(lesson))
    return page


if __name__ == "__main__":  # preview: python -m retention.teaching.notes 06_customer_care_economics
    import sys

    print(notes_markdown(sys.argv[1]), end="")
