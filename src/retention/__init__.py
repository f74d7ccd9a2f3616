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
  :mod:`~retention.numbers`, :mod:`~retention.assignments` (what assignment tests import).
"""

from retention.acquisition import (
    P_EXISTING,
    P_NEW,
    REFERRAL_SHARE,
    ChurnCost,
    churn_cost,
    churn_cost_by_multiple,
    churn_cost_table,
    expected_sales,
    prospects_needed,
    referral_scenario,
    referral_table,
    selling_scenario_table,
)
from retention.churn import churn_dataset, evaluate_churn_warning, model_coefficients
from retention.claims import claim, claims_table
from retention.cleaning import clean_transactions, cleaning_report, extreme_lines, quirk_counts, summary_counts
from retention.cohorts import average_retention_by_market, cohort_counts, retention_by_market, retention_matrix
from retention.complaints import (
    COMPLAINT_OUTCOMES,
    complaint_mix,
    complaint_outcome_table,
    complaint_value_table,
    return_or_refund,
    silent_loss,
    value_of_better_complaint_handling,
)
from retention.concentration import (
    gini,
    lognormal_sigma_for_share,
    lognormal_top_share,
    lorenz_curve,
    pareto_table,
    simulated_customer_values,
    top_share,
    top_share_for,
)
from retention.crm import (
    CUSTOMER_CLASSES,
    crm_terms_table,
    customer_class,
    early_renewal_offer,
    follow_up_plan_table,
    follow_up_workload,
)
from retention.customers import country_mix, customer_revenue, market_summary, order_size_summary, order_sizes
from retention.data import load_online_retail, load_support_tickets
from retention.rfm import rfm_scores, rfm_segments, rfm_table, segment_customers, segment_definitions, segment_summary
from retention.satisfaction import (
    csat,
    outcome_table,
    repurchase_by_score,
    response_satisfaction_correlation,
    response_time_bands,
    satisfaction_by,
    value_of_faster_resolution,
)
from retention.service_desk import agents_needed, service_level, staffing_table, training_value
from retention.value import (
    discounted_clv,
    lifetime_value,
    ltv_growth_table,
    profit_impact_of_retention,
    retention_uplift_table,
)

__all__ = [
    "agents_needed",
    "average_retention_by_market",
    "churn_cost",
    "churn_cost_by_multiple",
    "churn_cost_table",
    "churn_dataset",
    "ChurnCost",
    "claim",
    "claims_table",
    "clean_transactions",
    "cleaning_report",
    "cohort_counts",
    "complaint_mix",
    "complaint_outcome_table",
    "COMPLAINT_OUTCOMES",
    "complaint_value_table",
    "country_mix",
    "crm_terms_table",
    "csat",
    "customer_class",
    "CUSTOMER_CLASSES",
    "customer_revenue",
    "discounted_clv",
    "early_renewal_offer",
    "evaluate_churn_warning",
    "expected_sales",
    "extreme_lines",
    "follow_up_plan_table",
    "follow_up_workload",
    "gini",
    "lifetime_value",
    "load_online_retail",
    "load_support_tickets",
    "lognormal_sigma_for_share",
    "lognormal_top_share",
    "lorenz_curve",
    "ltv_growth_table",
    "market_summary",
    "model_coefficients",
    "order_size_summary",
    "order_sizes",
    "outcome_table",
    "P_EXISTING",
    "P_NEW",
    "pareto_table",
    "profit_impact_of_retention",
    "prospects_needed",
    "quirk_counts",
    "referral_scenario",
    "REFERRAL_SHARE",
    "referral_table",
    "repurchase_by_score",
    "response_satisfaction_correlation",
    "response_time_bands",
    "retention_by_market",
    "retention_matrix",
    "retention_uplift_table",
    "return_or_refund",
    "rfm_scores",
    "rfm_segments",
    "rfm_table",
    "satisfaction_by",
    "segment_customers",
    "segment_definitions",
    "segment_summary",
    "selling_scenario_table",
    "service_level",
    "silent_loss",
    "simulated_customer_values",
    "staffing_table",
    "summary_counts",
    "top_share",
    "top_share_for",
    "training_value",
    "value_of_better_complaint_handling",
    "value_of_faster_resolution",
]
