"""Sphinx extension: the glossary of ``book/glossary/*.yml`` in the book – its page, and its terms in the search.

* The page's source holds only its title, introduction and a marker line, so the entries have one
  source (the YAML) and the page can never be stale. The page is read again on every build.
* Chinese search cuts text into words with jieba, which splits a term such as 客户终身价值 into
  客户 / 终身 / 价值, so searching for the whole term found nothing. The glossary's Chinese terms are
  given to jieba as a user dictionary, so each is also indexed whole.
"""

from __future__ import annotations

from pathlib import Path

from retention.glossary import ENTRIES_MARKER, fill_page, load_glossary


def write_entries(app, docname, source):
    """Replace the marker line of the glossary page with the entries, as MyST."""
    if ENTRIES_MARKER in source[0]:
        source[0] = fill_page(source[0])


def always_reread(app, env, added, changed, removed):
    """The entries live outside the page, so Sphinx cannot see them change: read the page every time."""
    return [docname for docname in env.found_docs if docname.endswith("glossary")]


def search_terms(app, config):
    """Write the glossary's Chinese terms as a jieba user dictionary and point the Chinese search at it."""
    path = Path(app.outdir).parent / "search-terms.zh.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = sorted({entry.zh for entry in load_glossary() if " " not in entry.zh})
    path.write_text("".join(f"{term} 100000\n" for term in terms), encoding="utf-8")
    config.html_search_options = {**(config.html_search_options or {}), "dict": str(path)}


def setup(app):
    app.connect("config-inited", search_terms)
    app.connect("source-read", write_entries)
    app.connect("env-get-outdated", always_reread)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
