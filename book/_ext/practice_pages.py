"""Sphinx extension: the practice pages written from their content files at build time, like the glossary.

``book/phrasebank.md`` and ``book/roleplays.md`` hold only their title, introduction and a marker line; the
phrase bank (``book/phrases/*.yml``) and the role-plays (``book/roleplays/*.yml``) are written in their place
by :mod:`retention.phrasebank` and :mod:`retention.roleplays`, so the pages have one source and are never stale.
"""

from __future__ import annotations

from retention.phrasebank import PHRASEBANK_MARKER, fill_page, phrasebank_markdown
from retention.roleplays import ROLEPLAYS_MARKER, roleplays_markdown

#: marker line -> what writes the Markdown that replaces it
GENERATORS = {PHRASEBANK_MARKER: phrasebank_markdown, ROLEPLAYS_MARKER: roleplays_markdown}
PAGES = ("book/phrasebank", "book/roleplays")


def write_content(app, docname, source):
    """Replace a practice page's marker line with the content it stands for."""
    for marker, generate in GENERATORS.items():
        if marker in source[0]:
            source[0] = fill_page(source[0], marker, generate())


def always_reread(app, env, added, changed, removed):
    """The content lives outside the pages, so Sphinx cannot see it change: read the pages every time."""
    return [docname for docname in env.found_docs if docname in PAGES]


def setup(app):
    app.connect("source-read", write_content)
    app.connect("env-get-outdated", always_reread)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
