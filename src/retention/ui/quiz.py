"""Self-check quizzes: a lesson's questions live in ``book/quizzes/<lesson>.yml``.

In JupyterLab a quiz is a set of ipywidgets that answer at once; in the HTML book (no kernel) the
same quiz is an HTML form that the book's ``quiz.js`` checks in the browser. Both come from one
display bundle, so the lesson has a single line: ``show_quiz("02_why_customers_leave")``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets
import yaml
from IPython.display import display

from retention.bilingual import SEPARATOR
from retention.content import quizzes_dir

CORRECT = ("Correct.", "回答正确。")
WRONG = ("Not quite. Try again.", "还不对，再想一想。")


class QuizError(ValueError):
    """A quiz file is malformed: the message names the file, the question and the problem."""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question in both languages."""

    id: str
    en: str
    zh: str
    options: tuple[dict, ...]
    answer: int
    explain_en: str
    explain_zh: str

    def is_correct(self, choice: int) -> bool:
        return choice == self.answer

    def label(self, index: int) -> str:
        option = self.options[index]
        return f"{option['en']}{SEPARATOR}{option['zh']}"


def _question(raw, source: str) -> Question:
    name = raw.get("id", "?") if isinstance(raw, dict) else "?"
    if not isinstance(raw, dict):
        raise QuizError(f"{source}: each question is a mapping, got {raw!r}")
    for field in ("id", "en", "zh", "explain_en", "explain_zh"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise QuizError(f"{source}: question {name!r} lacks {field!r}")
    options = raw.get("options")
    if not isinstance(options, list) or not 2 <= len(options) <= 6:
        raise QuizError(f"{source}: question {name!r} needs 2 to 6 options")
    for number, option in enumerate(options):
        if not isinstance(option, dict) or not option.get("en") or not option.get("zh"):
            raise QuizError(f"{source}: question {name!r} option {number} needs 'en' and 'zh'")
    answer = raw.get("answer")
    if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(options):
        raise QuizError(f"{source}: question {name!r} answer must be an option index 0..{len(options) - 1}, got {answer!r}")
    return Question(
        id=raw["id"],
        en=raw["en"],
        zh=raw["zh"],
        options=tuple(options),
        answer=answer,
        explain_en=raw["explain_en"],
        explain_zh=raw["explain_zh"],
    )


def available_quizzes() -> list[str]:
    """The names of the quizzes in the book's content folder (one per lesson, named after it)."""
    return sorted(p.stem for p in quizzes_dir().glob("*.yml"))


def load_quiz(name: str) -> tuple[Question, ...]:
    """The questions of quiz ``name``; a wrong name lists the quizzes that exist."""
    path = quizzes_dir() / f"{name}.yml"
    if not path.is_file():
        raise QuizError(f"no quiz {name!r}; available: {available_quizzes()}")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = [_question(raw, f"{name}.yml") for raw in data.get("questions", [])]
    if not questions:
        raise QuizError(f"{name}.yml has no questions")
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise QuizError(f"{name}.yml: question ids must be unique, got {ids}")
    return tuple(questions)




# --- JupyterLab: widgets ----------------------------------------------------------------------


class QuestionWidget(widgets.VBox):
    """A question, its options as radio buttons, and feedback that appears when an option is chosen."""

    def __init__(self, question: Question, number: int):
        self.question = question
        self.choices = widgets.RadioButtons(
            options=[(question.label(i), i) for i in range(len(question.options))],
            value=None,
            layout=widgets.Layout(width="auto"),
        )
        self.feedback = widgets.HTML()
        prompt = widgets.HTML(
            f'<p><b>{number}.</b> <span lang="en">{html.escape(question.en)}</span><br>'
            f'<span lang="zh-Hans">{html.escape(question.zh)}</span></p>'
        )
        super().__init__([prompt, self.choices, self.feedback])
        self.choices.observe(self._answer, names="value")

    def _answer(self, change=None) -> None:
        choice = self.choices.value
        if choice is None:
            self.feedback.value = ""
            return
        q = self.question
        if q.is_correct(choice):
            self.feedback.value = (
                f'<p style="color:#1a7f37">✔ <span lang="en">{CORRECT[0]} {html.escape(q.explain_en)}</span><br>'
                f'<span lang="zh-Hans">{CORRECT[1]}{html.escape(q.explain_zh)}</span></p>'
            )
        else:
            self.feedback.value = (
                f'<p style="color:#b35900">✘ <span lang="en">{WRONG[0]}</span> · <span lang="zh-Hans">{WRONG[1]}</span></p>'
            )


def quiz_widget(name: str) -> widgets.VBox:
    """The quiz as ipywidgets, for a live kernel."""
    questions = load_quiz(name)
    title = widgets.HTML("<h4>Self-check quiz · 自我检测</h4>")
    return widgets.VBox([title, *(QuestionWidget(q, i + 1) for i, q in enumerate(questions))])


# --- the HTML book: a form checked by quiz.js --------------------------------------------------


def quiz_html(name: str) -> str:
    """The quiz as an HTML form; the book's quiz.js marks answers, and each answer is also in a <details>."""
    parts = [f'<form class="cbec-quiz" data-quiz="{html.escape(name)}">']
    for number, q in enumerate(load_quiz(name), start=1):
        group = f"{name}-{q.id}"
        options = "".join(
            f'<label class="cbec-quiz-option"><input type="radio" name="{html.escape(group)}" value="{i}"> '
            f'<span lang="en">{html.escape(o["en"])}</span><span class="bi-sep"> · </span><span lang="zh-Hans">{html.escape(o["zh"])}</span></label>'
            for i, o in enumerate(q.options)
        )
        parts.append(
            f'<fieldset class="cbec-quiz-question" data-answer="{q.answer}">'
            f'<legend><b>{number}.</b> <span lang="en">{html.escape(q.en)}</span> '
            f'<span lang="zh-Hans">{html.escape(q.zh)}</span></legend>{options}'
            f'<p class="cbec-quiz-feedback" aria-live="polite"></p>'
            '<details><summary><span lang="en">Answer</span><span class="bi-sep"> · </span>'
            '<span lang="zh-Hans">答案</span></summary>'
            f'<p><span lang="en"><span class="cbec-quiz-right-option">{html.escape(q.label(q.answer))}. </span>'
            f'{html.escape(q.explain_en)}</span><br>'
            f'<span lang="zh-Hans">{html.escape(q.explain_zh)}</span></p></details></fieldset>'
        )
    parts.append("</form>")
    return "".join(parts)


def show_quiz(name: str) -> None:
    """Display quiz ``name``: widgets where a kernel runs (JupyterLab), a self-checking form in the book."""
    widget = quiz_widget(name)
    bundle = {
        "application/vnd.jupyter.widget-view+json": {"model_id": widget.model_id, "version_major": 2, "version_minor": 0},
        "text/html": quiz_html(name),
        "text/plain": f"Self-check quiz · 自我检测: {name}",
    }
    display(bundle, raw=True)
