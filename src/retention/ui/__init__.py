"""What lessons show: calculators (ipywidgets), charts (matplotlib with a CJK font), self-check quizzes and
the exercises' "Check your answer" blocks.

Lessons write ``from retention.ui import ltv_calculator, churn_cost_chart, show_quiz``.
"""

from retention.exports import lazy_exports

#: Public names by the module that defines them; importing the package imports none of them.
EXPORTS = {
    "answer_check": (
        "check_answers",
    ),
    "calculators": (
        "campaign_calculator",
        "churn_cost_calculator",
        "complaint_value_calculator",
        "ltv_calculator",
        "pareto_calculator",
        "referral_calculator",
        "retention_profit_calculator",
        "selling_calculator",
        "staffing_calculator",
    ),
    "charts": (
        "churn_cost_chart",
        "cleaning_chart",
        "cohort_heatmap",
        "complaint_outcome_chart",
        "country_chart",
        "lift_chart",
        "lorenz_chart",
        "order_value_chart",
        "outcome_chart",
        "pareto_chart",
        "response_time_chart",
        "retention_curves_chart",
        "segment_chart",
    ),
    "quiz": (
        "show_quiz",
    ),
    "tables": (
        "key_figures",
        "show_table",
    ),
    "calculator": (
        "money",
    ),
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
