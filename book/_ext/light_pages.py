"""Sphinx extension: light pages. A page loads only the theme files it uses, and only the icons the book shows.

- The theme's ``fontawesome.js`` (1.5 MB, on every page) is left out: pydata-sphinx-theme's stylesheet
  already carries Font Awesome's CSS and web font, which draw every icon the book shows (menu, search,
  download, theme switch…). ``templates/layout.html`` drops that script tag from the theme's head.
- Font Awesome's icon rules and solid font are cut to the icons the built book names (``icon_font``).
- sphinx-design's stylesheet and tab script (62 kB) load only on a page that has one of its components.
scripts/bench_page_weight.py measures the result; tests/book/test_page_weight.py keeps every page under
the limit, as stored and gzip-served, with every icon drawn.
"""

from __future__ import annotations

import re
from pathlib import Path

from icon_font import trim_icons
from markupsafe import Markup

FONTAWESOME_JS = re.compile(r'\s*<script src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
#: Files a page loads only when its body uses them: file name -> a pattern of its markup.
USED_ONLY_WITH = {
    "sphinx-design.min.css": re.compile(r'class="[^"]*\bsd-'),
    "design-tabs.js": re.compile(r'class="[^"]*\bsd-tab-set'),
}


def without_fontawesome_js(html: str) -> Markup:
    """The theme's head without its fontawesome.js script tag (a Jinja filter for templates/layout.html)."""
    return Markup(FONTAWESOME_JS.sub("", str(html)))


def add_templates(app, config) -> None:
    config.templates_path.insert(0, str(Path(__file__).parent / "templates"))


def add_filter(app) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_fontawesome_js"] = without_fontawesome_js


def drop_unused_files(app, pagename, templatename, context, doctree) -> None:
    """Leave out the stylesheets and scripts this page's body never uses."""
    body = context.get("body", "")
    unused = {name for name, used in USED_ONLY_WITH.items() if not used.search(body)}
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [f for f in context[key] if Path(str(getattr(f, "filename", f))).name not in unused]


def cut_icons(app, exception) -> None:
    if exception is None and app.builder.format == "html" and getattr(app.builder, "theme", None):
        trim_icons(Path(app.outdir), app.builder.theme.get_theme_dirs())


def setup(app):
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", add_filter)
    # After every other handler (static_calculators adds its files to a page at the default priority).
    app.connect("html-page-context", drop_unused_files, priority=900)
    app.connect("build-finished", cut_icons)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
