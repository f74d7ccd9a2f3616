"""Instructor tooling for the course's nbgrader assignments (grading/ in the repository).

* ``python -m retention.grading --help``: release, collect, autograde (parallel, sandboxed),
  formgrade, feedback (offline HTML) and export.
* ``retention.grading.checks``: type-strict comparisons used by the assignments' test cells.
"""
