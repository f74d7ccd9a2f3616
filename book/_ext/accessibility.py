"""Sphinx extension: give every image a text alternative that says what it shows.

myst-nb writes a plot output as an image with no ``alt``, and the HTML writer then falls back to the
file name, so a screen reader reads "../_images/7248bc….png" aloud. This extension gives each image
that has no ``alt`` of its own a bilingual one from the section it illustrates, e.g.
``Chart: The cost of churn · 图表：流失的代价``. An author who wants a more precise description sets it
on the cell (``"mystnb": {"image": {"alt": "…"}}`` in the cell metadata) and it is kept as written.
"""

from __future__ import annotations

from docutils import nodes

from retention.bilingual import SEPARATOR


def section_title(node) -> str:
    """The title of the innermost section around ``node`` (bilingual headings read "English · 中文")."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and parent.children and isinstance(parent[0], nodes.title):
            return parent[0].astext().strip()
        parent = parent.parent
    title = next(node.document.findall(nodes.title), None) if node.document else None
    return title.astext().strip() if title else ""


def describe(title: str) -> str:
    if SEPARATOR in title:
        en, zh = title.split(SEPARATOR, 1)
        return f"Chart: {en.strip()}{SEPARATOR}图表：{zh.strip()}"
    return f"Chart: {title} · 图表：{title}" if title else "Chart · 图表"


def add_image_alt_text(app, doctree, docname):
    for image in doctree.findall(nodes.image):
        alt = (image.get("alt") or "").strip()
        if not alt or alt == image.get("uri"):
            image["alt"] = describe(section_title(image))


def setup(app):
    app.connect("doctree-resolved", add_image_alt_text)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
