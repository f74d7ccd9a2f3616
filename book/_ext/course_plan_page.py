"""Sphinx extension: the course plan of ``book/course/plan.yml`` written into ``book/course_plan.md`` at build time.

The page's source holds only its title, introduction and a marker line, so the plan has one source (the
YAML, with lesson titles from the notebooks and points from the assignments) and is never stale.
"""

from __future__ import annotations

from retention.teaching.courseplan import PLAN_MARKER, fill_page


def write_plan(app, docname, source):
    """Replace the marker line of the course-plan page with the plan, as MyST."""
    if PLAN_MARKER in source[0]:
        source[0] = fill_page(source[0])


def always_reread(app, env, added, changed, removed):
    """The plan lives outside the page, so Sphinx cannot see it change: read the page every time."""
    return [docname for docname in env.found_docs if docname.endswith("course_plan")]


def setup(app):
    app.connect("source-read", write_plan)
    app.connect("env-get-outdated", always_reread)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
