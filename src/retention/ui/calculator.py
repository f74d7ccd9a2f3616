"""The one calculator pattern: bilingual sliders, a compute function, and an answer recomputed on every move.

A calculator only collects inputs and shows the answer; the answer comes from a tested formula of
the package, so the widget and the lesson's tables can never disagree. JupyterLab shows the widget;
the static book shows the same calculator as an HTML form (:mod:`retention.ui.static_calculator`)
whose answers the browser computes with the same function.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from retention.bilingual import bi
from retention.ui.calculator_answers import money, result_sentence, result_table  # noqa: F401  (public here too)
from retention.ui.static_calculator import Control, form_html

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="32em")
_KINDS = {widgets.IntSlider: "int", widgets.FloatSlider: "float"}


def slider(kind, en: str, zh: str, value, lo, hi, step, fmt=None):
    """A slider whose label carries both languages."""
    options = dict(value=value, min=lo, max=hi, step=step, description=bi(en, zh), style=_STYLE, layout=_LAYOUT)
    if fmt:
        options["readout_format"] = fmt
    return kind(**options)


class Calculator(widgets.VBox):
    """Controls plus a result area that is recomputed by ``compute(**values)`` whenever a control moves."""

    def __init__(self, heading: str, controls: dict[str, widgets.ValueWidget], compute: Callable[..., str]):
        self.heading = heading
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

    def static_controls(self) -> list[Control]:
        """The sliders as plain descriptions, for the static book's form."""
        return [
            Control(name, _KINDS[type(w)], w.description, w.value, w.min, w.max, w.step, getattr(w, "readout_format", None))
            for name, w in self.controls.items()
        ]

    def _repr_mimebundle_(self, **kwargs):
        """The widget for JupyterLab, plus the static book's form as ``text/html`` (the book prefers it)."""
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = form_html(self.heading, self.static_controls(), self.compute, self.result.value)
        return bundle
