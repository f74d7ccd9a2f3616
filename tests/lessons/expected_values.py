"""What each lesson notebook's glued results must equal, computed by the package's tested functions.

Keys are notebook file stems, then the names passed to ``glue`` in the notebook. Every glued value
must have an entry here, so no lesson number goes unchecked.
"""

from functools import lru_cache

from myst_nb.ext.glue import GLUE_PREFIX

import retention as rt
from retention import (
    churn_cost,
    churn_cost_table,
    complaint_outcome_table,
    discounted_clv,
    ltv_growth_table,
    profit_impact_of_retention,
    value_of_better_complaint_handling,
)
from retention.churn import evaluate_churn_warning
from retention.cleaning import clean_transactions, summary_counts
from retention.cohorts import average_retention_by_market, cohort_counts
from retention.concentration import gini, top_share, top_share_for
from retention.customers import country_mix, customer_revenue, market_summary
from retention.data import load_online_retail, load_support_tickets
from retention.rfm import rfm_segments, segment_summary
from retention.satisfaction import (
    csat,
    outcome_table,
    response_satisfaction_correlation,
)


@lru_cache(maxsize=1)
def _raw():
    return load_online_retail()


@lru_cache(maxsize=1)
def _clean():
    return clean_transactions(_raw())


@lru_cache(maxsize=1)
def _segments():
    return segment_summary(rfm_segments(_clean()))


@lru_cache(maxsize=1)
def _curves():
    return average_retention_by_market(_clean())


@lru_cache(maxsize=1)
def _churn():
    return evaluate_churn_warning(clean_transactions(_raw(), cancellations="net"), "2011-06-01", "2011-09-01", 90)


def _precision(method, column):
    return lambda: round(float(_churn()["comparison"].loc[method, column]), 3)


DATA_EXPECTED = {
    "31_data_cleaning": {
        "raw_rows": lambda: summary_counts(_raw())["rows"],
        "raw_invoices": lambda: summary_counts(_raw())["invoices"],
        "cancellation_invoices": lambda: summary_counts(_raw())["cancellation_invoices"],
        "clean_rows": lambda: len(_clean()),
        "clean_customers": lambda: int(_clean()["CustomerID"].nunique()),
        "clean_revenue": lambda: round(float(_clean()["Revenue"].sum()), 2),
    },
    "32_who_are_the_customers": {
        "countries": lambda: int(len(country_mix(_clean()))),
        "cross_border_revenue_share": lambda: round(float(market_summary(_clean()).loc["cross-border", "revenue_share"]), 4),
        "top20_share": lambda: round(top_share(customer_revenue(_clean()), 0.20), 4),
        "share_for_80": lambda: round(top_share_for(customer_revenue(_clean()), 0.80), 4),
        "gini": lambda: round(gini(customer_revenue(_clean())), 3),
    },
    "33_rfm_segments": {
        "n_champions": lambda: int(_segments().loc["champions", "customers"]),
        "champions_revenue_share": lambda: round(float(_segments().loc["champions", "revenue_share"]), 4),
        "at_risk_customers": lambda: int(_segments().loc[["at_risk", "cant_lose"], "customers"].sum()),
    },
    "34_cohort_retention": {
        "n_cohorts": lambda: int(len(cohort_counts(_clean()))),
        "month1_retention_domestic": lambda: round(float(_curves().loc[1, "domestic"]), 4),
        "month1_retention_cross_border": lambda: round(float(_curves().loc[1, "cross-border"]), 4),
    },
    "35_churn_early_warning": {
        "test_churn_rate": lambda: round(float(_churn()["test"]["churned"].mean()), 3),
        "baseline_precision": _precision("baseline", "precision"),
        "logistic_precision": _precision("logistic", "precision"),
        "baseline_recall": _precision("baseline", "recall"),
        "logistic_recall": _precision("logistic", "recall"),
        "top_decile_lift": lambda: round(float(_churn()["lift"].loc[1, "lift"]), 2),
    },
    "36_satisfaction": {
        "csat_all": lambda: round(csat(load_support_tickets()["satisfaction"]), 3),
        "response_corr": lambda: round(response_satisfaction_correlation(load_support_tickets()), 3),
        "quick_repurchase": lambda: round(float(outcome_table(load_support_tickets()).loc["resolved_quickly", "buy_again"]), 3),
        "silent_repurchase": lambda: round(float(outcome_table(load_support_tickets()).loc["silent", "buy_again"]), 3),
    },
}


EXPECTED = {
    "01_why_keep_customers": {
        "ltv_table": lambda: ltv_growth_table(),
        "churn_table": lambda: churn_cost_table(customers=1000, acquisition_multiple=5),
        "complaint_table": lambda: complaint_outcome_table(),
    },
    "02_why_customers_leave": {
        "selling_table": lambda: rt.selling_scenario_table(contacts=100),
        "prospects_for_100_lost": lambda: rt.prospects_needed(100),
    },
    "03_ways_to_keep_customers": {
        "follow_up_plan": lambda: rt.follow_up_plan_table(),
        "follow_up_workload": lambda: rt.follow_up_workload(
            {"vip": 100, "regular": 400, "new": 300, "at-risk": 150, "after-complaint": 50}
        ),
        "referral_table": lambda: rt.referral_table(new_customers=500, acquisition_multiple=5),
    },
    "04_crm_terms": {
        "renewal_gain": lambda: rt.early_renewal_offer(1000, 60, 0.60, 0.75, 0.10).gain,
        "renewal_break_even": lambda: rt.early_renewal_offer(1000, 60, 0.60, 0.75, 0.10).break_even_renewal,
        "crm_terms": lambda: rt.crm_terms_table(),
    },
    "05_complaints_and_disputes": {
        "complaint_table": lambda: complaint_outcome_table(),
        "complaint_value_table": lambda: rt.complaint_value_table(complaints=100, customer_value=1000),
        "quick_vs_unresolved": lambda: round(value_of_better_complaint_handling(100, 1000, "unresolved", "resolved_quickly"), 2),
        "mix_value_kept": lambda: rt.complaint_mix(100, 1000, 0.5, 0.3).value_kept,
        "silent_loss": lambda: rt.silent_loss(unhappy=100, complain_share=0.04, customer_value=1000),
    },
    "06_customer_care_economics": {
        "clv_80": lambda: round(discounted_clv(margin=100, retention=0.80, discount=0.10), 2),
        "uplift_table": lambda: rt.retention_uplift_table(retentions=(0.60, 0.70, 0.80, 0.90), change=0.05, margin=100, discount=0.10),
        "uplift_80": lambda: round(profit_impact_of_retention(0.80, 0.05, discount=0.10), 4),
        "drop_80": lambda: round(profit_impact_of_retention(0.80, -0.05, discount=0.10), 4),
        "churn_by_multiple": lambda: rt.churn_cost_by_multiple(customers=1000, churn_rate=0.10, multiples=(3, 5, 7, 10)),
        "sigma_85": lambda: round(rt.lognormal_sigma_for_share(top=0.20, share=0.85), 4),
        "pareto_table": lambda: rt.pareto_table(sigma=rt.lognormal_sigma_for_share(0.20, 0.85)),
        "sample_top20": lambda: round(rt.top_share(rt.simulated_customer_values(1000, 1.88, 50, 2024), 0.20), 4),
        "myth_churn_extra": lambda: churn_cost(1000, 0.10, 5).total_cost - churn_cost(1000, 0.0, 5).total_cost,
        "myth_one_agent": lambda: round(value_of_better_complaint_handling(20 * 48, 300, "resolved", "resolved_quickly"), 2),
        "myth_silent": lambda: rt.silent_loss(unhappy=100, complain_share=0.04, customer_value=1000),
    },
    "07_service_teams": {
        "staffing_table": lambda: rt.staffing_table(handle_minutes=6, target_minutes=2, target_share=0.80, shrinkage=0.30),
        "training_saved": lambda: rt.training_value(5000, 0.25, 0.22, 300, 30000).customers_saved,
        "training_net": lambda: rt.training_value(5000, 0.25, 0.22, 300, 30000).net,
        "training_return": lambda: rt.training_value(5000, 0.25, 0.22, 300, 30000).return_on_cost,
    },
    "08_case_studies": {
        "case_complaint_value": lambda: round(value_of_better_complaint_handling(120, 250, "unresolved", "resolved_quickly"), 2),
        "case_return_route": lambda: rt.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).return_route,
        "case_refund_only": lambda: rt.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).refund_only,
        "case_refund_saving": lambda: rt.return_or_refund(item_cost=20, return_postage=18, handling=3, resale_share=0.8).saving,
        "case_churn_extra": lambda: churn_cost(2000, 0.15, 5).total_cost - churn_cost(2000, 0.10, 5).total_cost,
    },
    **DATA_EXPECTED,
}


def glued_values(nb) -> dict[str, dict]:
    """The display data of every output recorded with myst_nb.glue, by name."""
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:  # glue(..., display=False) prefixes each MIME type; the value is the same
                found[name] = {mime.removeprefix(GLUE_PREFIX): data for mime, data in output["data"].items()}
    return found


def rendering(value) -> tuple[str, str]:
    """How the kernel displays ``value``: its HTML if it has one (tables), else its text."""
    html = getattr(value, "_repr_html_", None)
    return ("text/html", html()) if html else ("text/plain", repr(value))


def assert_glued_values_match_package(stem: str, nb) -> None:
    """Every value lesson ``stem`` glued is displayed exactly as the package's result, and none is unchecked."""
    glued = glued_values(nb)
    expected = EXPECTED.get(stem, {})
    assert set(glued) == set(expected), "every glued value needs an expectation in tests/lessons/expected_values.py"
    for name, compute in expected.items():
        mime, shown = rendering(compute())
        assert glued[name].get(mime) == shown, f"{stem}: glued {name!r} differs from the package's result"
