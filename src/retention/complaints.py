"""Complaints and disputes: who buys again after each outcome, what better handling keeps, and how to
settle a cross-border refund.

The repurchase rates by outcome (82% / 54% / 19% / 9%) are a commonly cited industry figure, kept
once here in :data:`COMPLAINT_OUTCOMES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# Only the table functions need pandas: they import it themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

from retention.bilingual import bi, bi_frame
from retention.numeric import number, tidy

#: Share of customers who buy again, by how their problem ended (a commonly cited industry figure).
COMPLAINT_OUTCOMES = {
    "resolved_quickly": {"en": "resolved quickly", "zh": "迅速解决", "repurchase": 0.82},
    "resolved": {"en": "resolved, not quickly", "zh": "已解决但不及时", "repurchase": 0.54},
    "unresolved": {"en": "not resolved", "zh": "未解决", "repurchase": 0.19},
    "silent": {"en": "unhappy, never complained", "zh": "不满但未投诉", "repurchase": 0.09},
}


def _outcome(name: str, key: str) -> dict:
    if key not in COMPLAINT_OUTCOMES:
        raise ValueError(f"{name} must be one of {sorted(COMPLAINT_OUTCOMES)}, got {key!r}")
    return COMPLAINT_OUTCOMES[key]


def complaint_outcome_table() -> pd.DataFrame:
    """The seed's complaint table: who buys again and who leaves, by outcome."""
    import pandas as pd
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
    complaints = number("complaints", complaints, minimum=0)
    customer_value = number("customer_value", customer_value, minimum=0)
    gain = _outcome("after", after)["repurchase"] - _outcome("before", before)["repurchase"]
    return complaints * gain * customer_value


def complaint_value_table(complaints: float = 100, customer_value: float = 1000) -> pd.DataFrame:
    """For each complaint outcome: customers who buy again out of ``complaints``, and the value they keep."""
    complaints = number("complaints", complaints, minimum=0)
    customer_value = number("customer_value", customer_value, minimum=0)
    rows = []
    for info in COMPLAINT_OUTCOMES.values():
        kept = tidy(complaints * info["repurchase"])
        rows.append((bi(info["en"], info["zh"]), info["repurchase"], kept, tidy(kept * customer_value)))
    return bi_frame(
        rows,
        [("outcome", "处理结果"), ("buy again", "复购率"), ("customers kept", "留住的客户"), ("value kept", "保留的价值")],
    )


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
        return tidy(1 - self.quick_share - self.slow_share)

    def _kept(self) -> float:
        """Expected customers who buy again, unrounded: the results below round only once, at the end."""
        rates = {k: v["repurchase"] for k, v in COMPLAINT_OUTCOMES.items()}
        return self.complaints * (
            self.quick_share * rates["resolved_quickly"]
            + self.slow_share * rates["resolved"]
            + self.unresolved_share * rates["unresolved"]
        )

    @property
    def customers_kept(self) -> float:
        """Expected customers who buy again, using the repurchase rate of each outcome."""
        return tidy(self._kept())

    @property
    def value_kept(self) -> float:
        return tidy(self._kept() * self.customer_value)

    @property
    def gain_over_no_resolution(self) -> float:
        """Value kept beyond what the shop keeps if it resolves none of the complaints."""
        baseline = self.complaints * COMPLAINT_OUTCOMES["unresolved"]["repurchase"] * self.customer_value
        return tidy(self._kept() * self.customer_value - baseline)


def complaint_mix(complaints: float, customer_value: float, quick_share: float, slow_share: float) -> ComplaintMix:
    """Outcome of a complaint desk that resolves ``quick_share`` quickly and ``slow_share`` slowly (the rest: never)."""
    complaints = number("complaints", complaints, minimum=0)
    customer_value = number("customer_value", customer_value, minimum=0)
    quick_share = number("quick_share", quick_share, minimum=0, maximum=1)
    slow_share = number("slow_share", slow_share, minimum=0, maximum=1)
    if quick_share + slow_share > 1 + 1e-12:
        raise ValueError(
            f"quick_share + slow_share must be at most 1, got {quick_share!r} + {slow_share!r} = {quick_share + slow_share!r}"
        )
    return ComplaintMix(complaints, quick_share, slow_share, customer_value)


def silent_loss(unhappy: float, complain_share: float, customer_value: float) -> float:
    """Value lost among unhappy customers who never complain (only 9% of them buy again): the loss nobody hears about."""
    unhappy = number("unhappy", unhappy, minimum=0)
    complain_share = number("complain_share", complain_share, minimum=0, maximum=1)
    customer_value = number("customer_value", customer_value, minimum=0)
    silent = unhappy * (1 - complain_share)
    return tidy(silent * (1 - COMPLAINT_OUTCOMES["silent"]["repurchase"]) * customer_value)


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
        return tidy(abs(self.return_route - self.refund_only))


def return_or_refund(item_cost: float, return_postage: float, handling: float = 0, resale_share: float = 0.5) -> ReturnOrRefund:
    """Compare asking for the item back (postage + handling − resale value) with refunding and letting the customer keep it (the item's cost)."""
    item_cost = number("item_cost", item_cost, minimum=0)
    return_postage = number("return_postage", return_postage, minimum=0)
    handling = number("handling", handling, minimum=0)
    resale_share = number("resale_share", resale_share, minimum=0, maximum=1)
    # Either way the item's cost is already spent; the return route adds postage and handling and wins back its resale value.
    return ReturnOrRefund(
        return_route=tidy(item_cost + return_postage + handling - resale_share * item_cost),
        refund_only=tidy(item_cost),
    )
