"""The course's calculators (ipywidgets), one per money question a lesson asks, all in both languages.

Each is a :class:`~retention.ui.calculator.Calculator`: its answer function (``*_html``) calls the
package's tested formulas and is itself tested, so what a student reads is what the package computes.
"""

from __future__ import annotations

import ipywidgets as widgets

from retention import (
    P_EXISTING,
    P_NEW,
    REFERRAL_SHARE,
    agents_needed,
    churn_cost,
    complaint_mix,
    discounted_clv,
    expected_sales,
    lifetime_value,
    lognormal_sigma_for_share,
    lognormal_top_share,
    profit_impact_of_retention,
    prospects_needed,
    referral_scenario,
    service_level,
)
from retention.bilingual import bi
from retention.ui.calculator import Calculator, money, result_sentence, result_table, slider

# --- lifetime value and the cost of churn ----------------------------------------------------


def ltv_result_html(order_value: float, orders_per_year: float, years: float) -> str:
    """The LTV calculator's answer, in both languages."""
    ltv = lifetime_value(order_value, orders_per_year, years)
    return result_sentence(f"Lifetime value: <b>{money(ltv, 2)}</b>", f"客户终身价值：<b>{money(ltv, 2)}</b>")


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


def churn_cost_html(customers: float, churn_rate: float, acquisition_multiple: float) -> str:
    """The churn-cost calculator's answer: the seed's table for the chosen inputs, in both languages."""
    cost = churn_cost(customers, churn_rate, acquisition_multiple)
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


# --- selling chances and referrals ----------------------------------------------------------------


def selling_html(lost_customers: float, p_new: float, p_existing: float) -> str:
    """Sales lost with ``lost_customers`` existing customers, and the new prospects needed to replace them."""
    lost_sales = expected_sales(lost_customers, p_existing)
    needed = prospects_needed(lost_customers, p_new, p_existing)
    return result_table(
        [
            ("Sales they would have made", "他们本会带来的成交", f"{lost_sales:,.0f}"),
            ("New prospects needed for the same sales", "要达到同样成交需要接触的新客户", f"{needed:,}"),
        ]
    )


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


def referral_html(new_customers: float, referral_share: float, referral_change: float, acquisition_multiple: float) -> str:
    """The referral calculator's answer: referred customers before and after, and what replacing the loss costs."""
    s = referral_scenario(new_customers, referral_share, referral_change, acquisition_multiple)
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


def complaint_value_html(complaints: float, customer_value: float, quick_share: float, slow_share: float) -> str:
    """Customers and value kept by a complaint desk; a share above 100% in total is reported, not raised."""
    if quick_share + slow_share > 1:
        return result_sentence("The two shares add up to more than 100%: lower one of them.", "两个比例之和超过了 100%，请调低其中一个。")
    mix = complaint_mix(complaints, customer_value, quick_share, slow_share)
    return result_table(
        [
            ("Complaints not resolved", "未解决的投诉比例", f"{mix.unresolved_share:.0%}"),
            ("Complainers who buy again", "再次购买的投诉客户", f"{mix.customers_kept:,.0f}"),
            ("Value kept", "保留的客户价值", money(mix.value_kept)),
            ("Gain over resolving nothing", "相比一件都不解决多保留的价值", money(mix.gain_over_no_resolution)),
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
                widgets.FloatSlider, "Share resolved, not quickly", "已解决但不及时的比例", slow_share, 0, 1, 0.05, ".0%"
            ),
        },
        complaint_value_html,
    )


# --- retention and profit -------------------------------------------------------------------------


def retention_profit_html(margin: float, retention: float, change: float, discount: float) -> str:
    """Discounted lifetime value before and after a change in retention, and the relative change."""
    top = min(max(retention + change, 0.0), 0.99)  # keep the new rate a rate
    change = top - retention
    before = discounted_clv(margin, retention, discount)
    after = discounted_clv(margin, top, discount)
    return result_table(
        [
            ("Lifetime value now", "目前的客户终身价值", money(before)),
            ("Lifetime value after the change", "留存率变化后的客户终身价值", money(after)),
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


# --- the Pareto share -----------------------------------------------------------------------------


def pareto_html(sigma: float, top: float) -> str:
    """Share of profit from the top ``top`` of customers for a log-normal spread ``sigma``."""
    share = lognormal_top_share(sigma, top)
    return result_table(
        [
            ("Top customers", "最好的客户", f"{top:.0%}"),
            ("Their share of profit", "他们贡献的利润占比", f"{share:.1%}"),
        ]
    )


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


def staffing_html(per_hour: float, handle_minutes: float, target_minutes: float, target_share: float) -> str:
    """Agents needed online for a first-response target, and the service level they reach."""
    agents = agents_needed(per_hour, handle_minutes, target_minutes, target_share)
    level = service_level(agents, per_hour, handle_minutes, target_minutes) if agents else 1.0
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
