"""Customer-care economics beyond the basics: complaint handling, retention and profit, the Pareto
share, staffing a cross-border service desk, training value and cross-border returns.

The lessons "Complaints and dispute resolution", "The economics of customer care", "Service teams,
training and incentives" and "Case studies" compute every number with these functions. They build on
:mod:`retention.economics`; the repurchase rates by complaint outcome and the 20% → 85% Pareto
share are commonly cited industry figures (:mod:`retention.figures`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from retention.economics import (
    COMPLAINT_OUTCOMES,
    _number,
    churn_cost,
    discounted_clv,
    profit_impact_of_retention,
)

_NORMAL = NormalDist()


def _clean(x: float) -> float:
    """Round away binary noise (0.82 - 0.19 = 0.6299999999999999) so tables show the expected numbers."""
    return round(x, 9)


def _fraction(name: str, value) -> float:
    """A share strictly between 0 and 1 (exclusive), e.g. 'the top 20% of customers'."""
    value = _number(name, value, minimum=0, maximum=1)
    if value in (0.0, 1.0):
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {value!r}")
    return value


# --- complaints -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintMix:
    """What happens to ``complaints`` customers when a share is resolved quickly, a share resolved slowly
    and the rest not at all; money in the same unit as ``customer_value``."""

    complaints: float
    quick_share: float
    slow_share: float
    customer_value: float

    @property
    def unresolved_share(self) -> float:
        return _clean(1 - self.quick_share - self.slow_share)

    @property
    def customers_kept(self) -> float:
        """Expected customers who buy again, using the repurchase rate of each outcome."""
        rates = {k: v["repurchase"] for k, v in COMPLAINT_OUTCOMES.items()}
        return _clean(
            self.complaints
            * (
                self.quick_share * rates["resolved_quickly"]
                + self.slow_share * rates["resolved"]
                + self.unresolved_share * rates["unresolved"]
            )
        )

    @property
    def value_kept(self) -> float:
        return _clean(self.customers_kept * self.customer_value)

    @property
    def gain_over_no_resolution(self) -> float:
        """Value kept beyond what the shop keeps if it resolves none of the complaints."""
        baseline = self.complaints * COMPLAINT_OUTCOMES["unresolved"]["repurchase"] * self.customer_value
        return _clean(self.value_kept - baseline)


def complaint_mix(complaints: float, customer_value: float, quick_share: float, slow_share: float) -> ComplaintMix:
    """Outcome of a complaint desk that resolves ``quick_share`` quickly and ``slow_share`` slowly (the rest: never)."""
    complaints = _number("complaints", complaints, minimum=0)
    customer_value = _number("customer_value", customer_value, minimum=0)
    quick_share = _number("quick_share", quick_share, minimum=0, maximum=1)
    slow_share = _number("slow_share", slow_share, minimum=0, maximum=1)
    if quick_share + slow_share > 1 + 1e-12:
        raise ValueError(
            f"quick_share + slow_share must be at most 1, got {quick_share!r} + {slow_share!r} = {quick_share + slow_share!r}"
        )
    return ComplaintMix(complaints, quick_share, slow_share, customer_value)


def complaint_value_table(complaints: float = 100, customer_value: float = 1000) -> pd.DataFrame:
    """For each complaint outcome: customers who buy again out of ``complaints``, and the value they keep."""
    complaints = _number("complaints", complaints, minimum=0)
    customer_value = _number("customer_value", customer_value, minimum=0)
    rows = []
    for key, info in COMPLAINT_OUTCOMES.items():
        kept = _clean(complaints * info["repurchase"])
        rows.append(
            {
                "outcome · 处理结果": f"{info['en']} · {info['zh']}",
                "buy again · 复购率": info["repurchase"],
                "customers kept · 留住的客户": kept,
                "value kept · 保留的价值": _clean(kept * customer_value),
            }
        )
    return pd.DataFrame(rows)


def silent_loss(unhappy: float, complain_share: float, customer_value: float) -> float:
    """Value lost among unhappy customers who never complain (only 9% of them buy again): the loss nobody hears about."""
    unhappy = _number("unhappy", unhappy, minimum=0)
    complain_share = _number("complain_share", complain_share, minimum=0, maximum=1)
    customer_value = _number("customer_value", customer_value, minimum=0)
    silent = unhappy * (1 - complain_share)
    return _clean(silent * (1 - COMPLAINT_OUTCOMES["silent"]["repurchase"]) * customer_value)


# --- retention and profit -------------------------------------------------------------------


def retention_uplift_table(
    retentions=(0.60, 0.70, 0.80, 0.90), change: float = 0.05, margin: float = 100, discount: float = 0.10
) -> pd.DataFrame:
    """Discounted lifetime value before and after retention rises by ``change``, for several starting rates."""
    rows = []
    for r in retentions:
        r = _number("retentions", r, minimum=0, maximum=1)
        before = discounted_clv(margin, r, discount)
        after = discounted_clv(margin, r + change, discount)
        rows.append(
            {
                "retention · 留存率": r,
                "after · 提高后": _clean(r + change),
                "CLV before · 提高前价值": round(before, 2),
                "CLV after · 提高后价值": round(after, 2),
                "change · 变化": round(profit_impact_of_retention(r, change, discount), 4),
            }
        )
    return pd.DataFrame(rows)


def churn_cost_by_multiple(
    customers: float = 1000, churn_rate: float = 0.10, multiples=(3, 5, 7, 10)
) -> pd.DataFrame:
    """Yearly cost (in n) of holding a base steady for acquisition multiples across the 3–10× range."""
    rows = []
    for m in multiples:
        cost = churn_cost(customers, churn_rate, m)
        rows.append(
            {
                "acquisition multiple · 获客成本倍数": cost.acquisition_multiple,
                "new customers · 新客户": cost.new_customers,
                "acquisition cost (n) · 获客成本": cost.acquisition_cost,
                "retention cost (n) · 维系成本": cost.retention_cost,
                "total (n) · 合计": cost.total_cost,
                "share spent on churn · 用于弥补流失的比例": round(cost.acquisition_cost / cost.total_cost, 4)
                if cost.total_cost
                else 0.0,
            }
        )
    return pd.DataFrame(rows)


# --- the Pareto share -----------------------------------------------------------------------


def top_share(values, top: float = 0.20) -> float:
    """Share of the total carried by the top ``top`` fraction of customers in ``values`` (e.g. yearly profit per customer).

    The top fraction may cut a customer in two: the boundary customer counts in proportion.
    """
    top = _fraction("top", top)
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"values must be a non-empty list of numbers, got {values!r}")
    if not np.all(np.isfinite(array)) or np.any(array < 0):
        raise ValueError("values must be finite and not negative")
    total = array.sum()
    if total == 0:
        raise ValueError("values must not all be 0: there is no total to share")
    ordered = np.sort(array)[::-1]
    k = top * array.size
    whole = int(math.floor(k + 1e-9))
    part = ordered[:whole].sum()
    if whole < array.size:
        part += (k - whole) * ordered[whole]
    return _clean(part / total)


def lognormal_top_share(sigma: float, top: float = 0.20) -> float:
    """Share of profit from the top ``top`` fraction when customer values are log-normal with spread ``sigma``.

    The Lorenz curve of a log-normal is L(u) = Φ(Φ⁻¹(u) − σ), so the top share is 1 − Φ(Φ⁻¹(1 − top) − σ).
    """
    sigma = _number("sigma", sigma, minimum=0)
    top = _fraction("top", top)
    return _clean(1 - _NORMAL.cdf(_NORMAL.inv_cdf(1 - top) - sigma))


def lognormal_sigma_for_share(top: float = 0.20, share: float = 0.85) -> float:
    """The log-normal spread σ at which the top ``top`` of customers carry ``share`` of profit (20% → 85%: σ ≈ 1.88)."""
    top = _fraction("top", top)
    share = _fraction("share", share)
    if share < top:
        raise ValueError(f"share must be at least top ({top!r}): the best customers carry at least their head-count share, got {share!r}")
    return _clean(_NORMAL.inv_cdf(1 - top) - _NORMAL.inv_cdf(1 - share))


def pareto_top_share(alpha: float, top: float = 0.20) -> float:
    """Top share when customer values follow a Pareto (power-law) distribution with shape ``alpha`` > 1: top^(1 − 1/alpha)."""
    alpha = _number("alpha", alpha, minimum=1, strict_min=True)
    top = _fraction("top", top)
    return _clean(top ** (1 - 1 / alpha))


def simulated_customer_values(customers: int = 1000, sigma: float = 1.88, median: float = 50, seed: int = 2024) -> np.ndarray:
    """A reproducible sample of yearly profit per customer, log-normal with the given spread and median."""
    customers = int(_number("customers", customers, minimum=1))
    sigma = _number("sigma", sigma, minimum=0)
    median = _number("median", median, minimum=0, strict_min=True)
    rng = np.random.default_rng(seed)
    return np.round(median * np.exp(sigma * rng.standard_normal(customers)), 2)


def pareto_table(sigma: float | None = None, tops=(0.01, 0.05, 0.10, 0.20, 0.50)) -> pd.DataFrame:
    """Share of profit from the top x% of customers for a log-normal spread (default: the one matching 20% → 85%)."""
    sigma = lognormal_sigma_for_share() if sigma is None else sigma
    return pd.DataFrame(
        [{"top customers · 前 x% 客户": t, "share of profit · 利润占比": round(lognormal_top_share(sigma, t), 4)} for t in tops]
    )


# --- staffing a cross-border service desk ---------------------------------------------------


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a new conversation has to wait (Erlang C), with ``traffic`` = arrivals x handling time, in erlangs."""
    if isinstance(agents, bool) or not isinstance(agents, int) or agents < 1:
        raise ValueError(f"agents must be a whole number of at least 1, got {agents!r}")
    traffic = _number("traffic", traffic, minimum=0)
    if traffic >= agents:
        return 1.0  # the queue grows without limit: everyone waits
    # Erlang B by the stable recursion, then convert to Erlang C.
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    return b / (1 - (traffic / agents) * (1 - b))


def service_level(agents: int, per_hour: float, handle_minutes: float, target_minutes: float) -> float:
    """Share of conversations answered within ``target_minutes`` (first-response target) with ``agents`` online."""
    per_hour = _number("per_hour", per_hour, minimum=0)
    handle_minutes = _number("handle_minutes", handle_minutes, minimum=0, strict_min=True)
    target_minutes = _number("target_minutes", target_minutes, minimum=0)
    traffic = per_hour * handle_minutes / 60
    wait = erlang_c(agents, traffic)
    if traffic >= agents:
        return 0.0
    return _clean(1 - wait * math.exp(-(agents - traffic) * target_minutes / handle_minutes))


def agents_needed(per_hour: float, handle_minutes: float, target_minutes: float = 2, target_share: float = 0.80) -> int:
    """Fewest agents online so that ``target_share`` of conversations get a first response within ``target_minutes``."""
    target_share = _number("target_share", target_share, minimum=0, maximum=1)
    if target_share == 1:
        raise ValueError("target_share must be below 1: no finite team answers every conversation at once, got 1.0")
    per_hour = _number("per_hour", per_hour, minimum=0)
    if per_hour == 0:
        return 0
    agents = max(1, math.floor(per_hour * _number("handle_minutes", handle_minutes, minimum=0, strict_min=True) / 60) + 1)
    while service_level(agents, per_hour, handle_minutes, target_minutes) < target_share:
        agents += 1
    return agents


#: Support windows of a China-based desk serving three markets, in Beijing time (illustrative volumes).
SUPPORT_WINDOWS = (
    ("Asia-Pacific day", "亚太白天", "08:00–16:00", 40),
    ("Europe day", "欧洲白天", "16:00–24:00", 90),
    ("Americas day", "美洲白天", "00:00–08:00", 60),
)


def staffing_table(
    windows=SUPPORT_WINDOWS,
    handle_minutes: float = 6,
    target_minutes: float = 2,
    target_share: float = 0.80,
    shrinkage: float = 0.30,
) -> pd.DataFrame:
    """Agents needed in each time-zone window: online (Erlang C) and rostered (allowing for ``shrinkage``: breaks, training, leave)."""
    shrinkage = _number("shrinkage", shrinkage, minimum=0, maximum=0.9)
    rows = []
    for en, zh, hours, per_hour in windows:
        online = agents_needed(per_hour, handle_minutes, target_minutes, target_share)
        rows.append(
            {
                "window · 时段": f"{en} · {zh}",
                "Beijing time · 北京时间": hours,
                "chats per hour · 每小时会话": per_hour,
                "agents online · 在线客服": online,
                "service level · 达标比例": round(service_level(online, per_hour, handle_minutes, target_minutes), 4),
                "agents rostered · 排班人数": math.ceil(_clean(online / (1 - shrinkage))),
            }
        )
    return pd.DataFrame(rows)


# --- training value -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingValue:
    """What a training programme returns in a year through lower churn."""

    customers_saved: float
    value_saved: float
    cost: float

    @property
    def net(self) -> float:
        return _clean(self.value_saved - self.cost)

    @property
    def return_on_cost(self) -> float:
        """Net gain per unit spent (0.5 = 50%)."""
        return _clean(self.net / self.cost) if self.cost else math.inf


def training_value(
    customers: float, churn_before: float, churn_after: float, customer_value: float, cost: float
) -> TrainingValue:
    """Value of a training programme that lowers the churn rate from ``churn_before`` to ``churn_after``."""
    customers = _number("customers", customers, minimum=0)
    churn_before = _number("churn_before", churn_before, minimum=0, maximum=1)
    churn_after = _number("churn_after", churn_after, minimum=0, maximum=1)
    customer_value = _number("customer_value", customer_value, minimum=0)
    cost = _number("cost", cost, minimum=0)
    if churn_after > churn_before:
        raise ValueError(f"churn_after must not exceed churn_before ({churn_before!r}), got {churn_after!r}")
    saved = _clean(customers * (churn_before - churn_after))
    return TrainingValue(saved, _clean(saved * customer_value), cost)


# --- cross-border returns -------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnOrRefund:
    """Cost to the seller of two ways to settle a refund across a border (the refund itself is paid either way)."""

    return_route: float
    refund_only: float

    @property
    def cheaper(self) -> str:
        return "refund only" if self.refund_only <= self.return_route else "return"

    @property
    def saving(self) -> float:
        return _clean(abs(self.return_route - self.refund_only))


def return_or_refund(item_cost: float, return_postage: float, handling: float = 0, resale_share: float = 0.5) -> ReturnOrRefund:
    """Compare asking for the item back (postage + handling − resale value) with refunding and letting the customer keep it (the item's cost)."""
    item_cost = _number("item_cost", item_cost, minimum=0)
    return_postage = _number("return_postage", return_postage, minimum=0)
    handling = _number("handling", handling, minimum=0)
    resale_share = _number("resale_share", resale_share, minimum=0, maximum=1)
    # Either way the item's cost is already spent; the return route adds postage and handling and wins back its resale value.
    return ReturnOrRefund(
        return_route=_clean(item_cost + return_postage + handling - resale_share * item_cost),
        refund_only=_clean(item_cost),
    )
