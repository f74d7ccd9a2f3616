"""Sphinx extension: give every prose cell of a lesson notebook its HTML ``lang`` and fail on a missing translation.

It also removes sphinx-thebe's scripts, which point at a CDN, so the book loads nothing from another host.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.util import logging

from retention.bilingual import cell_language, check_notebook, wrap_for_book

logger = logging.getLogger(__name__)


def wrap_language_cells(app, docname, source):
    """On reading a notebook, report bilingual problems and wrap each prose cell for its language."""
    if not str(app.env.doc2path(docname)).endswith(".ipynb"):
        return
    nb = json.loads(source[0])
    for problem in check_notebook(nb):
        logger.warning("bilingual: %s", problem, location=docname, type="bilingual")
    for cell in nb["cells"]:
        lang = cell_language(cell)
        if cell.get("cell_type") == "markdown" and lang:
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = wrap_for_book(text, lang)
    source[0] = json.dumps(nb)


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", script) or ""
    body = getattr(script, "attributes", {}).get("body", "") or ""
    return "thebe" in filename or "thebe" in body


def drop_cdn_scripts(app, pagename, templatename, context, doctree):
    """Remove sphinx-thebe's scripts, which would fetch thebe from a CDN; the book has no live kernel."""
    if "script_files" in context:
        context["script_files"] = [script for script in context["script_files"] if not _is_thebe(script)]


def finish_doctree(app, doctree, docname):
    """Restore the script case of ``zh-Hans`` (docutils lower-cases classes) and drop thebe's inline config."""
    for node in doctree.findall(nodes.container):
        node["classes"] = [LANGUAGE_CLASSES.get(cls, cls) for cls in node["classes"]]
    for node in list(doctree.findall(nodes.raw)):
        if "thebe" in node.astext() or "kernelName =" in node.astext():
            node.parent.remove(node)


LANGUAGE_CLASSES = {"language-zh-hans": "language-zh-Hans", "lang-zh-hans": "lang-zh-Hans"}


def setup(app):
    app.connect("source-read", wrap_language_cells)
    app.connect("doctree-resolved", finish_doctree, priority=900)
    app.connect("html-page-context", drop_cdn_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
