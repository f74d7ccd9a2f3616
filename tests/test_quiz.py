"""Self-check quizzes: every file is well formed, numeric answers agree with the package, and both
the JupyterLab widgets and the book's HTML form mark the right option right and the others wrong."""

import re

import pytest

from retention.quiz import QuestionWidget, QuizError, available_quizzes, evaluate_check, load_quiz, quiz_html

QUIZZES = available_quizzes()


def test_there_are_quizzes():
    assert QUIZZES


@pytest.mark.parametrize("name", QUIZZES)
def test_numeric_answers_agree_with_the_package(name):
    for q in load_quiz(name):
        if q.check:
            value = q.options[q.answer].get("value")
            assert value is not None, f"{name}/{q.id}: the correct option needs a 'value' to compare"
            assert evaluate_check(q) == pytest.approx(value), f"{name}/{q.id}: the marked answer is not what the package computes"
            others = [o["value"] for i, o in enumerate(q.options) if i != q.answer and "value" in o]
            assert all(v != pytest.approx(value) for v in others), f"{name}/{q.id}: two options have the right value"


@pytest.mark.parametrize("name", QUIZZES)
def test_widgets_mark_only_the_right_answer_correct(name):
    for number, q in enumerate(load_quiz(name), start=1):
        widget = QuestionWidget(q, number)
        for choice in range(len(q.options)):
            widget.choices.value = choice
            assert ("回答正确" in widget.feedback.value) == (choice == q.answer)


@pytest.mark.parametrize("name", QUIZZES)
def test_html_form_carries_every_question_and_its_answer(name):
    page = quiz_html(name)
    questions = load_quiz(name)
    assert re.findall(r'data-answer="(\d+)"', page) == [str(q.answer) for q in questions]
    assert page.count('type="radio"') == sum(len(q.options) for q in questions)


@pytest.mark.parametrize("name", QUIZZES)
def test_quiz_is_used_by_its_lesson(name):
    from conftest import ROOT

    lesson = ROOT / "notebooks" / f"{name}.ipynb"
    assert lesson.is_file() and f'show_quiz(\\"{name}\\")' in lesson.read_text(encoding="utf-8")


def test_unknown_quiz_names_the_available_ones():
    with pytest.raises(QuizError, match="available"):
        load_quiz("no_such_lesson")
