"""What each lesson notebook's glued results must equal, computed by the package's tested functions.

Keys are notebook file stems, then the names passed to ``glue`` in the notebook. Every glued value
must have an entry here, so no lesson number goes unchecked.
"""

from retention import churn_cost_table, complaint_outcome_table, ltv_growth_table
from retention import relationships as rel
from retention import care_economics as care
from retention import churn_cost, discounted_clv, profit_impact_of_retention, value_of_better_complaint_handling

EXPECTED = {
    "01_why_keep_customers": {
        "ltv_table": lambda: ltv_growth_table(),
        "churn_table": lambda: churn_cost_table(customers=1000, acquisition_multiple=5),
        "complaint_table": lambda: complaint_outcome_table(),
    },
    "02_why_customers_leave": {
        "selling_table": lambda: rel.selling_scenario_table(contacts=100),
        "prospects_for_100_lost": lambda: rel.prospects_needed(100),
    },
    "03_ways_to_keep_customers": {
        "follow_up_plan": lambda: rel.follow_up_plan_table(),
        "follow_up_workload": lambda: rel.follow_up_workload(
            {"vip": 100, "regular": 400, "new": 300, "at-risk": 150, "after-complaint": 50}
        ),
        "referral_table": lambda: rel.referral_table(new_customers=500, acquisition_multiple=5),
    },
    "04_crm_terms": {
        "renewal_gain": lambda: rel.early_renewal_offer(1000, 60, 0.60, 0.75, 0.10).gain,
        "renewal_break_even": lambda: rel.early_renewal_offer(1000, 60, 0.60, 0.75, 0.10).break_even_renewal,
        "crm_terms": lambda: rel.crm_terms_table(),
    },
    "05_complaints_and_disputes": {
        "complaint_table": lambda: complaint_outcome_table(),
        "complaint_value_table": lambda: care.complaint_value_table(complaints=100, customer_value=1000),
        "quick_vs_unresolved": lambda: round(value_of_better_complaint_handling(100, 1000, "unresolved", "resolved_quickly"), 2),
        "mix_value_kept": lambda: care.complaint_mix(100, 1000, 0.5, 0.3).value_kept,
        "silent_loss": lambda: care.silent_loss(unhappy=100, complain_share=0.04, customer_value=1000),
    },
    "06_customer_care_economics": {
        "clv_80": lambda: round(discounted_clv(margin=100, retention=0.80, discount=0.10), 2),
        "uplift_table": lambda: care.retention_uplift_table(retentions=(0.60, 0.70, 0.80, 0.90), change=0.05, margin=100, discount=0.10),
        "uplift_80": lambda: round(profit_impact_of_retention(0.80, 0.05, discount=0.10), 4),
        "drop_80": lambda: round(profit_impact_of_retention(0.80, -0.05, discount=0.10), 4),
        "churn_by_multiple": lambda: care.churn_cost_by_multiple(customers=1000, churn_rate=0.10, multiples=(3, 5, 7, 10)),
        "sigma_85": lambda: round(care.lognormal_sigma_for_share(top=0.20, share=0.85), 4),
        "pareto_table": lambda: care.pareto_table(sigma=care.lognormal_sigma_for_share(0.20, 0.85)),
        "sample_top20": lambda: round(care.top_share(care.simulated_customer_values(1000, 1.88, 50, 2024), 0.20), 4),
        "myth_churn_extra": lambda: churn_cost(1000, 0.10, 5).total_cost - churn_cost(1000, 0.0, 5).total_cost,
        "myth_one_agent": lambda: round(value_of_better_complaint_handling(20 * 48, 300, "resolved", "resolved_quickly"), 2),
        "myth_silent": lambda: care.silent_loss(unhappy=100, complain_share=0.04, customer_value=1000),
    },
    "07_service_teams": {
        "staffing_table": lambda: care.staffing_table(handle_minutes=6, target_minutes=2, target_share=0.80, shrinkage=0.30),
        "training_saved": lambda: care.training_value(5000, 0.25, 0.22, 300, 30000).customers_saved,
        "training_net": lambda: care.training_value(5000, 0.25, 0.22, 300, 30000).net,
        "training_return": lambda: care.training_value(5000, 0.25, 0.22, 300, 30000).return_on_cost,
    },
    "08_case_studies": {
        "case_complaint_value": lambda: round(value_of_better_complaint_handling(120, 250, "unresolved", "resolved_quickly"), 2),
        "case_return_route": lambda: care.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).return_route,
        "case_refund_only": lambda: care.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).refund_only,
        "case_refund_saving": lambda: care.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).saving,
        "case_churn_extra": lambda: churn_cost(2000, 0.15, 5).total_cost - churn_cost(2000, 0.10, 5).total_cost,
    },
}

# The data lessons' expectations live beside their tests.
from data_lesson_expectations import DATA_EXPECTED  # noqa: E402

EXPECTED.update(DATA_EXPECTED)
