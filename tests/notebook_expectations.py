"""What each lesson notebook's glued results must equal, computed by the package's tested functions.

Keys are notebook file stems, then the names passed to ``glue`` in the notebook. Every glued value
must have an entry here, so no lesson number goes unchecked.
"""

from retention import churn_cost_table, complaint_outcome_table, ltv_growth_table
from retention import relationships as rel

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
}
