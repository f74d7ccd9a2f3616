"""What lessons show: calculators (ipywidgets), charts (matplotlib with a CJK font) and self-check quizzes.

Lessons write ``from retention.ui import ltv_calculator, churn_cost_chart, show_quiz``.
"""

from retention.ui.calculators import (
    churn_cost_calculator,
    complaint_value_calculator,
    ltv_calculator,
    pareto_calculator,
    referral_calculator,
    retention_profit_calculator,
    selling_calculator,
    staffing_calculator,
)
from retention.ui.charts import (
    churn_cost_chart,
    cleaning_chart,
    cohort_heatmap,
    complaint_outcome_chart,
    country_chart,
    lift_chart,
    lorenz_chart,
    order_value_chart,
    outcome_chart,
    pareto_chart,
    response_time_chart,
    retention_curves_chart,
    segment_chart,
)
from retention.ui.quiz import show_quiz

__all__ = [
    "churn_cost_calculator",
    "churn_cost_chart",
    "cleaning_chart",
    "cohort_heatmap",
    "complaint_outcome_chart",
    "complaint_value_calculator",
    "country_chart",
    "lift_chart",
    "lorenz_chart",
    "ltv_calculator",
    "order_value_chart",
    "outcome_chart",
    "pareto_calculator",
    "pareto_chart",
    "referral_calculator",
    "response_time_chart",
    "retention_curves_chart",
    "retention_profit_calculator",
    "segment_chart",
    "selling_calculator",
    "show_quiz",
    "staffing_calculator",
]
