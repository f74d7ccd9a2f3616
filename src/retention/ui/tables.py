"""Results shown to readers as bilingual tables, never as Python reprs.

:func:`key_figures` turns a few labelled results into a two-column table (the calculators' layout):
the lesson writes each label in both languages and formats each value as a reader writes it.
"""

from __future__ import annotations

from retention.bilingual import SEPARATOR
from retention.ui.calculator import result_table


class KeyFigures:
    """Labelled results: an HTML table in JupyterLab and the book, one line per result as plain text."""

    def __init__(self, rows):
        self.rows = [(str(en), str(zh), str(value)) for en, zh, value in rows]
        if not self.rows:
            raise ValueError("key_figures needs at least one (English, Chinese, value) row")

    def _repr_html_(self) -> str:
        return result_table(self.rows)

    def __repr__(self) -> str:
        return "\n".join(f"{en}{SEPARATOR}{zh}: {value}" for en, zh, value in self.rows)


def key_figures(*rows) -> KeyFigures:
    """Show results as ``(English label, Chinese label, formatted value)`` rows, e.g. ``("Net gain", "净收益", money(x))``."""
    return KeyFigures(rows)
