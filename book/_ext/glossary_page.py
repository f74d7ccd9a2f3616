"""Sphinx extension: write the glossary entries of ``book/glossary/*.yml`` into the glossary page as it is read.

The page's source holds only its title, introduction and a marker line, so the entries have one
source (the YAML) and the page can never be stale. The page is read again on every build.
"""

from __future__ import annotations

from retention.glossary import ENTRIES_MARKER, fill_page


def write_entries(app, docname, source):
    """Replace the marker line of the glossary page with the entries, as MyST."""
    if ENTRIES_MARKER in source[0]:
        source[0] = fill_page(source[0])


def always_reread(app, env, added, changed, removed):
    """The entries live outside the page, so Sphinx cannot see them change: read the page every time."""
    return [docname for docname in env.found_docs if docname.endswith("glossary")]


def setup(app):
    app.connect("source-read", write_entries)
    app.connect("env-get-outdated", always_reread)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
