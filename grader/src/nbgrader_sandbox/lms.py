"""Grade files for learning platforms and a per-question report, written beside ``grades.csv``.

* ``<stem>-canvas.csv``: Canvas's gradebook import (Student, ID, SIS User ID, SIS Login ID, Section, then
  one column per assignment and a "Points Possible" row); students match on SIS User ID = nbgrader's id.
* ``<stem>-moodle.csv``: Moodle's "Import grades → CSV file" (ID number, names, e-mail, one
  ``Assignment: <name> (Real)`` column each); map "ID number" to the user field when importing.
* ``<stem>-questions.csv``: per grade cell, the mean, the share of full and of zero marks and the students in
  each group, so weak questions and weak hidden tests show.

Scores are read from nbgrader's gradebook (late penalties applied); a missing submission is left empty.
"""

from __future__ import annotations

import csv
from pathlib import Path

from nbgrader.api import MissingEntry


def _score(gradebook, assignment: str, student: str) -> float | None:
    try:
        sub = gradebook.find_submission(assignment, student)
    except MissingEntry:
        return None
    return max(0.0, sub.score - (sub.late_submission_penalty or 0.0))


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def canvas_rows(gradebook, assignments: list) -> list[list[str]]:
    """Canvas gradebook import: a header, the Points Possible row, one row per student."""
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *(a.name for a in assignments)],
            ["    Points Possible", "", "", "", "", *(_number(a.max_score) for a in assignments)]]
    for s in gradebook.students:
        name = ", ".join(part for part in (s.last_name, s.first_name) if part) or s.id
        rows.append([name, "", s.id, s.id, "", *(_number(_score(gradebook, a.name, s.id)) for a in assignments)])
    return rows


def moodle_rows(gradebook, assignments: list) -> list[list[str]]:
    """Moodle's CSV grade import: identify students by "ID number"."""
    rows = [["ID number", "First name", "Last name", "Email address",
             *(f"Assignment: {a.name} (Real)" for a in assignments)]]
    for s in gradebook.students:
        rows.append([s.id, s.first_name or "", s.last_name or "", s.email or "",
                     *(_number(_score(gradebook, a.name, s.id)) for a in assignments)])
    return rows


def question_rows(gradebook, assignments: list) -> list[list[str]]:
    """One row per grade cell: submissions, mean, share of full and zero marks, students in each group."""
    rows = [["assignment", "notebook", "cell", "kind", "max_score", "graded", "mean",
             "full_marks_share", "zero_share", "ungraded", "students_full", "students_partial", "students_zero"]]
    for a in assignments:
        cells = {}
        for sub in gradebook.assignment_submissions(a.name):
            for nb in sub.notebooks:
                for grade in nb.grades:
                    key = (nb.name, grade.name)
                    cells.setdefault(key, {"max": grade.max_score, "kind": grade.cell_type, "scores": {},
                                           "ungraded": []})
                    if grade.score is None or (grade.needs_manual_grade and grade.manual_score is None):
                        cells[key]["ungraded"].append(sub.student.id)
                    else:
                        cells[key]["scores"][sub.student.id] = grade.score
        for (notebook, cell), info in sorted(cells.items()):
            scores, top = info["scores"], info["max"]
            full = sorted(s for s, v in scores.items() if v >= top)
            zero = sorted(s for s, v in scores.items() if v <= 0)
            partial = sorted(set(scores) - set(full) - set(zero))
            n = len(scores)
            rows.append([a.name, notebook, cell, "auto" if info["kind"] == "code" else "manual", _number(top), str(n),
                         f"{sum(scores.values()) / n:.2f}" if n else "", f"{len(full) / n:.3f}" if n else "",
                         f"{len(zero) / n:.3f}" if n else "", " ".join(sorted(info["ungraded"])),
                         " ".join(full), " ".join(partial), " ".join(zero)])
    return rows


def write_lms_files(gradebook, grades_csv: str | Path, only: list[str] | None = None) -> list[Path]:
    """Write the Canvas, Moodle and per-question files beside ``grades_csv``; return their paths."""
    grades_csv = Path(grades_csv)
    assignments = [a for a in gradebook.assignments if not only or a.name in only]
    written = []
    for suffix, build in (("canvas", canvas_rows), ("moodle", moodle_rows), ("questions", question_rows)):
        path = grades_csv.with_name(f"{grades_csv.stem}-{suffix}.csv")
        with open(path, "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(build(gradebook, assignments))
        written.append(path)
    return written
