"""The assignments' expected answers, computed outside the student's kernel by the course package.

``python -m retention.assignments.expected --write PATH --assignment NAME`` writes
``{notebook: {grade_id: {name: value}}}`` as JSON; the grader runs it once per autograding run
(``c.CompareHandouts.expected_command`` in grading/nbgrader_config.py) into a folder no kernel sees
and compares each test cell's hand-out (:mod:`retention.assignments.handout`) with it. The sandbox
does not show this module to the kernel. ``{"$one_of": [...]}`` accepts any of several answers.
"""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from retention.assignments import reference, samples
from retention.assignments.handout import call_key, plain

LETTERS = {"$one_of": list("abcdefgh")}
TERMS = ["Pro-active customer care", "Follow-up", "Feedback", "Customer touch-points",
         "Customer loyalty", "Value proposition", "Tracking & learning", "Best practices"]
MATCHES = {"Pro-active customer care": "c", "Follow-up": "a", "Feedback": "e", "Customer touch-points": "b",
           "Customer loyalty": "d", "Value proposition": "f", "Tracking & learning": "h", "Best practices": "g"}
ZH_TERMS = {
    "Pro-active customer care": ["积极主动的客户服务", "主动客户服务", "主动式客户服务", "主动的客户服务"],
    "Follow-up": ["后续服务工作", "后续服务", "跟进", "回访", "后续跟进"],
    "Feedback": ["反馈意见", "反馈", "客户反馈"],
    "Customer touch-points": ["客户接触点", "接触点", "客户触点", "触点"],
    "Customer loyalty": ["客户忠诚度", "客户忠诚", "顾客忠诚度"],
    "Value proposition": ["价值主张", "价值定位", "增值建议"],
    "Tracking & learning": ["追踪与总结", "跟踪与总结", "追踪与学习", "跟踪与学习"],
    "Best practices": ["最佳实践", "最佳做法", "世界一流实践"],
}
#: The inputs a1's tests call the student's functions with (the test cells list the same ones).
CHURN_CASES = [(1000, 0.0, 5), (500, 0.3, 5), (2000, 0.25, 8), (1, 1.0, 3)]
CLV_CASES = [(50, 0.8, 0.1), (100, 0.9, 0.1), (20, 0.5, 0.0), (0, 0.7, 0.2), (75, 0.85, 0.05)]


def _a1() -> dict:
    from retention import (churn_cost, churn_cost_table, discounted_clv, lifetime_value,
                           value_of_better_complaint_handling)

    table = churn_cost_table(1000)
    return {"retention_economics": {
        "ltv_visible": {"ltv_leaves": lifetime_value(10, 10, 1)},
        "ltv_hidden": {"ltv_stays": lifetime_value(10, 10, 10), "ltv_uplift": lifetime_value(11, 11, 11)},
        "churn_visible": {call_key("churn_cost_n", (1000, 0.1)): churn_cost(1000, 0.1).total_cost},
        "churn_hidden": {call_key("churn_cost_n", (100, 0.0)): churn_cost(100, 0.0).total_cost,
                         **{call_key("churn_cost_n", c): churn_cost(*c).total_cost for c in CHURN_CASES}},
        "churn_table_test": {"churn_rate": plain(list(table["churn_rate"])),
                             "total_cost_n": plain(list(table["total_cost_n"]))},
        "complaint_test": {"extra_value": value_of_better_complaint_handling(200, 150)},
        "clv_test": {call_key("clv", c): discounted_clv(*c) for c in CLV_CASES},
    }}


def _a2() -> dict:
    first, second = TERMS[:4], TERMS[4:]
    return {"crm_language": {
        "matches_format": {"matches": {t: LETTERS for t in TERMS}},
        "matches_first": {"matches": {t: MATCHES[t] for t in first}},
        "matches_second": {"matches": {t: MATCHES[t] for t in second}},
        "zh_terms_test": {"zh_terms": {t: {"$one_of": names} for t, names in ZH_TERMS.items()}},
    }}


def _small_sales() -> pd.DataFrame:
    """a3's seven sample order lines without anonymous, returned or free lines, with Revenue (as its tests build them)."""
    tiny = samples.order_lines()
    small = tiny[tiny["CustomerID"].notna() & (tiny["Quantity"] > 0) & (tiny["UnitPrice"] > 0)].copy()
    small["Revenue"] = small["Quantity"] * small["UnitPrice"]
    return small


def _matrix(table: pd.DataFrame) -> list:
    """A cohort matrix as its test hands it out: rows and columns sorted, empty cells 0."""
    return plain(table.sort_index().sort_index(axis=1).fillna(0.0).to_numpy(dtype=float).tolist())


def _a3() -> dict:
    from retention import cohorts, rfm
    from retention.cleaning import clean_transactions

    sales = reference.a3_sales_full()
    even = reference.even_customers(sales)
    segments = rfm.segment_customers(rfm.rfm_scores(rfm.rfm_table(sales, reference.AS_OF)))
    champions = segments["segment"] == "champions"
    tiny_kept = clean_transactions(samples.order_lines(), drop_non_product=False)
    small = rfm.rfm_table(_small_sales(), "2011-01-10")
    even_rfm = rfm.rfm_table(even, reference.AS_OF)
    return {"rfm_and_cohorts": {
        "clean_visible": {"has_lines": True, "lines_without_customer": 0, "revenue_mismatches": 0},
        "clean_cancellations": {"cancellation_lines": 0, "tiny_kept": plain(sorted(
            [str(i), str(s)] for i, s in zip(tiny_kept["InvoiceNo"], tiny_kept["StockCode"])))},
        "clean_matches": {"lines": len(sales), "revenue": float(sales["Revenue"].sum()),
                          "invoices": int(sales["InvoiceNo"].nunique())},
        "rfm_small": {"table": plain(small[["recency_days", "monetary"]])},
        "rfm_frequency": {"frequency": plain(small["frequency"])},
        "rfm_full": {"table": plain(even_rfm[["recency_days", "frequency", "monetary"]])},
        "segments_visible": {"customers_not_counted_once": 0, "share_between_0_and_1": True},
        "segments_hidden": {"segment_sizes": plain(segments["segment"].value_counts()),
                            "champions_revenue_share": float(segments.loc[champions, "monetary"].sum()
                                                             / segments["monetary"].sum())},
        "cohort_visible": {"has_column_0": True, "month_0": [1.0] * 12, "cohorts": 12},
        "cohort_hidden": {"matrix": _matrix(cohorts.retention_matrix(even))},
    }}


def _call_list(features: pd.DataFrame, n: int) -> list:
    pool = features[(features["recency_days"] > 90) & (features["frequency"] >= 2)]
    pool = pool.rename_axis("CustomerID").reset_index().sort_values(["monetary", "CustomerID"], ascending=[False, True])
    return [int(c) for c in pool["CustomerID"].head(n)]


def _a4() -> dict:
    from retention import churn

    sales = reference.a4_sales_full()
    data = churn.churn_dataset(sales, reference.CUTOFF, reference.HORIZON_DAYS)
    even = reference.even_customers(data)
    scores = churn.precision_recall(even["churned"], churn.baseline_rule(even, 90))
    features = ["recency_days", "frequency", "monetary"]
    return {"churn_case_study": {
        "features_visible": {"recency_days_of_1": 11, "monetary_of_3": 50.0},
        "features_hidden": {"tiny_customers": [1, 3], "frequency_of_1": 2, "table": plain(data[features])},
        "label_visible": {"labels": [1.0, 0.0, 1.0]},
        "label_hidden": {"after_window": [1.0], "labels": plain(data["churned"].astype(float))},
        "rule_test": {"precision_small": 2 / 3, "recall_small": 2 / 3,
                      "precision": scores["precision"], "recall": scores["recall"]},
        "call_list_visible": {"small": _call_list(samples.customer_features(), 2), "call_list_length": 100},
        "call_list_hidden": {"small": _call_list(samples.customer_features(), 10),
                             "even_customers": _call_list(even[features], 100)},
    }}


def _a5() -> dict:
    """A written reply has no one expected answer: each test's hand-out is judged by :func:`check` instead."""
    from retention.assignments.replies import CHECKS

    return {"reply_to_a_buyer": {grade_id: {"$check": grade_id} for grade_id in CHECKS}}


def check(requests: list[dict]) -> dict:
    """``{grade_id: problems}`` for hand-outs the expected answers mark ``$check`` (the grader's ``check_command``).

    Each request is ``{"grade_id", "check", "answers"}``; the answers are plain data the student's test
    handed out, judged here, outside the kernel, by the same functions the test cell ran inside it.
    """
    from retention.assignments.replies import CHECKS, problems

    verdicts = {}
    for request in requests:
        name, answers = request.get("check"), request.get("answers")
        if name not in CHECKS or not isinstance(answers, dict):
            verdicts[str(request.get("grade_id"))] = [f"no such check: {name!r} · 没有这项检查"]
            continue
        verdicts[str(request["grade_id"])] = problems(name, answers.get("reply"), answers.get("options"))
    return verdicts


def expected(assignment: str) -> dict:
    """``{notebook: {grade_id: answers}}`` of ``assignment`` ({} for one without hand-outs)."""
    makers = {"a1": _a1, "a2": _a2, "a3": _a3, "a4": _a4, "a5": _a5}
    maker = makers.get(assignment[:2]) if assignment[:2] in makers and assignment[2:3] == "_" else None
    return maker() if maker else {}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write an assignment's expected answers (JSON) for the grader.")
    parser.add_argument("--write", required=True, metavar="PATH", help="the JSON file to write")
    parser.add_argument("--assignment", help="e.g. a3_rfm_and_cohorts (others: {})")
    parser.add_argument("--check", metavar="REQUESTS", help="instead: judge the hand-outs in this JSON file "
                        "([{grade_id, check, answers}]) and write {grade_id: problems}")
    args = parser.parse_args(argv)
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            verdicts = check(json.load(f))
        with open(args.write, "w", encoding="utf-8") as f:
            json.dump(verdicts, f, ensure_ascii=False)
        return 0
    if not args.assignment:
        parser.error("--assignment is needed (or --check)")
    answers = expected(args.assignment)
    with open(args.write, "w", encoding="utf-8") as f:
        json.dump(plain(answers), f, ensure_ascii=False)
    print(f"{args.assignment}: expected answers of {sum(len(t) for t in answers.values())} tests written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
