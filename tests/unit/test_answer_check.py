"""The exercises' "Check your answer" blocks (retention.ui.answer_check): closed, bilingual, holding exactly the
answer key's figures as the answer_keys calls give them, none of the notes' method text; every data lesson's
notebook shows them under its exercises; a lesson is executed again when its notes change."""

import importlib.util
import json
import shutil

import pytest
import yaml
from answer_blocks import DATA_LESSONS, blocks, expected, notes
from paths import ROOT
from teaching_copy import clear_caches, copy_course

from retention import satisfaction_by
from retention.data import load_support_tickets
from retention.teaching import answer_keys
from retention.teaching import notes as notes_module
from retention.teaching.questionbank import format_value
from retention.tickets import ISSUE_NAMES
from retention.ui import check_answers

CHEAP = ("31_data_cleaning", "36_satisfaction")  # two lessons whose figures compute in seconds
#: Data-lesson exercises that ask for an explanation, not a number: no figures, so no check block.
NOT_NUMERIC = {("35_churn_early_warning", 2): "why churn_dataset refuses a window past the end of the data"}


@pytest.fixture
def course(tmp_path, monkeypatch):
    """A copy of the course whose teacher's notes a test may change."""
    book = copy_course(tmp_path, monkeypatch)
    shutil.copytree(ROOT / "book" / "teacher", book / "teacher")
    notes_module.load_notes.cache_clear()
    yield book
    monkeypatch.delenv("RETENTION_BOOK_DIR")
    clear_caches()
    notes_module.load_notes.cache_clear()


@pytest.mark.parametrize("lesson", CHEAP)
def test_each_block_holds_exactly_the_answer_keys_figures_closed_and_in_both_languages(lesson):
    shown = blocks(check_answers(lesson)._repr_html_(), lesson)
    wanted = expected(lesson)
    assert sorted(shown) == sorted(wanted), "one block per exercise whose answer has figures"
    for exercise, rows in wanted.items():
        [block] = shown[exercise]
        assert not block.open, "closed, so the student works the answer out first"
        assert block.summary == {"en": f"Check your answer: exercise {exercise}", "zh-Hans": f"核对答案：练习 {exercise}"}
        assert block.rows == rows


def test_a_missing_figure_fails_the_comparison():
    lesson = "36_satisfaction"
    html = check_answers(lesson)._repr_html_()
    first_row = html.index("<tr>")
    without = html[:first_row] + html[html.index("</tr>", first_row) + len("</tr>"):]
    assert blocks(without, lesson)[1][0].rows != expected(lesson)[1]


def test_the_blocks_follow_the_notes_when_a_figure_is_added(course):
    lesson = "36_satisfaction"
    path = course / "teacher" / "notes" / f"{lesson}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["answers"][0]["figures"].append({"label": {"en": "Tickets", "zh": "工单数"},
                                          "compute": {"call": "csat_by", "args": ["market", "domestic"]},
                                          "format": {"en": "{:.3f}", "zh": "{:.3f}"}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rows = blocks(check_answers(lesson)._repr_html_(), lesson)[1][0].rows
    assert rows[-1] == ("Tickets", "工单数", f"{answer_keys.csat_by('market', 'domestic'):.3f}", f"{answer_keys.csat_by('market', 'domestic'):.3f}")


@pytest.mark.parametrize("lesson", CHEAP)
def test_the_blocks_hold_no_method_text_of_the_notes(lesson):
    html = check_answers(lesson)._repr_html_()
    for answer in notes(lesson)["answers"]:
        assert answer["en"] not in html and answer["zh"] not in html


def test_every_data_lesson_exercise_that_asks_for_a_number_has_figures_to_check():
    for lesson in DATA_LESSONS:
        for answer in notes(lesson)["answers"]:
            numeric = (lesson, answer["exercise"]) not in NOT_NUMERIC
            assert bool(answer.get("figures")) == numeric, (
                f"{lesson} exercise {answer['exercise']}: " + ("add figures to its answer in the teacher's notes" if numeric
                                                                else "asks for no number, yet has figures: update NOT_NUMERIC"))


def test_an_exercise_without_figures_has_no_block_and_asking_for_one_says_why():
    assert not notes("35_churn_early_warning")["answers"][1].get("figures")
    with pytest.raises(ValueError, match="exercise 2 of 35_churn_early_warning has no figures.*answers\\[\\].figures"):
        check_answers("35_churn_early_warning", exercise=2)


def test_one_exercise_can_be_asked_for_alone():
    assert [n for n, _ in check_answers("36_satisfaction", exercise=2).exercises] == [2]


def test_plain_text_names_every_figure_in_both_languages():
    text = repr(check_answers("36_satisfaction"))
    for rows in expected("36_satisfaction").values():
        for label_en, label_zh, en, zh in rows:
            assert f"{label_en} · {label_zh}" in text and en in text and zh in text


@pytest.mark.parametrize("lesson", DATA_LESSONS)
def test_every_data_lesson_checks_its_answers_under_its_exercises_with_the_call_hidden_in_the_book(lesson):
    """In JupyterLab the cell is one short line; in the book only its output (the blocks) shows."""
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    heading = next(i for i, c in enumerate(cells) if "".join(c["source"]).startswith("## Exercises"))
    check = cells[heading + 3]
    assert [cells[heading + 1]["metadata"].get("lang"), cells[heading + 2]["metadata"].get("lang")] == ["en", "zh-Hans"]
    assert check["cell_type"] == "code" and "".join(check["source"]) == f'check_answers("{lesson}")'
    assert "remove-input" in check["metadata"].get("tags", [])
    assert any(answer.get("figures") for answer in notes(lesson)["answers"]), "the lesson's notes give figures to check"
    en, zh = ("".join(cells[heading + k]["source"]) for k in (1, 2))
    assert "*Check your answer*" in en and "“核对答案”" in zh, "the students are told the block is there"


def test_lowest_csat_name_is_the_issue_with_the_lowest_csat_in_each_language():
    lowest = satisfaction_by(load_support_tickets(), "issue_type")["csat"].idxmin()
    assert answer_keys.lowest_csat_name("issue_type") == {"en": ISSUE_NAMES[lowest][0], "zh": ISSUE_NAMES[lowest][1]}


def test_a_negative_number_reads_with_a_minus_sign_in_both_languages():
    assert format_value("£{:,.0f}", -896812.4) == "−£896,812"
    assert format_value("{:,.0f} 英镑", -896812.4) == "−896,812 英镑"
    assert format_value("{:.1%}", -0.05) == "−5.0%"
    assert format_value("{:+.1%}", 0.05) == "+5.0%" and format_value("{}", "-x") == "-x"


def test_a_lesson_that_checks_answers_is_executed_again_when_its_notes_change(tmp_path):
    spec = importlib.util.spec_from_file_location("lesson_keys_for_answers", ROOT / "scripts" / "lesson_keys.py")
    lesson_keys = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lesson_keys)
    notebook = tmp_path / "31_data_cleaning.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": 'check_answers("31_data_cleaning")\n'
                                              "from retention.ui import check_answers", "metadata": {}, "outputs": []}],
                                    "metadata": {"kernelspec": {"name": "python3"}}}), encoding="utf-8")
    inputs = lesson_keys.lesson_inputs(notebook)
    assert {"book/teacher/notes/31_data_cleaning.yml", "book/teacher/notes.schema.json", "retention/teaching/answer_keys.py"} <= set(inputs)
