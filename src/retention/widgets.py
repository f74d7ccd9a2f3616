"""Interactive calculators (ipywidgets) for the money side of retention, with bilingual labels.

Each calculator recomputes with the tested formulas of :mod:`retention.economics`; the widget only
collects inputs and shows the answer.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from retention import economics
from retention.i18n import bi

_STYLE = {"description_width": "initial"}
_LAYOUT = widgets.Layout(width="32em")


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
        f'<tr><td><span lang="en">{en}</span> · <span lang="zh-Hans">{zh}</span></td>'
        f'<td style="text-align:right">{value}</td></tr>'
        for en, zh, value in rows
    )
    return f"<table>{body}</table>"


def _money(amount: float) -> str:
    return f"£{amount:,.2f}"


def ltv_result_html(order_value: float, orders_per_year: float, years: float) -> str:
    """The LTV calculator's answer, in both languages."""
    ltv = economics.lifetime_value(order_value, orders_per_year, years)
    return (
        f'<p><span lang="en">Lifetime value: <b>{_money(ltv)}</b></span> · '
        f'<span lang="zh-Hans">客户终身价值：<b>{_money(ltv)}</b></span></p>'
    )


def ltv_calculator(order_value: float = 10, orders_per_year: float = 10, years: float = 1) -> Calculator:
    """Lifetime value = order value x orders a year x years; start from the seed's £10 x 10 x 1."""
    return Calculator(
        bi("Lifetime value calculator", "客户终身价值计算器"),
        {
            "order_value": slider(widgets.FloatSlider, "Order value (£)", "订单金额（英镑）", order_value, 1, 100, 1),
            "orders_per_year": slider(widgets.FloatSlider, "Orders a year", "每年订单数", orders_per_year, 1, 50, 1),
            "years": slider(widgets.FloatSlider, "Years as a customer", "客户留存年数", years, 0, 20, 1),
        },
        ltv_result_html,
    )


def churn_cost_html(customers: float, churn_rate: float, acquisition_multiple: float) -> str:
    """The churn-cost calculator's answer: the seed's table for the chosen inputs, in both languages."""
    cost = economics.churn_cost(customers, churn_rate, acquisition_multiple)
    rows = [
        ("New customers needed", "需要补充的新客户", f"{cost.new_customers:,.0f}"),
        ("Cost of winning them", "获取新客户的成本", f"{cost.acquisition_cost:,.0f}n"),
        ("Cost of keeping the rest", "维系其余老客户的成本", f"{cost.retention_cost:,.0f}n"),
        ("Total", "合计", f"{cost.total_cost:,.0f}n"),
    ]
    return result_table(rows)


def churn_cost_calculator(
    customers: int = 1000, churn_rate: float = 0.10, acquisition_multiple: float = 5
) -> Calculator:
    """Yearly cost (in n) of holding a customer base steady; start from the seed's 1,000 customers, 10% churn, 5n."""
    return Calculator(
        bi("Cost of churn calculator", "客户流失成本计算器"),
        {
            "customers": slider(widgets.IntSlider, "Customers", "客户数", customers, 100, 10000, 100),
            "churn_rate": slider(widgets.FloatSlider, "Churn rate", "流失率", churn_rate, 0, 0.5, 0.01, ".0%"),
            "acquisition_multiple": slider(
                widgets.FloatSlider, "Acquisition cost (× n)", "获客成本（n 的倍数）", acquisition_multiple, 3, 10, 0.5
            ),
        },
        churn_cost_html,
    )
