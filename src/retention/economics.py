"""Customer-care economics: lifetime value, the cost of churn and what complaint handling is worth.

Every table in the lessons is built here, so the seed figures are reproduced by tested code.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


def _number(name: str, value, *, minimum=None, maximum=None, strict_min=False) -> float:
    """Return ``value`` as a float, or raise ValueError naming the argument and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and (value <= minimum if strict_min else value < minimum):
        relation = "greater than" if strict_min else "at least"
        raise ValueError(f"{name} must be {relation} {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value!r}")
    return value


# --- lifetime value -------------------------------------------------------------------------


def lifetime_value(order_value: float, orders_per_year: float, years: float) -> float:
    """Undiscounted lifetime value: what a customer spends per order x orders a year x years they stay."""
    return (
        _number("order_value", order_value, minimum=0)
        * _number("orders_per_year", orders_per_year, minimum=0)
        * _number("years", years, minimum=0)
    )


def ltv_growth_table(
    order_value: float = 10,
    orders_per_year: float = 10,
    short_years: float = 1,
    long_years: float = 10,
    uplift: float = 0.10,
) -> pd.DataFrame:
    """The seed's three cases: a customer who leaves early, one who stays, and one who stays with every factor raised by ``uplift``."""
    uplift = _number("uplift", uplift, minimum=0)

    def grow(x: float) -> float:  # rounded so that 10 x 1.1 is 11, not 11.000000000000002
        return round(x * (1 + uplift), 10)

    cases = [
        ("leaves early", "很快流失", order_value, orders_per_year, short_years),
        ("stays", "长期留存", order_value, orders_per_year, long_years),
        (
            f"stays, each factor +{uplift:.0%}",
            f"长期留存，各项提高{uplift:.0%}",
            grow(order_value),
            grow(orders_per_year),
            grow(long_years),
        ),
    ]
    rows = [
        {
            "case": en,
            "情形": zh,
            "order_value": value,
            "orders_per_year": freq,
            "years": years,
            "lifetime_value": lifetime_value(value, freq, years),
        }
        for en, zh, value, freq, years in cases
    ]
    return pd.DataFrame(rows)


def discounted_clv(margin: float, retention: float, discount: float) -> float:
    """Customer lifetime value with a constant retention rate r and discount rate d: margin x r / (1 + d - r)."""
    margin = _number("margin", margin, minimum=0)
    retention = _number("retention", retention, minimum=0, maximum=1)
    discount = _number("discount", discount, minimum=0)
    if retention >= 1 + discount:
        raise ValueError(
            f"retention must be below 1 + discount ({1 + discount}), got {retention!r}: "
            "with no discounting a customer who never leaves is worth an infinite amount"
        )
    return margin * retention / (1 + discount - retention)


def profit_impact_of_retention(retention: float, change: float, discount: float = 0.10) -> float:
    """Relative change in customer value when yearly retention moves by ``change`` (in rate points, e.g. 0.05)."""
    retention = _number("retention", retention, minimum=0, maximum=1)
    change = _number("change", change, minimum=-retention, maximum=1 - retention)
    if retention == 0:
        raise ValueError("retention must be greater than 0 to compare against it, got 0.0")
    return discounted_clv(1, retention + change, discount) / discounted_clv(1, retention, discount) - 1


# --- the cost of churn ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChurnCost:
    """What it costs in a year to keep a customer base the same size, in units of n (the cost of keeping one customer)."""

    customers: float
    churn_rate: float
    acquisition_multiple: float
    new_customers: float
    acquisition_cost: float
    retention_cost: float

    @property
    def total_cost(self) -> float:
        return self.acquisition_cost + self.retention_cost


def churn_cost(
    customers: float, churn_rate: float, acquisition_multiple: float = 5, retention_cost: float = 1
) -> ChurnCost:
    """Cost of holding a base of ``customers`` steady: churned ones are replaced at ``acquisition_multiple`` x n, the rest kept at n."""
    customers = _number("customers", customers, minimum=0)
    churn_rate = _number("churn_rate", churn_rate, minimum=0, maximum=1)
    acquisition_multiple = _number("acquisition_multiple", acquisition_multiple, minimum=0, strict_min=True)
    retention_cost = _number("retention_cost", retention_cost, minimum=0)
    new = customers * churn_rate
    return ChurnCost(
        customers=customers,
        churn_rate=churn_rate,
        acquisition_multiple=acquisition_multiple,
        new_customers=new,
        acquisition_cost=new * acquisition_multiple * retention_cost,
        retention_cost=(customers - new) * retention_cost,
    )


def churn_cost_table(
    customers: float = 1000,
    churn_rates=(0.05, 0.10, 0.15, 0.20, 0.25, 0.30),
    acquisition_multiple: float = 5,
) -> pd.DataFrame:
    """One row per churn rate: new customers needed, acquisition cost, retention cost and total, in units of n."""
    rows = []
    for rate in churn_rates:
        cost = churn_cost(customers, rate, acquisition_multiple)
        rows.append(
            {
                "churn_rate": cost.churn_rate,
                "new_customers": cost.new_customers,
                "acquisition_cost_n": cost.acquisition_cost,
                "retention_cost_n": cost.retention_cost,
                "total_cost_n": cost.total_cost,
            }
        )
    return pd.DataFrame(rows)


# --- complaints -----------------------------------------------------------------------------

#: Share of customers who buy again, by how their problem ended (a commonly cited industry figure).
COMPLAINT_OUTCOMES = {
    "resolved_quickly": {"en": "complained, resolved quickly", "zh": "投诉后迅速解决", "repurchase": 0.82},
    "resolved": {"en": "complained, resolved", "zh": "投诉后得到解决", "repurchase": 0.54},
    "unresolved": {"en": "complained, not resolved", "zh": "投诉后未解决", "repurchase": 0.19},
    "silent": {"en": "unhappy, never complained", "zh": "不满但未投诉", "repurchase": 0.09},
}


def complaint_outcome_table() -> pd.DataFrame:
    """The seed's complaint table: who buys again and who leaves, by outcome."""
    rows = [
        {
            "outcome": key,
            "en": info["en"],
            "zh": info["zh"],
            "buy_again": info["repurchase"],
            "leave": round(1 - info["repurchase"], 10),
        }
        for key, info in COMPLAINT_OUTCOMES.items()
    ]
    return pd.DataFrame(rows)


def value_of_better_complaint_handling(
    complaints: float, customer_value: float, before: str = "unresolved", after: str = "resolved_quickly"
) -> float:
    """Extra value kept when ``complaints`` customers move from outcome ``before`` to ``after``: n x (p_after - p_before) x value."""
    complaints = _number("complaints", complaints, minimum=0)
    customer_value = _number("customer_value", customer_value, minimum=0)
    for name, key in (("before", before), ("after", after)):
        if key not in COMPLAINT_OUTCOMES:
            raise ValueError(f"{name} must be one of {sorted(COMPLAINT_OUTCOMES)}, got {key!r}")
    gain = COMPLAINT_OUTCOMES[after]["repurchase"] - COMPLAINT_OUTCOMES[before]["repurchase"]
    return complaints * gain * customer_value
