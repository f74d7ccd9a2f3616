""""Check your answer · 核对答案": under a data lesson's exercises, the numbers each answer has, one closed
``<details>`` per exercise so the student works them out first.

The numbers are the answer key's figures in the teacher's notes (``book/teacher/notes/<lesson>.yml``),
computed by the same ``answer_keys`` calls and formatted per language as in the teacher's book
(:func:`retention.teaching.notes.figures`): one source for both books. Only the figures are shown,
never the notes' method text. The lesson's cell is one line, ``check_answers("31_data_cleaning")``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from retention.bilingual import SEPARATOR
from retention.teaching.notes import figures
from retention.ui.calculator_answers import result_table

#: The block's title, before the exercise number.
TITLE = ("Check your answer", "核对答案")
_SEP = f'<span class="bi-sep">{SEPARATOR}</span>'


def _bilingual(en: str, zh: str) -> str:
    """Both languages in their own ``<span lang>`` (the book's switch shows one or both); a value equal in both, once."""
    if en == zh:
        return html.escape(en)
    return f'<span lang="en">{html.escape(en)}</span>{_SEP}<span lang="zh-Hans">{html.escape(zh)}</span>'


@dataclass(frozen=True)
class Figure:
    """One number of an answer: its label and its text in each language."""

    label_en: str
    label_zh: str
    en: str
    zh: str


@dataclass(frozen=True)
class AnswerChecks:
    """The check blocks of a lesson's exercises: ``exercise number -> figures``, in exercise order."""

    lesson: str
    exercises: tuple[tuple[int, tuple[Figure, ...]], ...]

    def block_html(self, exercise: int, found: tuple[Figure, ...]) -> str:
        """One exercise's block: a closed ``<details>`` holding a two-column table, label and number."""
        rows = [(html.escape(f.label_en), html.escape(f.label_zh), _bilingual(f.en, f.zh)) for f in found]
        summary = _bilingual(f"{TITLE[0]}: exercise {exercise}", f"{TITLE[1]}：练习 {exercise}")
        return (f'<details class="cbec-answer-check" data-lesson="{html.escape(self.lesson)}" data-exercise="{exercise}">'
                f"<summary>{summary}</summary>{result_table(rows)}</details>")

    def _repr_html_(self) -> str:
        return "".join(self.block_html(exercise, found) for exercise, found in self.exercises)

    def __repr__(self) -> str:
        lines = []
        for exercise, found in self.exercises:
            lines.append(f"{TITLE[0]}{SEPARATOR}{TITLE[1]}: {exercise}")
            lines += [f"  {f.label_en}{SEPARATOR}{f.label_zh}: {f.en if f.en == f.zh else f.en + SEPARATOR + f.zh}" for f in found]
        return "\n".join(lines)


def check_answers(lesson: str, exercise: int | None = None) -> AnswerChecks:
    """The check blocks of every exercise of ``lesson`` whose answer has figures (or of one ``exercise``)."""
    grouped: dict[int, list[Figure]] = {}
    for number, label, en, zh in figures(lesson, exercise):
        grouped.setdefault(number, []).append(Figure(label["en"], label["zh"], en, zh))
    if not grouped:
        which = f"exercise {exercise} of {lesson} has no" if exercise is not None else f"no exercise of {lesson} has"
        raise ValueError(f"{which} figures in book/teacher/notes/{lesson}.yml: add them under answers[].figures")
    return AnswerChecks(lesson, tuple((number, tuple(found)) for number, found in grouped.items()))
