"""A calculator as a plain HTML form for the static book, and the one entry point that answers it there.

The form is written at build time from the same controls and answer function as the JupyterLab
widget, with the build-time answer already in it; the book's ``calculator.js`` sends the inputs to
:func:`answer` running in Pyodide. Standard library only, like the answers themselves.
"""

from __future__ import annotations

import html
import importlib
import itertools
from dataclasses import dataclass
from decimal import Decimal

from retention.bilingual import SEPARATOR, split

KINDS = {"int": int, "float": float}
_FORM_IDS = itertools.count(1)


@dataclass(frozen=True)
class Control:
    """One input: its argument name, kind (``int``/``float``), bilingual label, value, range, step, readout format."""

    name: str
    kind: str
    label: str
    value: float
    lo: float
    hi: float
    step: float
    fmt: str | None = None

    @property
    def scale(self) -> int:
        """Shares (a ``%`` readout) are typed as percentages: 10 for 0.10."""
        return 100 if self.fmt and self.fmt.endswith("%") else 1

    @property
    def decimals(self) -> int:
        """Decimals of the typed number, from the step in the units the reader types."""
        return max(0, -(Decimal(repr(self.step)) * self.scale).normalize().as_tuple().exponent)

    def shown(self, value: float) -> str:
        """A value in the units the reader types (percentages for shares), without binary noise."""
        return f"{value * self.scale:.{self.decimals}f}"


def _bilingual(label: str) -> str:
    """``English · 中文`` as two ``lang`` spans, which the book's language switch shows or hides."""
    halves = split(label)
    if halves is None:
        raise ValueError(f"a calculator label needs both languages as 'English · 中文', got {label!r}")
    en, zh = (html.escape(half) for half in halves)
    return f'<span lang="en">{en}</span><span class="bi-sep">{SEPARATOR}</span><span lang="zh-Hans">{zh}</span>'


def compute_path(compute) -> str:
    """``module:function`` of an answer function, which the browser imports by that name."""
    return f"{compute.__module__}:{compute.__qualname__}"


def form_html(heading: str, controls: list[Control], compute, answer_html: str) -> str:
    """The calculator as a form: a labelled range and number input per control, the answer already computed."""
    form = f"calc{next(_FORM_IDS)}"
    rows = []
    for c in controls:
        field = f"{form}-{c.name}"
        limits = f'min="{c.shown(c.lo)}" max="{c.shown(c.hi)}" step="{c.shown(c.step)}" value="{c.shown(c.value)}"'
        unit = '<span class="calc-unit">%</span>' if c.scale == 100 else ""
        rows.append(
            f'<div class="calc-control" data-name="{c.name}" data-kind="{c.kind}" data-scale="{c.scale}">'
            f'<label id="{field}-label" for="{field}">{_bilingual(c.label)}</label>'
            f'<input type="range" id="{field}" {limits}>'
            f'<input type="number" aria-labelledby="{field}-label" {limits} required>{unit}</div>'
        )
    return (
        f'<form class="retention-calculator" data-compute="{html.escape(compute_path(compute))}" '
        f'aria-labelledby="{form}-heading" novalidate>'
        f'<p class="calc-heading" id="{form}-heading"><b>{_bilingual(heading)}</b></p>{"".join(rows)}'
        f'<p class="calc-status" role="status" aria-live="polite"></p>'
        f'<div class="calc-result" aria-live="polite">{answer_html}</div></form>'
    )


def answer(path: str, fields: dict[str, tuple[str, str]]) -> str:
    """The answer for a form's inputs: ``fields`` maps each argument to (kind, text), as the form sends them."""
    module, _, name = path.partition(":")
    if not module.startswith("retention.") or not name.isidentifier():
        raise ValueError(f"not a calculator answer function: {path!r}")
    compute = getattr(importlib.import_module(module), name)
    values = {}
    for argument, (kind, text) in fields.items():
        if kind not in KINDS:
            raise ValueError(f"{argument}: unknown kind {kind!r}, expected one of {sorted(KINDS)}")
        try:
            values[argument] = KINDS[kind](text)
        except ValueError:
            wanted = "a whole number" if kind == "int" else "a number"
            raise ValueError(f"{argument} must be {wanted}, got {text!r}") from None
    return compute(**values)
