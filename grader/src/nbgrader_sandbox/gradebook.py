"""The gradebook side of a run: a template gradebook for the workers, and the single writer.

Workers grade into throw-away SQLite copies of :func:`build_template_gradebook`; only the parent
process writes the real gradebook (:func:`merge_into_gradebook`), so parallel grading never meets
"database is locked".
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path


def build_template_gradebook(db_url: str, course_id: str, assignment: str, path: Path) -> str:
    """A fresh SQLite gradebook with only ``assignment``'s structure (cells, points, checksums)."""
    from nbgrader.api import Gradebook

    url = f"sqlite:///{path}"
    with Gradebook(db_url, course_id) as real:
        stamp_schema_version(real, path)
        with Gradebook(url, course_id) as tmpl:
            copy_structure(real, tmpl, assignment)
    return url


def stamp_schema_version(real, path: Path) -> None:
    """Give the new SQLite file the real gradebook's schema version before nbgrader opens it.

    nbgrader stamps a new gradebook by running the ``alembic heads`` command, a fresh Python that
    imports nbgrader (2.7 s here); a file that already has a table is taken as existing and skipped.
    """
    import sqlite3

    from sqlalchemy import text

    try:
        version = real.db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # an unstamped gradebook: leave the stamping to nbgrader
        real.db.rollback()
        return
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        db.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (version,))


def copy_structure(real, tmpl, assignment: str) -> None:
    """Copy ``assignment``'s notebooks and cells (points, checksums) from ``real`` into ``tmpl``."""
    a = real.find_assignment(assignment)
    tmpl.update_or_create_assignment(assignment, duedate=a.duedate)
    for nb in a.notebooks:
        tmpl.update_or_create_notebook(nb.name, assignment)
        for c in nb.grade_cells:
            tmpl.update_or_create_grade_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                             cell_type=c.cell_type)
        for c in nb.solution_cells:
            tmpl.update_or_create_solution_cell(c.name, nb.name, assignment)
        for c in nb.task_cells:
            tmpl.update_or_create_task_cell(c.name, nb.name, assignment, max_score=c.max_score,
                                            cell_type=c.cell_type)
        for c in nb.source_cells:
            tmpl.update_or_create_source_cell(c.name, nb.name, assignment, cell_type=c.cell_type,
                                              locked=c.locked, source=c.source, checksum=c.checksum)


def merge_into_gradebook(real, result: dict, course_id: str, retries: int = 20) -> None:
    """Copy one submission's grades and comments from its throw-away gradebook into the real one.

    ``real`` is the run's single open :class:`nbgrader.api.Gradebook` (the only writer).
    """
    import sqlalchemy
    from nbgrader.api import Grade, Gradebook, MissingEntry

    assignment, student = result["assignment"], result["student"]
    for attempt in range(retries):
        tmp_gb = None
        try:
            real.update_or_create_student(student)
            tmp = None
            if result.get("db_url"):
                tmp_gb = Gradebook(result["db_url"], course_id)
                try:
                    tmp = tmp_gb.find_submission(assignment, student)
                except MissingEntry:
                    tmp = None
            if tmp is not None and tmp.timestamp is not None:
                real.update_or_create_submission(assignment, student, timestamp=tmp.timestamp)
            else:
                real.update_or_create_submission(assignment, student)
            if not result.get("success"):
                _record_failure(real, assignment, student)
            elif tmp is not None:
                for tnb in tmp.notebooks:
                    nb = real.find_submission_notebook(tnb.name, assignment, student)
                    nb.late_submission_penalty = tnb.late_submission_penalty
                    for tgrade in tnb.grades:
                        grade = real.find_grade(tgrade.name, tnb.name, assignment, student)
                        grade.auto_score = tgrade.auto_score
                        # A grade given by hand stays settled: a re-grade does not flag it again
                        # (nbgrader's SaveAutoGrades would, for any cell with a manual score). Decided
                        # by the database when it writes the row, so a formgrader save that lands
                        # after this session read the grade still counts.
                        grade.needs_manual_grade = sqlalchemy.case(
                            (Grade.manual_score.is_(None), sqlalchemy.true()), else_=sqlalchemy.false()
                        ) if tgrade.needs_manual_grade else False
                    for tcomment in tnb.comments:
                        comment = real.find_comment(tcomment.name, tnb.name, assignment, student)
                        comment.auto_comment = tcomment.auto_comment
            real.db.commit()
            return
        except sqlalchemy.exc.OperationalError as error:
            real.db.rollback()
            if "locked" not in str(error) or attempt == retries - 1:
                raise
            time.sleep(min(0.1 * 2 ** attempt, 2.0))
        finally:
            if tmp_gb is not None:
                tmp_gb.close()


def _record_failure(real, assignment: str, student: str) -> None:
    """A failed or timed-out (re-)grade scores 0: no autograded score of an earlier run survives it.

    Manual scores, comments and flags are the instructor's and are left as they are.
    """
    for nb in real.find_submission(assignment, student).notebooks:
        for grade in nb.grades:
            if grade.auto_score is not None:
                grade.auto_score = 0.0


def submission_score(gb, assignment: str, student: str) -> tuple[float, float]:
    """(autograded score, autograded maximum) of one submission, read back from the gradebook."""
    sub = gb.find_submission(assignment, student)
    score = maximum = 0.0
    for nb in sub.notebooks:
        for grade in nb.grades:
            if grade.cell_type == "code":
                score += grade.auto_score or 0.0
                maximum += grade.max_score
    return score, maximum
