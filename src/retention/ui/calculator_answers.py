"""The calculators' answers as bilingual HTML, each from the package's tested formulas.

Standard library only (no ipywidgets, pandas or numpy), so the same functions answer in JupyterLab
(through :class:`~retention.ui.calculator.Calculator`) and in the static book, where the browser runs
them in Pyodide: one source for every number a reader sees.
"""

from __future__ import annotations

from retention.acquisition import churn_cost, expected_sales, prospects_needed, referral_scenario
from retention.bilingual import SEPARATOR
from retention.complaints import complaint_mix
from retention.concentration import lognormal_top_share
from retention.marketing import campaign_roi
from retention.service_desk import agents_needed, service_level
from retention.value import discounted_clv, lifetime_value, profit_impact_of_retention

#: The separator between the two languages, in a span the book hides when a reader picks one language.
_SEP = f'<span class="bi-sep">{SEPARATOR}</span>'


def money(amount: float, decimals: int = 0) -> str:
    """An amount in pounds sterling as readers write it: ``£1,234`` (or ``£1,234.50`` with 2 decimals)."""
    return f"£{amount:,.{decimals}f}"


def result_table(rows) -> str:
    """A calculator's answer as a two-column table: (English label, Chinese label, value) per row."""
    body = "".join(
        f'<tr><td><span lang="en">{en}</span>{_SEP}<span lang="zh-Hans">{zh}</span></td>'
        f'<td style="text-align:right">{value}</td></tr>'
        for en, zh, value in rows
    )
    return f"<table>{body}</table>"


def result_sentence(en: str, zh: str) -> str:
    """A calculator's answer (or warning) as one bilingual sentence."""
    return f'<p><span lang="en">{en}</span>{_SEP}<span lang="zh-Hans">{zh}</span></p>'


def ltv_result_html(order_value: float, orders_per_year: float, years: float) -> str:
    """The LTV calculator's answer, in both languages."""
    ltv = lifetime_value(order_value, orders_per_year, years)
    return result_sentence(f"Lifetime value: <b>{money(ltv, 2)}</b>", f"客户终身价值：<b>{money(ltv, 2)}</b>")


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


def pareto_html(sigma: float, top: float) -> str:
    """Share of profit from the top ``top`` of customers for a log-normal spread ``sigma``."""
    share = lognormal_top_share(sigma, top)
    return result_table(
        [
            ("Top customers", "最好的客户", f"{top:.0%}"),
            ("Their share of profit", "他们贡献的利润占比", f"{share:.1%}"),
        ]
    )


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



def campaign_html(contacts: float, response_rate: float, baseline_rate: float, margin_per_order: float,
                  cost_per_contact: float, incentive_per_order: float) -> str:
    """Return on a campaign to one segment (:func:`retention.marketing.campaign_roi`); impossible inputs are reported."""
    try:
        result = campaign_roi(contacts, response_rate, baseline_rate, margin_per_order, cost_per_contact,
                              incentive_per_order)
    except ValueError as err:
        return result_sentence(f"Cannot compute: {err}", "无法计算：请检查输入（激励不能高于每单利润，成本不能为零）。")
    return result_table(
        [
            ("Extra orders the campaign brings", "活动带来的额外订单", f"{result.extra_orders:,.0f}"),
            ("Extra margin", "额外利润", money(result.extra_margin)),
            ("Cost (contacts and incentives)", "成本（联系费用和激励）", money(result.cost)),
            ("Net gain", "净收益", money(result.net)),
            ("Return on investment", "投资回报率", f"{result.roi:.0%}"),
        ]
    )
