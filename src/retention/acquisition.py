"""Winning customers against keeping them: the yearly cost of churn, selling chances and referrals.

Costs are in units of n, the yearly cost of keeping one customer. The default rates are commonly
cited industry figures (:mod:`retention.claims`): winning a customer costs 3-10 n, a sale to a new
prospect succeeds about 15% of the time against 50% for an existing customer, and about 60% of new
customers arrive through referrals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Only the table functions need pandas: they import it themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

from retention.bilingual import bi_frame
from retention.numeric import number, tidy

#: Chance of selling to a new prospect (claim ``sell_probability``, a commonly cited industry figure).
P_NEW = 0.15
#: Chance of selling to an existing customer (claim ``sell_probability``).
P_EXISTING = 0.50
#: Share of new customers who come through referrals by existing customers (claim ``referral_share``).
REFERRAL_SHARE = 0.60


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
    customers = number("customers", customers, minimum=0)
    churn_rate = number("churn_rate", churn_rate, minimum=0, maximum=1)
    acquisition_multiple = number("acquisition_multiple", acquisition_multiple, minimum=0, strict_min=True)
    retention_cost = number("retention_cost", retention_cost, minimum=0)
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
    import pandas as pd
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


def churn_cost_by_multiple(
    customers: float = 1000, churn_rate: float = 0.10, multiples=(3, 5, 7, 10)
) -> pd.DataFrame:
    """Yearly cost (in n) of holding a base steady for acquisition multiples across the 3–10× range."""
    rows = []
    for m in multiples:
        cost = churn_cost(customers, churn_rate, m)
        spent = round(cost.acquisition_cost / cost.total_cost, 4) if cost.total_cost else 0.0
        rows.append(
            (cost.acquisition_multiple, cost.new_customers, cost.acquisition_cost, cost.retention_cost, cost.total_cost, spent)
        )
    return bi_frame(
        rows,
        [
            ("acquisition multiple", "获客成本倍数"),
            ("new customers", "新客户"),
            ("acquisition cost (n)", "获客成本"),
            ("retention cost (n)", "维系成本"),
            ("total (n)", "合计"),
            ("share spent on churn", "用于弥补流失的比例"),
        ],
    )


# --- selling to new prospects and to existing customers ----------------------------------------


def expected_sales(contacts: float, probability: float) -> float:
    """Sales to expect when you approach ``contacts`` people who each buy with chance ``probability``."""
    contacts = number("contacts", contacts, minimum=0)
    probability = number("probability", probability, minimum=0, maximum=1)
    return tidy(contacts * probability)


def selling_scenario_table(contacts: float = 100, p_new: float = P_NEW, p_existing: float = P_EXISTING) -> pd.DataFrame:
    """Approach the same number of new prospects and existing customers: the sales each group brings."""
    import pandas as pd
    rows = [
        ("new prospects", "新客户", p_new),
        ("existing customers", "老客户", p_existing),
    ]
    return pd.DataFrame(
        [
            {
                "group": en,
                "客户群": zh,
                "contacts": number("contacts", contacts, minimum=0),
                "chance_of_sale": number(name, p, minimum=0, maximum=1),
                "expected_sales": expected_sales(contacts, p),
            }
            for (en, zh, p), name in zip(rows, ("p_new", "p_existing"))
        ]
    )


def prospects_needed(lost_customers: float, p_new: float = P_NEW, p_existing: float = P_EXISTING) -> int:
    """How many new prospects a shop must approach to make the sales it would have made to ``lost_customers``.

    Lost sales are ``lost_customers x p_existing``; each prospect buys with chance ``p_new``, so the shop
    needs ``lost_customers x p_existing / p_new`` prospects, rounded up to whole people.
    """
    lost_customers = number("lost_customers", lost_customers, minimum=0)
    p_new = number("p_new", p_new, minimum=0, maximum=1, strict_min=True)
    p_existing = number("p_existing", p_existing, minimum=0, maximum=1)
    return math.ceil(tidy(lost_customers * p_existing / p_new))


# --- referrals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralScenario:
    """New customers in a year split by how they arrive, before and after a change in referrals (costs in n)."""

    new_customers: float
    referral_share: float
    referral_change: float
    acquisition_multiple: float
    referred: float
    referred_after: float

    @property
    def other(self) -> float:
        """New customers won by ads, marketplace search and promotions."""
        return tidy(self.new_customers - self.referred)

    @property
    def referrals_lost(self) -> float:
        """Referred customers who no longer arrive (negative when referrals grow)."""
        return tidy(self.referred - self.referred_after)

    @property
    def replacement_cost(self) -> float:
        """What it costs (in n) to win the lost referrals back through paid acquisition; negative = a saving."""
        return tidy(self.referrals_lost * self.acquisition_multiple)


def referral_scenario(
    new_customers: float,
    referral_share: float = REFERRAL_SHARE,
    referral_change: float = -0.5,
    acquisition_multiple: float = 5,
) -> ReferralScenario:
    """What a change in referrals means: ``referral_change`` of -0.5 means existing customers refer half as many people."""
    new_customers = number("new_customers", new_customers, minimum=0)
    referral_share = number("referral_share", referral_share, minimum=0, maximum=1)
    referral_change = number("referral_change", referral_change, minimum=-1, maximum=10)
    acquisition_multiple = number("acquisition_multiple", acquisition_multiple, minimum=0, strict_min=True)
    referred = tidy(new_customers * referral_share)
    return ReferralScenario(
        new_customers=new_customers,
        referral_share=referral_share,
        referral_change=referral_change,
        acquisition_multiple=acquisition_multiple,
        referred=referred,
        referred_after=tidy(referred * (1 + referral_change)),
    )


def referral_table(
    new_customers: float = 500,
    referral_share: float = REFERRAL_SHARE,
    changes=(-0.5, -0.25, 0.0, 0.25),
    acquisition_multiple: float = 5,
) -> pd.DataFrame:
    """One row per change in referrals: referred customers before and after, referrals lost, cost of replacing them (n)."""
    import pandas as pd
    rows = []
    for change in changes:
        s = referral_scenario(new_customers, referral_share, change, acquisition_multiple)
        rows.append(
            {
                "referral_change": s.referral_change,
                "referred_before": s.referred,
                "referred_after": s.referred_after,
                "referrals_lost": s.referrals_lost,
                "replacement_cost_n": s.replacement_cost,
            }
        )
    return pd.DataFrame(rows)
