"""Calculators for the relationship lessons: selling chances and referrals, with bilingual labels.

The widgets only collect inputs; every answer is computed by :mod:`retention.relationships`.
"""

from __future__ import annotations

import ipywidgets as widgets

from retention import relationships as rel
from retention.i18n import bi
from retention.widgets import Calculator, result_table, slider


def selling_html(lost_customers: float, p_new: float, p_existing: float) -> str:
    """Sales lost with ``lost_customers`` existing customers, and the new prospects needed to replace them."""
    lost_sales = rel.expected_sales(lost_customers, p_existing)
    needed = rel.prospects_needed(lost_customers, p_new, p_existing)
    return result_table(
        [
            ("Sales they would have made", "他们本会带来的成交", f"{lost_sales:,.0f}"),
            ("New prospects needed for the same sales", "要达到同样成交需要接触的新客户", f"{needed:,}"),
        ]
    )


def selling_calculator(lost_customers: int = 100, p_new: float = rel.P_NEW, p_existing: float = rel.P_EXISTING) -> Calculator:
    """Replace the sales of lost existing customers with new prospects; starts from the 15% vs 50% figure."""
    return Calculator(
        bi("Selling-chance calculator", "成交概率计算器"),
        {
            "lost_customers": slider(widgets.IntSlider, "Existing customers lost", "流失的老客户数", lost_customers, 0, 2000, 10),
            "p_new": slider(widgets.FloatSlider, "Chance of selling to a new prospect", "向新客户成交的概率", p_new, 0.01, 1, 0.01, ".0%"),
            "p_existing": slider(
                widgets.FloatSlider, "Chance of selling to an existing customer", "向老客户成交的概率", p_existing, 0, 1, 0.01, ".0%"
            ),
        },
        selling_html,
    )


def referral_html(new_customers: float, referral_share: float, referral_change: float, acquisition_multiple: float) -> str:
    """The referral calculator's answer: referred customers before and after, and what replacing the loss costs."""
    s = rel.referral_scenario(new_customers, referral_share, referral_change, acquisition_multiple)
    return result_table(
        [
            ("New customers by referral now", "目前通过推荐获得的新客户", f"{s.referred:,.0f}"),
            ("By referral after the change", "变化后通过推荐获得的新客户", f"{s.referred_after:,.0f}"),
            ("Referrals lost (negative = gained)", "减少的推荐客户（负数表示增加）", f"{s.referrals_lost:,.0f}"),
            ("Cost of replacing them (negative = saving)", "用付费渠道补足的成本（负数表示节省）", f"{s.replacement_cost:,.0f}n"),
        ]
    )


def referral_calculator(
    new_customers: int = 500,
    referral_share: float = rel.REFERRAL_SHARE,
    referral_change: float = -0.5,
    acquisition_multiple: float = 5,
) -> Calculator:
    """What a change in referrals costs or saves; starts from 500 new customers a year, 60% by referral, referrals halved."""
    return Calculator(
        bi("Referral calculator", "客户推荐计算器"),
        {
            "new_customers": slider(widgets.IntSlider, "New customers a year", "每年新客户数", new_customers, 0, 5000, 50),
            "referral_share": slider(widgets.FloatSlider, "Share by referral", "推荐来源占比", referral_share, 0, 1, 0.05, ".0%"),
            "referral_change": slider(
                widgets.FloatSlider, "Change in referrals", "推荐数量的变化", referral_change, -1, 1, 0.05, "+.0%"
            ),
            "acquisition_multiple": slider(
                widgets.FloatSlider, "Acquisition cost (× n)", "获客成本（n 的倍数）", acquisition_multiple, 3, 10, 0.5
            ),
        },
        referral_html,
    )
