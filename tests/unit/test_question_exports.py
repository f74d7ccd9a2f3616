"""The bank for learning platforms: the Moodle XML parses, holds every item once with Moodle's type for it,
one category per lesson and the package's numeric answers; the CSV reads back with its Chinese intact."""

import xml.etree.ElementTree as ET
from collections import Counter

import pandas as pd
import pytest

from retention.teaching import exports
from retention.teaching.questionbank import load_bank
from retention.teaching.sources import toc_lessons


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return exports.write_exports(tmp_path_factory.mktemp("questions"))


def test_moodle_xml_parses_with_every_item_once_and_the_right_types(written):
    root = ET.parse(written["moodle"]).getroot()
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    bank = load_bank()
    assert len(questions) == len(bank)
    assert Counter(q.get("type") for q in questions) == Counter(exports.MOODLE_TYPES[i.type] for i in bank)
    assert [q.findtext("idnumber") for q in questions] == [i.key for i in bank]
    categories = [q.findtext("category/text") for q in root.findall("question") if q.get("type") == "category"]
    assert [c.rsplit("/", 1)[1] for c in categories] == list(toc_lessons())


def test_moodle_answers_are_the_banks(written):
    root = ET.parse(written["moodle"]).getroot()
    items = {i.key: i for i in load_bank()}
    for q in root.findall("question"):
        if q.get("type") == "category":
            continue
        item = items[q.findtext("idnumber")]
        tags = {t.findtext("text") for t in q.findall("tags/tag")}
        assert f"lesson:{item.lesson}" in tags and f"difficulty:{item.difficulty}" in tags and f"objective:{item.objective}" in tags
        fractions = [float(a.get("fraction")) for a in q.findall("answer")]
        if item.type in ("single", "multiple"):
            right = {item.answer} if item.type == "single" else set(item.answer)
            assert [i for i, f in enumerate(fractions) if f > 0] == sorted(right)
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
        elif item.type == "truefalse":
            answers = {a.findtext("text"): float(a.get("fraction")) for a in q.findall("answer")}
            assert answers == {"true": 100 if item.answer else 0, "false": 0 if item.answer else 100}
        elif item.type == "numeric":
            assert float(q.findtext("answer/text")) == pytest.approx(item.value(), abs=item.tolerance())
        else:
            assert item.model_zh in q.findtext("graderinfo/text")


def test_csv_reads_back_with_chinese(written):
    table = pd.read_csv(written["csv"], encoding="utf-8-sig")
    bank = load_bank()
    assert list(table["key"]) == [i.key for i in bank]
    assert list(table["question_zh"]) == [i.zh for i in bank]
    assert written["csv"].read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.xdist_group("make-questions")
def test_make_questions_as_the_readme_writes_it():
    import subprocess

    from paths import ROOT

    result = subprocess.run(["make", "--no-print-directory", "questions"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    out = ROOT / "_build" / "questions"
    root = ET.parse(out / "questions.moodle.xml").getroot()
    assert len([q for q in root.findall("question") if q.get("type") != "category"]) == len(load_bank())
    assert len(pd.read_csv(out / "questions.csv", encoding="utf-8-sig")) == len(load_bank())
