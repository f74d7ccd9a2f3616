"""What each data lesson's glued values must equal, computed by the package (keys: notebook stem, then glue name).

The lead's tests/notebook_expectations.py can take these over with ``EXPECTED.update(DATA_EXPECTED)``.
Values are plain numbers, so the comparison is on their text/plain repr.
"""

from functools import lru_cache

from retention.churn import evaluate_churn_warning
from retention.cleaning import clean_transactions, summary_counts
from retention.cohorts import average_retention_by_market, cohort_counts
from retention.customers import country_mix, customer_revenue, gini, market_summary, pareto_share, top_share_for
from retention.data import load_online_retail, load_support_tickets
from retention.rfm import rfm_segments, segment_summary
from retention.satisfaction import csat, outcome_table, response_satisfaction_correlation


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
        "top20_share": lambda: round(pareto_share(customer_revenue(_clean()), 0.20), 4),
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
