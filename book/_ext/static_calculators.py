"""Sphinx extension: the lessons' calculators answer in the static book, with no kernel, server or network.

Each calculator's ``text/html`` output is a form (``retention.ui.static_calculator``) carrying its
build-time answer. This extension adds ``calculator.js`` and ``calculator.css`` to the pages that
have one, writes the package's pure-Python answer modules to ``_static/retention-calculators.zip``
(which the browser runs in Pyodide, vendored by scripts/vendor_assets.sh), and drops the ipywidgets
state and widget manager myst-nb would add to every lesson with a widget: the book shows forms.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from sphinx.errors import ExtensionError

MARKER = 'class="retention-calculator"'
ARCHIVE = "retention-calculators.zip"
#: What the browser imports; the archive holds these and every project module they import.
ENTRY_MODULES = ("retention.ui.static_calculator", "retention.ui.calculator_answers")
#: Not available in the browser's Pyodide (only its core is vendored), so the calculator path must not need them.
UNAVAILABLE = ("pandas", "numpy", "ipywidgets", "matplotlib", "IPython", "yaml", "markdown_it")
PYODIDE = Path("vendor") / "pyodide" / "pyodide.mjs"

_PROBE = """
import json, sys
for name in {unavailable!r}:
    sys.modules[name] = None  # importing it now fails, as in the browser
for name in {entry!r}:
    __import__(name)
print(json.dumps(sorted((name, module.__file__) for name, module in sys.modules.items()
                        if (name == "retention" or name.startswith("retention.")) and getattr(module, "__file__", None))))
"""


def calculator_modules() -> list[tuple[str, str]]:
    """(module name, file) of every project module the browser needs, found by importing the entry
    modules in a fresh interpreter where pandas, numpy, ipywidgets… cannot be imported."""
    probe = _PROBE.format(unavailable=UNAVAILABLE, entry=ENTRY_MODULES)
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if run.returncode != 0:
        raise ExtensionError(
            "the calculators' answer modules must import with the standard library alone (the browser has no "
            f"{', '.join(UNAVAILABLE)}); move that import into the function that needs it:\n{run.stderr.strip()}"
        )
    return [tuple(pair) for pair in json.loads(run.stdout)]


def write_archive(target: Path) -> list[str]:
    """Zip the calculator modules under their package paths (``retention/ui/…``); return their names."""
    modules = calculator_modules()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, file in modules:
            inner = name.replace(".", "/") + ("/__init__.py" if file.endswith("__init__.py") else ".py")
            info = zipfile.ZipInfo(inner, date_time=(2026, 1, 1, 0, 0, 0))  # same bytes on every build
            archive.writestr(info, Path(file).read_bytes(), zipfile.ZIP_DEFLATED)
    return [name for name, _ in modules]


def drop_widget_scripts(app, doctree) -> None:
    """Remove the ipywidgets state and manager scripts myst-nb registered for this page."""
    metadata = getattr(app.env, "nb_metadata", {}).get(app.env.docname, {})
    js_files = metadata.get("js_files", {})
    for key in [key for key in js_files if key.startswith("ipywidgets")]:
        del js_files[key]


def add_calculator_files(app, pagename, templatename, context, doctree) -> None:
    """Only pages that show a calculator load its script and style."""
    if MARKER in context.get("body", ""):
        app.add_js_file("calculator.js", loading_method="defer")
        app.add_css_file("calculator.css")
        app.env.calculator_pages = getattr(app.env, "calculator_pages", set()) | {pagename}


def finish(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    write_archive(outdir / "_static" / ARCHIVE)
    if getattr(app.env, "calculator_pages", None) and not (outdir / PYODIDE).is_file():
        raise ExtensionError(f"{outdir / PYODIDE} is missing: run scripts/vendor_assets.sh (make setup does)")


def setup(app):
    app.connect("doctree-read", drop_widget_scripts)
    app.connect("html-page-context", add_calculator_files)
    app.connect("build-finished", finish)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": False}
