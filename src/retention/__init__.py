"""retention: the tested code behind the CBEC after-sales and customer-retention course.

Lessons import what they compute from here (``from retention import churn_cost_table``) and what
they show from :mod:`retention.ui` (calculators, charts, quizzes), so every number a student sees
comes from a tested function. Modules are sorted by topic:

* money side: :mod:`~retention.value`, :mod:`~retention.acquisition`, :mod:`~retention.complaints`,
  :mod:`~retention.service_desk`, :mod:`~retention.crm`, :mod:`~retention.concentration`,
  :mod:`~retention.claims` (headline industry figures with their sources);
* real data: :mod:`~retention.data` (loaders), :mod:`~retention.datacards` (data cards), :mod:`~retention.cleaning`,
  :mod:`~retention.customers`, :mod:`~retention.rfm`, :mod:`~retention.cohorts`,
  :mod:`~retention.churn`, :mod:`~retention.satisfaction`, :mod:`~retention.tickets`;
* the course itself: :mod:`~retention.bilingual`, :mod:`~retention.glossary`, :mod:`~retention.content`,
  :mod:`~retention.numeric`, :mod:`~retention.exports` (the lazy public names below),
  :mod:`~retention.assignments` (what assignment tests import).
"""

from retention.exports import lazy_exports

#: Public names by the module that defines them; importing the package imports none of them.
EXPORTS = {
    "value": (
        "discounted_clv",
        "lifetime_value",
        "ltv_growth_table",
        "profit_impact_of_retention",
        "retention_uplift_table",
    ),
    "acquisition": (
        "churn_cost",
        "churn_cost_by_multiple",
        "churn_cost_table",
        "ChurnCost",
        "expected_sales",
        "P_EXISTING",
        "P_NEW",
        "prospects_needed",
        "referral_scenario",
        "REFERRAL_SHARE",
        "referral_table",
        "selling_scenario_table",
    ),
    "complaints": (
        "complaint_mix",
        "complaint_outcome_table",
        "COMPLAINT_OUTCOMES",
        "complaint_value_table",
        "return_or_refund",
        "silent_loss",
        "value_of_better_complaint_handling",
    ),
    "service_desk": (
        "agents_needed",
        "service_level",
        "staffing_table",
        "training_value",
    ),
    "crm": (
        "crm_terms_table",
        "customer_class",
        "CUSTOMER_CLASSES",
        "early_renewal_offer",
        "follow_up_plan_table",
        "follow_up_workload",
    ),
    "marketing": (
        "campaign_roi",
    ),
    "concentration": (
        "gini",
        "lognormal_sigma_for_share",
        "lognormal_top_share",
        "lorenz_curve",
        "pareto_table",
        "simulated_customer_values",
        "top_share",
        "top_share_for",
    ),
    "claims": (
        "claim",
        "claims_table",
    ),
    "data": (
        "load_online_retail",
        "load_support_tickets",
    ),
    "cleaning": (
        "clean_transactions",
        "cleaning_report",
        "extreme_lines",
        "quirk_counts",
        "summary_counts",
    ),
    "customers": (
        "country_mix",
        "customer_revenue",
        "market_summary",
        "order_size_summary",
        "order_sizes",
    ),
    "rfm": (
        "rfm_scores",
        "rfm_segments",
        "rfm_table",
        "segment_customers",
        "segment_definitions",
        "segment_summary",
    ),
    "cohorts": (
        "average_retention_by_market",
        "cohort_counts",
        "retention_by_market",
        "retention_matrix",
    ),
    "churn": (
        "churn_dataset",
        "evaluate_churn_warning",
        "frequency_rule",
        "model_coefficients",
        "precision_recall",
    ),
    "satisfaction": (
        "csat",
        "outcome_table",
        "repurchase_by_score",
        "response_satisfaction_correlation",
        "response_time_bands",
        "satisfaction_by",
        "value_of_faster_resolution",
    ),
}

__all__, __getattr__, __dir__ = lazy_exports(__name__, EXPORTS)
