"""The one calculator pattern: bilingual sliders, a compute function, and an answer recomputed on every move.

A calculator only collects inputs and shows the answer; the answer comes from a tested formula of
the package, so the widget and the lesson's tables can never disagree.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from retention.bilingual import SEPARATOR, bi

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="32em")


def money(amount: float, decimals: int = 0) -> str:
    """An amount in pounds sterling as readers write it: ``£1,234`` (or ``£1,234.50`` with 2 decimals)."""
    return f"£{amount:,.{decimals}f}"


def slider(kind, en: str, zh: str, value, lo, hi, step, fmt=None):
    """A slider whose label carries both languages."""
    options = dict(value=value, min=lo, max=hi, step=step, description=bi(en, zh), style=_STYLE, layout=_LAYOUT)
    if fmt:
        options["readout_format"] = fmt
    return kind(**options)


class Calculator(widgets.VBox):
    """Controls plus a result area that is recomputed by ``compute(**values)`` whenever a control moves."""

    def __init__(self, heading: str, controls: dict[str, widgets.ValueWidget], compute: Callable[..., str]):
        self.controls = controls
        self.compute = compute
        self.result = widgets.HTML()
        super().__init__([widgets.HTML(f"<b>{heading}</b>"), *controls.values(), self.result])
        for control in controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def refresh(self, _change=None) -> None:
        self.result.value = self.compute(**self.values)


def result_table(rows) -> str:
    """A calculator's answer as a two-column table: (English label, Chinese label, value) per row."""
    body = "".join(
        f'<tr><td><span lang="en">{en}</span>{SEPARATOR}<span lang="zh-Hans">{zh}</span></td>'
        f'<td style="text-align:right">{value}</td></tr>'
        for en, zh, value in rows
    )
    return f"<table>{body}</table>"


def result_sentence(en: str, zh: str) -> str:
    """A calculator's answer (or warning) as one bilingual sentence."""
    return f'<p><span lang="en">{en}</span>{SEPARATOR}<span lang="zh-Hans">{zh}</span></p>'
