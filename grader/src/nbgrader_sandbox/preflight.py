"""Checks before a command touches anything: is the assignment known, released, submitted?

A typo in an assignment's name or a forgotten release must stop the command with a message that
names what is wrong and how to fix it (and a non-zero exit), not print "nothing to autograde" or a
report path that is never written.
"""

from __future__ import annotations

from pathlib import Path


class AssignmentError(RuntimeError):
    """The assignment cannot be graded as asked; the message says why and what to do."""


def check_assignment(root: Path, coursedir, assignment: str, *, submitted: bool = True) -> None:
    """Raise :class:`AssignmentError` unless ``assignment`` has a source, a release and (if
    ``submitted``) at least one submission."""
    root = Path(root)
    source = Path(coursedir.format_path(coursedir.source_directory, ".", assignment))
    if not source.is_dir():
        known = sorted(p.name for p in (root / coursedir.source_directory).glob("*") if p.is_dir())
        raise AssignmentError(f"unknown assignment {assignment!r}: the course has {', '.join(known) or 'none'} "
                              f"(in {root / coursedir.source_directory}); check the name, e.g. A={known[0] if known else '…'}")
    from nbgrader.api import Gradebook, MissingEntry

    release = Path(coursedir.format_path(coursedir.release_directory, ".", assignment))
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        try:
            gb.find_assignment(assignment)
            in_gradebook = True
        except MissingEntry:
            in_gradebook = False
    if not (in_gradebook and release.is_dir()):
        raise AssignmentError(f"assignment {assignment!r} is not released yet (no {'gradebook entry' if not in_gradebook else release}): "
                              f"run `make release A={assignment}` first, then collect the submissions")
    if submitted and not any((root / coursedir.submitted_directory).glob(f"*/{assignment}")):
        raise AssignmentError(f"no submissions of {assignment!r} in {root / coursedir.submitted_directory}/<student>/{assignment}/: "
                              f"collect them first (`make collect A={assignment}`, or ZIP=1 for LMS downloads)")
