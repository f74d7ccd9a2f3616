"""The question bank for learning platforms: Moodle XML (one category per lesson, tags as Moodle tags) and
a spreadsheet (CSV in UTF-8 with a byte-order mark, so Excel and WPS open the Chinese correctly).

The Moodle XML is written with the standard library's ElementTree: the format needs six kinds of
element, and the Moodle-XML packages on PyPI are small one-person projects, most unmaintained for years
(moodle-questions 2020, quizpy 2021, moodlexport 2022), which would add a dependency for less than it saves.
"""

from __future__ import annotations

import argparse
import html
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from retention.teaching.questionbank import Item, QuestionBankError, load_bank

MOODLE_TYPES = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "numeric": "numerical", "short": "essay"}
CATEGORY = "$course$/top/CBEC after-sales and retention · 跨境电商售后服务与客户维系"


def _text(parent: ET.Element, tag: str, content: str, html_format: bool = True) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html_format else {})
    ET.SubElement(element, "text").text = content
    return element


def _bi(en: str, zh: str) -> str:
    return f'<p lang="en">{html.escape(en)}</p><p lang="zh-Hans">{html.escape(zh)}</p>'


def _fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def _question(item: Item) -> ET.Element:
    q = ET.Element("question", {"type": MOODLE_TYPES[item.type]})
    ET.SubElement(ET.SubElement(q, "name"), "text").text = f"{item.lesson[:2]} {item.id}"
    _text(q, "questiontext", _bi(item.en, item.zh))
    _text(q, "generalfeedback", _bi(item.explain_en, item.explain_zh) if item.explain_en else "")
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.key
    if item.type in ("single", "multiple"):
        right = {item.answer} if item.type == "single" else set(item.answer)
        wrong = len(item.options) - len(right)
        ET.SubElement(q, "single").text = "true" if item.type == "single" else "false"
        ET.SubElement(q, "shuffleanswers").text = "true"
        ET.SubElement(q, "answernumbering").text = "ABCD"
        for index, option in enumerate(item.options):
            if item.type == "single":
                fraction = 100 if index in right else 0
            else:
                fraction = 100 / len(right) if index in right else -100 / wrong
            answer = ET.SubElement(q, "answer", {"fraction": _fraction(fraction), "format": "html"})
            ET.SubElement(answer, "text").text = _bi(option["en"], option["zh"])
            _text(answer, "feedback", "")
    elif item.type == "truefalse":
        for value in (True, False):
            answer = ET.SubElement(q, "answer", {"fraction": "100" if item.answer is value else "0", "format": "moodle_auto_format"})
            ET.SubElement(answer, "text").text = "true" if value else "false"
            _text(answer, "feedback", "")
    elif item.type == "numeric":
        answer = ET.SubElement(q, "answer", {"fraction": "100", "format": "moodle_auto_format"})
        ET.SubElement(answer, "text").text = repr(round(item.value(), item.decimals))
        ET.SubElement(answer, "tolerance").text = repr(item.tolerance())
        _text(answer, "feedback", "")
    else:  # short answer: Moodle's essay, with the model answer as the grader's information
        ET.SubElement(q, "responseformat").text = "editor"
        ET.SubElement(q, "responserequired").text = "1"
        ET.SubElement(q, "responsefieldlines").text = "10"
        ET.SubElement(q, "attachments").text = "0"
        _text(q, "graderinfo", _bi(item.model_en, item.model_zh))
        _text(q, "responsetemplate", "")
    tags = ET.SubElement(q, "tags")
    for key, value in item.tags.items():
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = f"{key}:{value}"
    return q


def moodle_xml(items=None) -> bytes:
    """The items (default: the whole bank) as a Moodle XML question file, one category per lesson."""
    items = load_bank() if items is None else items
    quiz = ET.Element("quiz")
    lesson = None
    for item in items:
        if item.lesson != lesson:
            lesson = item.lesson
            category = ET.SubElement(quiz, "question", {"type": "category"})
            ET.SubElement(ET.SubElement(category, "category"), "text").text = f"{CATEGORY}/{lesson}"
        quiz.append(_question(item))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)


def spreadsheet(items=None) -> pd.DataFrame:
    """One row per item: tags, question, options and answer in both languages."""
    items = load_bank() if items is None else items
    rows = []
    for item in items:
        rows.append(
            {
                "key": item.key, "lesson": item.lesson, "type": item.type, "objective": item.objective, "part": item.part,
                "difficulty": item.difficulty, "source": item.source, "question_en": item.en, "question_zh": item.zh,
                "options_en": " | ".join(o["en"] for o in item.options), "options_zh": " | ".join(o["zh"] for o in item.options),
                "answer_en": item.answer_text("en"), "answer_zh": item.answer_text("zh"),
                "explain_en": item.explain_en, "explain_zh": item.explain_zh,
            }
        )
    return pd.DataFrame(rows)


def write_exports(folder: Path) -> dict[str, Path]:
    """Write ``questions.moodle.xml`` and ``questions.csv`` into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    xml_path, csv_path = folder / "questions.moodle.xml", folder / "questions.csv"
    items = load_bank()
    xml_path.write_bytes(moodle_xml(items))
    spreadsheet(items).to_csv(csv_path, index=False, encoding="utf-8-sig")
    return {"moodle": xml_path, "csv": csv_path}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Export the question bank as Moodle XML and CSV.")
    parser.add_argument("--out", default="_build/questions", help="folder to write into (default: _build/questions)")
    args = parser.parse_args(argv)
    try:
        paths = write_exports(Path(args.out))
    except QuestionBankError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for kind, path in paths.items():
        print(f"{kind}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
