"""Sphinx extension: the practice pages written from their content files at build time, like the glossary.

``book/phrasebank.md``, ``book/roleplays.md`` and ``book/platforms.md`` hold their prose and a marker line; the
phrase bank (``book/phrases/*.yml``), the role-plays (``book/roleplays/*.yml``) and the platform figures with
their sources (``book/platforms/facts.yml``) are written in its place by :mod:`retention.phrasebank`,
:mod:`retention.roleplays` and :mod:`retention.platforms`, so the pages have one source and are never stale.
"""

from __future__ import annotations

from retention.phrasebank import PHRASEBANK_MARKER, fill_page, phrasebank_markdown
from retention.platforms import PLATFORMS_MARKER, platforms_markdown
from retention.roleplays import ROLEPLAYS_MARKER, roleplays_markdown

#: marker line -> what writes the Markdown that replaces it
GENERATORS = {PHRASEBANK_MARKER: phrasebank_markdown, ROLEPLAYS_MARKER: roleplays_markdown,
              PLATFORMS_MARKER: platforms_markdown}
PAGES = ("book/phrasebank", "book/roleplays", "book/platforms")


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
