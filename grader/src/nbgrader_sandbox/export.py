"""grades.csv with the students' names and each submission's grading status.

nbgrader's ``CsvExportPlugin`` gives a damaged submission and a missing one the same 0.0, and
writes names unquoted. :class:`StatusCsvExport` (``nbgrader export --exporter=...``) writes the same
columns through the csv module, plus ``status`` (``ok``, ``error``, ``timeout``, ``missing``, or
``unknown`` when the grader's report has no row) and ``message``, read from
reports/autograde-<assignment>.json (the latest outcome of each submission). Names are those the
gradebook knows (``nbgrader db student import students.csv``). Beside it go the learning platforms'
files and the per-question report (:mod:`nbgrader_sandbox.lms`).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin

from nbgrader_sandbox.lms import write_lms_files
from nbgrader_sandbox.report import read_report

COLUMNS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
           "raw_score", "late_submission_penalty", "score", "max_score", "status", "message"]


class StatusCsvExport(ExportPlugin):
    """CSV export with names and a status column."""

    def export(self, gradebook) -> None:
        coursedir = getattr(self.parent, "coursedir", None)
        root = Path(coursedir.root if coursedir is not None else os.getcwd())
        target = self.to or "grades.csv"
        with open(target, "w", newline="", encoding="utf-8") as fh:
            out = csv.DictWriter(fh, COLUMNS)
            out.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                report = read_report(root, assignment.name)
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    row = {"assignment": assignment.name, "duedate": assignment.duedate, "student_id": student.id,
                           "last_name": student.last_name, "first_name": student.first_name,
                           "email": student.email, "max_score": assignment.max_score}
                    try:
                        sub = gradebook.find_submission(assignment.name, student.id)
                    except MissingEntry:
                        row.update(timestamp="", raw_score=0.0, late_submission_penalty=0.0, score=0.0,
                                   status="missing", message="no submission")
                    else:
                        penalty = sub.late_submission_penalty or 0.0
                        recorded = report.get(student.id, {})
                        row.update(timestamp=sub.timestamp, raw_score=sub.score, late_submission_penalty=penalty,
                                   score=max(0.0, sub.score - penalty), status=recorded.get("status") or "unknown",
                                   message=recorded.get("message") or "")
                    out.writerow({k: "" if v is None else v for k, v in row.items()})
        for path in write_lms_files(gradebook, target, self.assignment or None):
            self.log.info("Wrote %s", path)
