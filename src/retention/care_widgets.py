"""Calculators and charts for the care-economics lessons: complaint value, retention and profit, the
Pareto share and staffing a cross-border service desk, all with bilingual labels.

The widgets only collect inputs; every answer is computed by :mod:`retention.care_economics` and
:mod:`retention.economics`.
"""

from __future__ import annotations

import ipywidgets as widgets

from retention import care_economics as care
from retention.economics import discounted_clv, profit_impact_of_retention
from retention.i18n import bi, bi_lines
from retention.plotting import title, use_cjk_font
from retention.widgets import Calculator, result_table, slider


def _money(amount: float) -> str:
    return f"£{amount:,.0f}"


# --- complaint value ------------------------------------------------------------------------


def complaint_value_html(complaints: float, customer_value: float, quick_share: float, slow_share: float) -> str:
    """Customers and value kept by a complaint desk; a share above 100% in total is reported, not raised."""
    if quick_share + slow_share > 1:
        return (
            '<p><span lang="en">The two shares add up to more than 100%: lower one of them.</span> · '
            '<span lang="zh-Hans">两个比例之和超过了 100%，请调低其中一个。</span></p>'
        )
    mix = care.complaint_mix(complaints, customer_value, quick_share, slow_share)
    return result_table(
        [
            ("Complaints not resolved", "未解决的投诉比例", f"{mix.unresolved_share:.0%}"),
            ("Complainers who buy again", "再次购买的投诉客户", f"{mix.customers_kept:,.0f}"),
            ("Value kept", "保留的客户价值", _money(mix.value_kept)),
            ("Gain over resolving nothing", "相比一件都不解决多保留的价值", _money(mix.gain_over_no_resolution)),
        ]
    )


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
                widgets.FloatSlider, "Share resolved slowly", "解决但不及时的比例", slow_share, 0, 1, 0.05, ".0%"
            ),
        },
        complaint_value_html,
    )


# --- retention and profit -------------------------------------------------------------------


def retention_profit_html(margin: float, retention: float, change: float, discount: float) -> str:
    """Discounted lifetime value before and after a change in retention, and the relative change."""
    top = min(max(retention + change, 0.0), 0.99)  # keep the new rate a rate
    change = top - retention
    before = discounted_clv(margin, retention, discount)
    after = discounted_clv(margin, top, discount)
    return result_table(
        [
            ("Lifetime value now", "目前的客户终身价值", _money(before)),
            ("Lifetime value after the change", "留存率变化后的客户终身价值", _money(after)),
            ("Change in value", "价值变化", f"{profit_impact_of_retention(retention, change, discount):+.1%}"),
        ]
    )


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


# --- the Pareto share -----------------------------------------------------------------------


def pareto_html(sigma: float, top: float) -> str:
    """Share of profit from the top ``top`` of customers for a log-normal spread ``sigma``."""
    share = care.lognormal_top_share(sigma, top)
    return result_table(
        [
            ("Top customers", "最好的客户", f"{top:.0%}"),
            ("Their share of profit", "他们贡献的利润占比", f"{share:.1%}"),
        ]
    )


def pareto_calculator(sigma: float | None = None, top: float = 0.20) -> Calculator:
    """Share of profit from the top x% of customers; the spread starts where 20% bring 85%."""
    sigma = care.lognormal_sigma_for_share() if sigma is None else sigma
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


def pareto_chart(values, ax=None):
    """Cumulative share of profit against share of customers, best customers first, with the 20% mark."""
    import matplotlib.pyplot as plt
    import numpy as np

    use_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5), layout="constrained")
    ordered = np.sort(np.asarray(values, dtype=float))[::-1]
    customers = np.arange(0, ordered.size + 1) / ordered.size * 100
    profit = np.concatenate([[0], np.cumsum(ordered)]) / ordered.sum() * 100
    ax.plot(customers, profit, color="#4C78A8", label=bi_lines("Simulated customers", "模拟客户"))
    ax.plot([0, 100], [0, 100], color="grey", linestyle="--", label=bi_lines("Everyone equal", "人人相同"))
    share = care.top_share(values, 0.20) * 100
    ax.axvline(20, color="#F58518", linestyle=":")
    ax.annotate(f"{share:.0f}%", (20, share), xytext=(28, share - 12), arrowprops={"arrowstyle": "->"})
    title(ax, "Share of profit from the best customers", "最好的客户贡献的利润占比")
    ax.set_xlabel(bi_lines("Customers, best first (%)", "客户（按价值从高到低，%）"))
    ax.set_ylabel(bi_lines("Cumulative share of profit (%)", "累计利润占比（%）"))
    ax.legend(loc="lower right", fontsize="small")
    return ax


# --- staffing -------------------------------------------------------------------------------


def staffing_html(per_hour: float, handle_minutes: float, target_minutes: float, target_share: float) -> str:
    """Agents needed online for a first-response target, and the service level they reach."""
    agents = care.agents_needed(per_hour, handle_minutes, target_minutes, target_share)
    level = care.service_level(agents, per_hour, handle_minutes, target_minutes) if agents else 1.0
    return result_table(
        [
            ("Agents needed online", "需要在线的客服人数", f"{agents}"),
            ("Answered within the target", "在目标时间内首次响应的比例", f"{level:.1%}"),
        ]
    )


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
