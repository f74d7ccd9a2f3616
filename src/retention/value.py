"""What a customer is worth: lifetime value (undiscounted and discounted) and what retention does to it.

Two conventions, each used once: :func:`lifetime_value` multiplies order value, orders a year and
years (the seed's simple example); :func:`discounted_clv` values the margins of the years after this
one, each kept with probability r and discounted at rate d: margin x r / (1 + d - r).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only the table functions need pandas: they import it themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import pandas as pd

from retention.bilingual import bi_frame
from retention.numeric import number, tidy


def lifetime_value(order_value: float, orders_per_year: float, years: float) -> float:
    """Undiscounted lifetime value: what a customer spends per order x orders a year x years they stay."""
    return (
        number("order_value", order_value, minimum=0)
        * number("orders_per_year", orders_per_year, minimum=0)
        * number("years", years, minimum=0)
    )


def ltv_growth_table(
    order_value: float = 10,
    orders_per_year: float = 10,
    short_years: float = 1,
    long_years: float = 10,
    uplift: float = 0.10,
) -> pd.DataFrame:
    """The seed's three cases: a customer who leaves early, one who stays, and one who stays with every factor raised by ``uplift``."""
    import pandas as pd
    uplift = number("uplift", uplift, minimum=0)

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


def discounted_clv(margin: float, retention: float, discount: float, *, this_year: bool = False) -> float:
    """Customer lifetime value with a constant retention rate r and discount rate d: margin x r / (1 + d - r).

    The future margins only, from next year on; ``this_year=True`` adds this year's margin, undiscounted.
    """
    margin = number("margin", margin, minimum=0)
    retention = number("retention", retention, minimum=0, maximum=1)
    discount = number("discount", discount, minimum=0)
    if retention >= 1 + discount:
        raise ValueError(
            f"retention must be below 1 + discount ({1 + discount}), got {retention!r}: "
            "with no discounting a customer who never leaves is worth an infinite amount"
        )
    return margin * retention / (1 + discount - retention) + (margin if this_year else 0)


def profit_impact_of_retention(retention: float, change: float, discount: float = 0.10, *, this_year: bool = False) -> float:
    """Relative change in customer value when yearly retention moves by ``change`` (in rate points, e.g. 0.05).

    ``this_year=True`` counts this year's margin in both values, which dilutes the change.
    """
    retention = number("retention", retention, minimum=0, maximum=1)
    change = number("change", change, minimum=-retention, maximum=1 - retention)
    if retention == 0:
        raise ValueError("retention must be greater than 0 to compare against it, got 0.0")
    return (discounted_clv(1, retention + change, discount, this_year=this_year)
            / discounted_clv(1, retention, discount, this_year=this_year) - 1)


def retention_uplift_table(
    retentions=(0.60, 0.70, 0.80, 0.90), change: float = 0.05, margin: float = 100, discount: float = 0.10
) -> pd.DataFrame:
    """Discounted lifetime value before and after retention rises by ``change``, for several starting rates."""
    rows = []
    for r in retentions:
        r = number("retentions", r, minimum=0, maximum=1)
        rows.append(
            (
                r,
                tidy(r + change),
                round(discounted_clv(margin, r, discount), 2),
                round(discounted_clv(margin, r + change, discount), 2),
                round(profit_impact_of_retention(r, change, discount), 4),
            )
        )
    return bi_frame(
        rows,
        [
            ("retention", "留存率"),
            ("after", "提高后"),
            ("CLV before", "提高前价值"),
            ("CLV after", "提高后价值"),
            ("change", "变化"),
        ],
    )
