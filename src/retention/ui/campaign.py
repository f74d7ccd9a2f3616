"""The campaign calculator: return on a precision-marketing campaign, from :func:`retention.marketing.campaign_roi`."""

from __future__ import annotations

import ipywidgets as widgets

from retention.marketing import campaign_roi
from retention.ui.calculator import Calculator, money, result_sentence, result_table, slider


def campaign_html(contacts: float, response_rate: float, baseline_rate: float, margin_per_order: float,
                  cost_per_contact: float, incentive_per_order: float) -> str:
    """The calculator's bilingual answer for one setting of its sliders."""
    try:
        result = campaign_roi(contacts, response_rate, baseline_rate, margin_per_order, cost_per_contact,
                              incentive_per_order)
    except ValueError as err:
        return result_sentence(f"Cannot compute: {err}", "无法计算：请检查输入（激励不能高于每单利润，成本不能为零）。")
    return result_table([
        ("Extra orders the campaign brings", "活动带来的额外订单", f"{result.extra_orders:,.0f}"),
        ("Extra margin", "额外利润", money(result.extra_margin)),
        ("Cost (contacts and incentives)", "成本（联系费用和激励）", money(result.cost)),
        ("Net gain", "净收益", money(result.net)),
        ("Return on investment", "投资回报率", f"{result.roi:.0%}"),
    ])


def campaign_calculator(contacts: int = 500, response_rate: float = 0.12, baseline_rate: float = 0.05,
                        margin_per_order: float = 40, cost_per_contact: float = 0.5,
                        incentive_per_order: float = 5) -> Calculator:
    """Sliders for a campaign to one segment; the answer is :func:`campaign_html`."""
    controls = {
        "contacts": slider(widgets.IntSlider, "Customers contacted", "联系的客户数", contacts, 0, 5000, 50),
        "response_rate": slider(widgets.FloatSlider, "Buy with the campaign", "有活动时的购买率", response_rate, 0, 1, 0.01, ".0%"),
        "baseline_rate": slider(widgets.FloatSlider, "Would buy anyway", "没有活动也会购买的比例", baseline_rate, 0, 1, 0.01, ".0%"),
        "margin_per_order": slider(widgets.FloatSlider, "Margin per order (£)", "每单利润（英镑）", margin_per_order, 0, 200, 5),
        "cost_per_contact": slider(widgets.FloatSlider, "Cost per contact (£)", "每次联系的成本（英镑）", cost_per_contact, 0, 10, 0.1),
        "incentive_per_order": slider(widgets.FloatSlider, "Incentive per order (£)", "每单激励（英镑）", incentive_per_order, 0, 50, 1),
    }
    return Calculator("Campaign return · 营销活动回报", controls, campaign_html)
