"""What each lesson notebook's glued results must equal, computed by the package's tested functions.

Keys are notebook file stems, then the names passed to ``glue`` in the notebook. Every glued value
must have an entry here, so no lesson number goes unchecked.
"""

from retention import churn_cost_table, complaint_outcome_table, ltv_growth_table

EXPECTED = {
    "01_why_keep_customers": {
        "ltv_table": lambda: ltv_growth_table(),
        "churn_table": lambda: churn_cost_table(customers=1000, acquisition_multiple=5),
        "complaint_table": lambda: complaint_outcome_table(),
    },
}
