"""Precision marketing: what a campaign sent to chosen customers returns on what it costs.

A campaign pays only for the orders it adds: customers who would have bought anyway (the baseline
rate) bring no extra margin but still take the incentive. Standard library only, so calculators can
use it anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from retention.numeric import number, tidy


@dataclass(frozen=True)
class CampaignResult:
    """Extra orders, extra margin, total cost, net gain and return on investment of one campaign (GBP)."""

    contacts: float
    extra_orders: float
    extra_margin: float
    cost: float
    net: float
    roi: float


def campaign_roi(
    contacts: float,
    response_rate: float,
    baseline_rate: float,
    margin_per_order: float,
    cost_per_contact: float,
    incentive_per_order: float = 0.0,
) -> CampaignResult:
    """Return on a campaign to ``contacts`` customers: (extra margin − cost) ÷ cost.

    Extra orders = contacts × (response_rate − baseline_rate); cost = contacts × cost_per_contact plus
    the incentive on every order the campaign receives, including those that would have come anyway.
    """
    contacts = number("contacts", contacts, minimum=0)
    response_rate = number("response_rate", response_rate, minimum=0, maximum=1)
    baseline_rate = number("baseline_rate", baseline_rate, minimum=0, maximum=1)
    margin = number("margin_per_order", margin_per_order, minimum=0)
    per_contact = number("cost_per_contact", cost_per_contact, minimum=0)
    incentive = number("incentive_per_order", incentive_per_order, minimum=0)
    if incentive > margin:
        raise ValueError(f"incentive_per_order ({incentive}) is larger than margin_per_order ({margin}): every order would lose money")
    extra_orders = contacts * (response_rate - baseline_rate)
    extra_margin = extra_orders * margin
    cost = contacts * per_contact + contacts * response_rate * incentive
    if cost == 0:
        raise ValueError("the campaign costs nothing (no contacts or zero costs): its return on investment is undefined")
    net = extra_margin - cost
    return CampaignResult(
        contacts=tidy(contacts), extra_orders=tidy(extra_orders), extra_margin=tidy(extra_margin),
        cost=tidy(cost), net=tidy(net), roi=tidy(net / cost),
    )
