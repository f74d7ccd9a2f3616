"""Campaign return on investment: a hand-worked case, the precision-marketing comparison, bad input, and the calculator."""

import pytest

from retention.marketing import campaign_roi
from retention.ui.calculators import campaign_calculator, campaign_html


def test_hand_worked_campaign():
    # 500 contacts, 12% buy (5% would anyway): 35 extra orders x £40 = £1,400; cost 500 x £0.50 + 60 x £5 = £550
    result = campaign_roi(500, 0.12, 0.05, 40, 0.5, 5)
    assert (result.extra_orders, result.extra_margin, result.cost, result.net) == (35, 1400, 550, 850)
    assert result.roi == pytest.approx(850 / 550)


def test_precision_beats_a_mass_mailing_with_the_same_lift_per_buyer():
    """The same offer to everyone: more contacts, a smaller lift, and incentives paid to those who buy anyway."""
    targeted = campaign_roi(500, 0.12, 0.05, 40, 0.5, 5)
    mass = campaign_roi(4000, 0.06, 0.045, 40, 0.5, 5)
    assert targeted.roi > 0 > mass.roi


def test_a_campaign_that_adds_no_orders_loses_its_cost():
    result = campaign_roi(100, 0.05, 0.05, 40, 1, 0)
    assert (result.extra_orders, result.net, result.roi) == (0, -100, -1)


@pytest.mark.parametrize("args, match", [
    ((100, 1.2, 0.05, 40, 1, 0), "response_rate"),
    ((-1, 0.1, 0.05, 40, 1, 0), "contacts"),
    ((100, 0.1, 0.05, 40, 1, 50), "larger than margin_per_order"),
    ((0, 0.1, 0.05, 40, 1, 0), "costs nothing"),
    ((100, "10%", 0.05, 40, 1, 0), "response_rate must be a number"),
])
def test_bad_input_names_the_argument(args, match):
    with pytest.raises(ValueError, match=match):
        campaign_roi(*args)


def test_calculator_shows_the_package_result_in_both_languages_and_follows_a_slider():
    calc = campaign_calculator()
    assert calc.result.value == campaign_html(**calc.values)
    assert "155%" in calc.result.value and "投资回报率" in calc.result.value and "Return on investment" in calc.result.value
    calc.controls["response_rate"].value = 0.05
    assert f"{campaign_roi(500, 0.05, 0.05, 40, 0.5, 5).roi:.0%}" in calc.result.value
    calc.controls["incentive_per_order"].value = 45
    assert "无法计算" in calc.result.value and "Cannot compute" in calc.result.value
