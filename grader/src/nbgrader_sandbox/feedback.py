"""Make nbgrader's HTML feedback readable offline.

``nbgrader generate_feedback`` writes HTML that loads MathJax 2 from cdnjs. The assignments write
formulas as plain text (no LaTeX), so nothing is lost by removing the remote script; if a notebook
does contain math, the page still shows the TeX source. Run after generate_feedback (the CLI's
``feedback`` command does).
"""

from __future__ import annotations

import re
from pathlib import Path

REMOTE_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*', re.I)
REMOTE_CSS = re.compile(r'<link[^>]*\bhref="https?://[^"]*"[^>]*>\s*', re.I)


def offline_html(html: str) -> str:
    """The page without <script src="http..."> and <link href="http..."> tags."""
    html = REMOTE_SCRIPT.sub("<!-- remote script removed for offline use -->\n", html)
    return REMOTE_CSS.sub("", html)


def make_offline(folder: Path) -> int:
    """Rewrite every feedback HTML file under ``folder``; return how many changed."""
    changed = 0
    for path in Path(folder).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new = offline_html(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
