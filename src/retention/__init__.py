"""retention: the tested code behind the CBEC after-sales and customer-retention course.

Lessons import from here, so every number a student sees is computed by a tested function.
"""

from retention.economics import (
    COMPLAINT_OUTCOMES,
    ChurnCost,
    churn_cost,
    churn_cost_table,
    complaint_outcome_table,
    discounted_clv,
    lifetime_value,
    ltv_growth_table,
    profit_impact_of_retention,
    value_of_better_complaint_handling,
)

__all__ = [
    "COMPLAINT_OUTCOMES",
    "ChurnCost",
    "churn_cost",
    "churn_cost_table",
    "complaint_outcome_table",
    "discounted_clv",
    "lifetime_value",
    "ltv_growth_table",
    "profit_impact_of_retention",
    "value_of_better_complaint_handling",
]
