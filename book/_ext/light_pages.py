"""Sphinx extension: light pages. The theme's ``fontawesome.js`` (1.5 MB, on every page) is left out.

pydata-sphinx-theme's stylesheet already carries Font Awesome's CSS and web font, which draw every
icon the book shows (menu, search, download, theme switch…); its ``fontawesome.js`` draws the same
icons again as SVG and is most of a page's weight. ``templates/layout.html`` extends the theme's
layout and drops that one script tag from its head; scripts/bench_page_weight.py measures the result
and tests/book/test_page_weight.py keeps every page under the limit with its icons drawn.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

FONTAWESOME_JS = re.compile(r'\s*<script src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def without_fontawesome_js(html: str) -> Markup:
    """The theme's head without its fontawesome.js script tag (a Jinja filter for templates/layout.html)."""
    return Markup(FONTAWESOME_JS.sub("", str(html)))


def add_templates(app, config) -> None:
    config.templates_path.insert(0, str(Path(__file__).parent / "templates"))


def add_filter(app) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_fontawesome_js"] = without_fontawesome_js


def setup(app):
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", add_filter)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
