"""Staffing a cross-border service desk (Erlang C) and what training its agents is worth.

Erlang C assumes each agent handles one conversation at a time, conversations arrive at random
(Poisson) and wait in one queue; handling times are exponential.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Only the table functions need pandas: they import it themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

from retention.bilingual import bi, bi_frame
from retention.numeric import number, tidy, whole


def erlang_c(agents: int, traffic: float) -> float:
    """Probability that a new conversation has to wait (Erlang C), with ``traffic`` = arrivals x handling time, in erlangs."""
    agents = whole("agents", agents, minimum=1)
    traffic = number("traffic", traffic, minimum=0)
    if traffic >= agents:
        return 1.0  # the queue grows without limit: everyone waits
    # Erlang B by the stable recursion, then convert to Erlang C.
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    return b / (1 - (traffic / agents) * (1 - b))


def service_level(agents: int, per_hour: float, handle_minutes: float, target_minutes: float) -> float:
    """Share of conversations answered within ``target_minutes`` (first-response target) with ``agents`` online."""
    per_hour = number("per_hour", per_hour, minimum=0)
    handle_minutes = number("handle_minutes", handle_minutes, minimum=0, strict_min=True)
    target_minutes = number("target_minutes", target_minutes, minimum=0)
    traffic = per_hour * handle_minutes / 60
    wait = erlang_c(agents, traffic)
    if traffic >= agents:
        return 0.0
    return tidy(1 - wait * math.exp(-(agents - traffic) * target_minutes / handle_minutes))


def agents_needed(per_hour: float, handle_minutes: float, target_minutes: float = 2, target_share: float = 0.80) -> int:
    """Fewest agents online so that ``target_share`` of conversations get a first response within ``target_minutes``."""
    target_share = number("target_share", target_share, minimum=0, maximum=1)
    if target_share == 1:
        raise ValueError("target_share must be below 1: no finite team answers every conversation at once, got 1.0")
    per_hour = number("per_hour", per_hour, minimum=0)
    if per_hour == 0:
        return 0
    agents = max(1, math.floor(per_hour * number("handle_minutes", handle_minutes, minimum=0, strict_min=True) / 60) + 1)
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
    shrinkage = number("shrinkage", shrinkage, minimum=0, maximum=0.9)
    rows = []
    for en, zh, hours, per_hour in windows:
        online = agents_needed(per_hour, handle_minutes, target_minutes, target_share)
        level = round(service_level(online, per_hour, handle_minutes, target_minutes), 4)
        rows.append((bi(en, zh), hours, per_hour, online, level, math.ceil(tidy(online / (1 - shrinkage)))))
    return bi_frame(
        rows,
        [
            ("window", "时段"),
            ("Beijing time", "北京时间"),
            ("chats per hour", "每小时会话"),
            ("agents online", "在线客服"),
            ("service level", "达标比例"),
            ("agents rostered", "排班人数"),
        ],
    )


@dataclass(frozen=True)
class TrainingValue:
    """What a training programme returns in a year through lower churn."""

    customers_saved: float
    value_saved: float
    cost: float

    @property
    def net(self) -> float:
        return tidy(self.value_saved - self.cost)

    @property
    def return_on_cost(self) -> float:
        """Net gain per unit spent (0.5 = 50%)."""
        return tidy(self.net / self.cost) if self.cost else math.inf


def training_value(
    customers: float, churn_before: float, churn_after: float, customer_value: float, cost: float
) -> TrainingValue:
    """Value of a training programme that lowers the churn rate from ``churn_before`` to ``churn_after``."""
    customers = number("customers", customers, minimum=0)
    churn_before = number("churn_before", churn_before, minimum=0, maximum=1)
    churn_after = number("churn_after", churn_after, minimum=0, maximum=1)
    customer_value = number("customer_value", customer_value, minimum=0)
    cost = number("cost", cost, minimum=0)
    if churn_after > churn_before:
        raise ValueError(f"churn_after must not exceed churn_before ({churn_before!r}), got {churn_after!r}")
    saved = tidy(customers * (churn_before - churn_after))
    return TrainingValue(saved, tidy(saved * customer_value), cost)
