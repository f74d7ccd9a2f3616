"""The course's calculators (ipywidgets), one per money question a lesson asks, all in both languages.

Each is a :class:`~retention.ui.calculator.Calculator`: its answer function (``*_html``) calls the
package's tested formulas and is itself tested, so what a student reads is what the package computes.
"""

from __future__ import annotations

import ipywidgets as widgets

from retention import P_EXISTING, P_NEW, REFERRAL_SHARE, lognormal_sigma_for_share
from retention.bilingual import bi
from retention.ui.calculator import Calculator, slider
from retention.ui.calculator_answers import (  # noqa: F401  (the answers are part of this module's API)
    campaign_html,
    churn_cost_html,
    complaint_value_html,
    ltv_result_html,
    pareto_html,
    referral_html,
    retention_profit_html,
    selling_html,
    staffing_html,
)

# --- lifetime value and the cost of churn ----------------------------------------------------


def ltv_calculator(order_value: float = 10, orders_per_year: float = 10, years: float = 1) -> Calculator:
    """Lifetime value = order value x orders a year x years; start from the seed's £10 x 10 x 1."""
    return Calculator(
        bi("Lifetime value calculator", "客户终身价值计算器"),
        {
            "order_value": slider(widgets.FloatSlider, "Order value (£)", "订单金额（英镑）", order_value, 1, 100, 1),
            "orders_per_year": slider(widgets.FloatSlider, "Orders a year", "每年订单数", orders_per_year, 1, 50, 1),
            "years": slider(widgets.FloatSlider, "Years as a customer", "客户留下的年数", years, 0, 20, 1),
        },
        ltv_result_html,
    )


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


# --- selling chances and referrals ----------------------------------------------------------------


def selling_calculator(lost_customers: int = 100, p_new: float = P_NEW, p_existing: float = P_EXISTING) -> Calculator:
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


def referral_calculator(
    new_customers: int = 500,
    referral_share: float = REFERRAL_SHARE,
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


# --- complaints -----------------------------------------------------------------------------------


def complaint_value_calculator(
    complaints: int = 100, customer_value: float = 1000, quick_share: float = 0.5, slow_share: float = 0.3
) -> Calculator:
    """What resolving complaints is worth: move the shares resolved quickly and slowly."""
    return Calculator(
        bi("What resolving complaints is worth", "解决投诉的价值"),
        {
            "complaints": slider(widgets.IntSlider, "Complaints a year", "每年投诉数", complaints, 0, 2000, 10),
            "customer_value": slider(
                widgets.FloatSlider, "Value of a customer (£)", "每位客户的价值（英镑）", customer_value, 0, 5000, 50
            ),
            "quick_share": slider(
                widgets.FloatSlider, "Share resolved quickly", "迅速解决的比例", quick_share, 0, 1, 0.05, ".0%"
            ),
            "slow_share": slider(
                widgets.FloatSlider, "Share resolved, not quickly", "已解决但不及时的比例", slow_share, 0, 1, 0.05, ".0%"
            ),
        },
        complaint_value_html,
    )


# --- retention and profit -------------------------------------------------------------------------


def retention_profit_calculator(
    margin: float = 100, retention: float = 0.80, change: float = 0.05, discount: float = 0.10
) -> Calculator:
    """Discounted CLV = margin × r / (1 + d − r); start from 80% retention raised by 5 points."""
    return Calculator(
        bi("Retention and profit calculator", "留存率与利润计算器"),
        {
            "margin": slider(widgets.FloatSlider, "Yearly margin per customer (£)", "每位客户每年的利润（英镑）", margin, 10, 1000, 10),
            "retention": slider(widgets.FloatSlider, "Yearly retention", "年度留存率", retention, 0.05, 0.95, 0.01, ".0%"),
            "change": slider(widgets.FloatSlider, "Change in retention", "留存率变化", change, -0.05, 0.10, 0.01, "+.0%"),
            "discount": slider(widgets.FloatSlider, "Discount rate", "折现率", discount, 0, 0.3, 0.01, ".0%"),
        },
        retention_profit_html,
    )


# --- the Pareto share -----------------------------------------------------------------------------


def pareto_calculator(sigma: float | None = None, top: float = 0.20) -> Calculator:
    """Share of profit from the top x% of customers; the spread starts where 20% bring 85%."""
    sigma = lognormal_sigma_for_share() if sigma is None else sigma
    return Calculator(
        bi("Pareto share calculator", "帕累托占比计算器"),
        {
            "sigma": slider(
                widgets.FloatSlider, "Spread of customer values (σ)", "客户价值的离散程度（σ）", round(sigma, 2), 0, 3, 0.01, ".2f"
            ),
            "top": slider(widgets.FloatSlider, "Top share of customers", "最好客户所占比例", top, 0.01, 0.99, 0.01, ".0%"),
        },
        pareto_html,
    )


# --- staffing -------------------------------------------------------------------------------------


def staffing_calculator(
    per_hour: int = 90, handle_minutes: float = 6, target_minutes: float = 2, target_share: float = 0.80
) -> Calculator:
    """Agents online for a chat volume and a first-response target (Erlang C); starts from the Europe window."""
    return Calculator(
        bi("Staffing calculator", "客服排班计算器"),
        {
            "per_hour": slider(widgets.IntSlider, "Chats per hour", "每小时会话数", per_hour, 0, 400, 5),
            "handle_minutes": slider(widgets.FloatSlider, "Minutes per chat", "每次会话分钟数", handle_minutes, 1, 30, 0.5),
            "target_minutes": slider(
                widgets.FloatSlider, "First-response target (minutes)", "首次响应时间目标（分钟）", target_minutes, 0, 30, 0.5
            ),
            "target_share": slider(
                widgets.FloatSlider, "Share to meet the target", "需达标的比例", target_share, 0.5, 0.99, 0.01, ".0%"
            ),
        },
        staffing_html,
    )


# --- precision marketing --------------------------------------------------------------------------


def campaign_calculator(
    contacts: int = 500,
    response_rate: float = 0.12,
    baseline_rate: float = 0.05,
    margin_per_order: float = 40,
    cost_per_contact: float = 0.5,
    incentive_per_order: float = 5,
) -> Calculator:
    """Return on a campaign to one segment; starts from lesson 33's assumption (500 contacts, 12% vs 5%, £40, £0.50, £5)."""
    return Calculator(
        bi("Campaign return", "营销活动回报"),
        {
            "contacts": slider(widgets.IntSlider, "Customers contacted", "联系的客户数", contacts, 0, 5000, 50),
            "response_rate": slider(
                widgets.FloatSlider, "Buy with the campaign", "有活动时的购买率", response_rate, 0, 1, 0.01, ".0%"
            ),
            "baseline_rate": slider(
                widgets.FloatSlider, "Would buy anyway", "没有活动也会购买的比例", baseline_rate, 0, 1, 0.01, ".0%"
            ),
            "margin_per_order": slider(
                widgets.FloatSlider, "Margin per order (£)", "每单利润（英镑）", margin_per_order, 0, 200, 5
            ),
            "cost_per_contact": slider(
                widgets.FloatSlider, "Cost per contact (£)", "每次联系的成本（英镑）", cost_per_contact, 0, 10, 0.1
            ),
            "incentive_per_order": slider(
                widgets.FloatSlider, "Incentive per order (£)", "每单激励（英镑）", incentive_per_order, 0, 50, 1
            ),
        },
        campaign_html,
    )
