"""Self-check quizzes: every file is well formed, numeric answers agree with the package, and both
the JupyterLab widgets and the book's HTML form mark the right option right and the others wrong."""

import re

import pytest

import retention as rt
from retention.ui.quiz import (
    QuestionWidget,
    QuizError,
    available_quizzes,
    load_quiz,
    quiz_html,
)

QUIZZES = available_quizzes()

# Every quiz answer that is a number, and how the package computes it: (quiz, question id) -> value.
# A question whose correct option carries a "value" must be listed here, so none goes unchecked.
ANSWERS = {
    ("01_why_keep_customers", "ltv-seed"): lambda: rt.lifetime_value(10, 10, 10),
    ("01_why_keep_customers", "churn-total"): lambda: rt.churn_cost(1000, 0.10, 5).total_cost,
    ("02_why_customers_leave", "lost-sales"): lambda: rt.expected_sales(200, 0.50),
    ("02_why_customers_leave", "prospects-to-replace"): lambda: rt.prospects_needed(100),
    ("03_ways_to_keep_customers", "referral-cost"): lambda: rt.referral_scenario(500, 0.60, -0.5, 5).replacement_cost,
    ("03_ways_to_keep_customers", "workload"): lambda: rt.follow_up_workload({"vip": 100, "regular": 400})["contacts"].iloc[-1],
    ("04_crm_terms", "renewal-gain"): lambda: rt.early_renewal_offer(1000, 60, 0.60, 0.75, 0.10).gain,
    ("05_complaints_and_disputes", "quick-resolution-value"): lambda: rt.value_of_better_complaint_handling(100, 1000),
    ("05_complaints_and_disputes", "slow-to-quick"): lambda: rt.value_of_better_complaint_handling(300, 400, "resolved", "resolved_quickly"),
    ("06_customer_care_economics", "discounted-clv"): lambda: rt.discounted_clv(100, 0.80, 0.10),
    ("06_customer_care_economics", "five-points"): lambda: rt.profit_impact_of_retention(0.80, 0.05, 0.10),
    ("06_customer_care_economics", "churn-at-ten-times"): lambda: rt.churn_cost(1000, 0.10, 10).total_cost,
    ("06_customer_care_economics", "pareto-equal"): lambda: rt.lognormal_top_share(0, 0.20),
    ("07_service_teams", "europe-agents"): lambda: rt.agents_needed(90, 6, 2, 0.80),
    ("07_service_teams", "training-net"): lambda: rt.training_value(5000, 0.25, 0.22, 300, 30000).net,
    ("08_case_studies", "case-complaint-value"): lambda: rt.value_of_better_complaint_handling(120, 250),
    ("08_case_studies", "refund-saving"): lambda: rt.return_or_refund(20, 18, 3, 0.8).saving,
    ("08_case_studies", "case-churn-extra"): lambda: rt.churn_cost(2000, 0.15, 5).total_cost - rt.churn_cost(2000, 0.10, 5).total_cost,
    ("31_data_cleaning", "count-invoices"): lambda: rt.summary_counts(rt.load_online_retail())["invoices"],
    ("32_who_are_the_customers", "pareto-real"): lambda: round(
        100 * rt.top_share(rt.customer_revenue(rt.clean_transactions(rt.load_online_retail())), 0.2)
    ),
    ("36_satisfaction", "quick-value"): lambda: rt.value_of_better_complaint_handling(100, 1000),
}


def test_there_are_quizzes():
    assert QUIZZES


@pytest.mark.parametrize("name", QUIZZES)
def test_numeric_answers_agree_with_the_package(name):
    for q in load_quiz(name):
        value = q.options[q.answer].get("value")
        if value is None:
            assert (name, q.id) not in ANSWERS, f"{name}/{q.id}: the correct option needs a 'value' to compare"
            continue
        assert (name, q.id) in ANSWERS, f"{name}/{q.id}: add how the package computes this answer to ANSWERS"
        assert ANSWERS[name, q.id]() == pytest.approx(value), f"{name}/{q.id}: the marked answer is not what the package computes"
        others = [o["value"] for i, o in enumerate(q.options) if i != q.answer and "value" in o]
        assert all(v != pytest.approx(value) for v in others), f"{name}/{q.id}: two options have the right value"


def test_every_listed_answer_belongs_to_a_question():
    known = {(name, q.id) for name in QUIZZES for q in load_quiz(name)}
    assert set(ANSWERS) <= known


@pytest.mark.parametrize("name", QUIZZES)
def test_widgets_mark_only_the_right_answer_correct(name):
    for number, q in enumerate(load_quiz(name), start=1):
        widget = QuestionWidget(q, number)
        for choice in range(len(q.options)):
            widget.choices.value = choice
            assert ("回答正确" in widget.feedback.value) == (choice == q.answer)


@pytest.mark.parametrize("name", QUIZZES)
def test_html_form_carries_every_question_and_its_answer(name):
    page = quiz_html(name)
    questions = load_quiz(name)
    assert re.findall(r'data-answer="(\d+)"', page) == [str(q.answer) for q in questions]
    assert page.count('type="radio"') == sum(len(q.options) for q in questions)


@pytest.mark.parametrize("name", QUIZZES)
def test_quiz_is_used_by_its_lesson(name):
    from paths import ROOT

    lesson = ROOT / "notebooks" / f"{name}.ipynb"
    assert lesson.is_file() and f'show_quiz(\\"{name}\\")' in lesson.read_text(encoding="utf-8")


def test_unknown_quiz_names_the_available_ones():
    with pytest.raises(QuizError, match="available"):
        load_quiz("no_such_lesson")
