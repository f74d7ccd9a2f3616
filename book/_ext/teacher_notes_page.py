"""Sphinx extension of the teacher's book (book/teacher/): each lesson page's marker is replaced by the lesson's
notes from ``book/teacher/notes/<lesson>.yml`` and the index's by the question bank's counts, at build time."""

from __future__ import annotations

from retention.bilingual import bi
from retention.teaching import notes, questionbank
from retention.teaching.sources import lesson_title, toc_lessons

INDEX_MARKER = "<!-- teacher index: the question bank by lesson and type -->"


def bank_table() -> str:
    """The question bank's items per lesson and type, as a MyST table."""
    counts = {}
    for item in questionbank.load_bank():
        counts[item.lesson, item.type] = counts.get((item.lesson, item.type), 0) + 1
    header = [bi("Lesson", "课次"), *(bi(*questionbank.TYPE_NAMES[t]) for t in questionbank.TYPES), bi("Total", "合计")]
    lines = [f"## {bi('The question bank', '题库')}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for lesson in toc_lessons():
        row = [counts.get((lesson, t), 0) for t in questionbank.TYPES]
        lines.append("| " + " | ".join([bi(*lesson_title(lesson)), *map(str, row), str(sum(row))]) + " |")
    totals = [sum(counts.get((lesson, t), 0) for lesson in toc_lessons()) for t in questionbank.TYPES]
    lines.append("| " + " | ".join([f"**{bi('Total', '合计')}**", *(f"**{n}**" for n in totals), f"**{sum(totals)}**"]) + " |")
    return "\n".join(lines) + "\n"


def write_notes(app, docname, source):
    if INDEX_MARKER in source[0]:
        source[0] = source[0].replace(INDEX_MARKER, bank_table())
    else:
        source[0] = notes.fill_page(source[0])


def always_reread(app, env, added, changed, removed):
    """The notes live outside the pages, so Sphinx cannot see them change: read every page each time."""
    return list(env.found_docs)


def setup(app):
    app.connect("source-read", write_notes)
    app.connect("env-get-outdated", always_reread)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
