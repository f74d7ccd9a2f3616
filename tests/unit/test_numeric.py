"""Every formula refuses a bad argument with a clear ValueError naming it (the checks of retention.numeric)."""

import re

import pytest

from retention import acquisition, complaints, concentration, crm, service_desk, value


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: acquisition.churn_cost(-1, 0.1), "customers"),
        (lambda: acquisition.churn_cost(1000, 1.5), "churn_rate"),
        (lambda: acquisition.churn_cost(1000, -0.1), "churn_rate"),
        (lambda: acquisition.churn_cost(1000, 0.1, acquisition_multiple=0), "acquisition_multiple"),
        (lambda: value.lifetime_value(-10, 10, 1), "order_value"),
        (lambda: value.lifetime_value(10, "ten", 1), "orders_per_year"),
        (lambda: value.lifetime_value(10, 10, float("nan")), "years"),
        (lambda: value.discounted_clv(100, 1.0, 0.0), "retention"),
        (lambda: value.discounted_clv(100, 1.2, 0.3), "retention"),
        (lambda: value.discounted_clv(100, 0.5, -0.1), "discount"),
        (lambda: complaints.value_of_better_complaint_handling(10, 100, before="ignored"), "before"),
        (lambda: value.profit_impact_of_retention(0.9, 0.2), "change"),
    ],
)
def test_value_and_churn_formulas_refuse_bad_arguments(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: acquisition.expected_sales(-1, 0.5), "contacts"),
        (lambda: acquisition.expected_sales(10, 1.5), "probability"),
        (lambda: acquisition.prospects_needed(10, 0, 0.5), "p_new"),
        (lambda: acquisition.prospects_needed(10, 0.15, -0.1), "p_existing"),
        (lambda: acquisition.prospects_needed("ten"), "lost_customers"),
        (lambda: acquisition.selling_scenario_table(100, p_new=2), "p_new"),
        (lambda: acquisition.referral_scenario(-5), "new_customers"),
        (lambda: acquisition.referral_scenario(100, referral_share=1.2), "referral_share"),
        (lambda: acquisition.referral_scenario(100, referral_change=-2), "referral_change"),
        (lambda: acquisition.referral_scenario(100, acquisition_multiple=0), "acquisition_multiple"),
        (lambda: crm.customer_class(0, 10, 0.5), "orders"),
        (lambda: crm.customer_class(2, -1, 0.5), "days_since_last_order"),
        (lambda: crm.customer_class(2, 10, 1.5), "profit_rank_share"),
        (lambda: crm.customer_class(2, 10, 0.5, complained_recently="yes"), "complained_recently"),
        (lambda: crm.follow_up_workload({"gold": 5}), "counts"),
        (lambda: crm.follow_up_workload({"vip": -5}), "counts"),
        (lambda: crm.early_renewal_offer(100, 120, 0.6, 0.7, discount=1.5), "discount"),
        (lambda: crm.early_renewal_offer(100, -1, 0.6, 0.7), "price"),
        (lambda: crm.early_renewal_offer(100, 120, 1.6, 0.7), "renewal_without"),
    ],
)
def test_selling_and_crm_formulas_refuse_bad_arguments(call, argument):
    with pytest.raises(ValueError, match=re.escape(argument)):
        call()


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: complaints.complaint_mix(-1, 100, 0.5, 0.3), "complaints"),
        (lambda: complaints.complaint_mix(10, 100, 0.8, 0.3), "quick_share \\+ slow_share"),
        (lambda: complaints.complaint_mix(10, "a lot", 0.5, 0.3), "customer_value"),
        (lambda: complaints.silent_loss(10, 1.5, 100), "complain_share"),
        (lambda: concentration.top_share([1, 2], 0), "top"),
        (lambda: concentration.top_share([], 0.2), "values"),
        (lambda: concentration.top_share([0, 0], 0.2), "values"),
        (lambda: concentration.top_share([1, -2], 0.2), "values"),
        (lambda: concentration.lognormal_top_share(-1, 0.2), "sigma"),
        (lambda: concentration.lognormal_sigma_for_share(0.2, 0.1), "share"),
        (lambda: concentration.pareto_top_share(1, 0.2), "alpha"),
        (lambda: service_desk.erlang_c(0, 1), "agents"),
        (lambda: service_desk.service_level(2, -5, 6, 2), "per_hour"),
        (lambda: service_desk.agents_needed(50, 0, 2, 0.8), "handle_minutes"),
        (lambda: service_desk.agents_needed(50, 6, 2, 1), "target_share"),
        (lambda: service_desk.staffing_table(shrinkage=1), "shrinkage"),
        (lambda: service_desk.training_value(100, 0.1, 0.2, 100, 10), "churn_after"),
        (lambda: service_desk.training_value(100, 0.2, 0.1, 100, -10), "cost"),
        (lambda: complaints.return_or_refund(10, 5, 0, 2), "resale_share"),
        (lambda: concentration.simulated_customer_values(0), "customers"),
    ],
)
def test_care_formulas_refuse_bad_arguments(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
