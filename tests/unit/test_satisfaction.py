"""Satisfaction evaluation on hand-made tickets with known answers, and the complaint table from the committed tickets."""

import numpy as np
import pandas as pd
import pytest

from retention.complaints import COMPLAINT_OUTCOMES
from retention.data import card, load_support_tickets
from retention.satisfaction import (
    csat,
    outcome_table,
    repurchase_by_score,
    response_satisfaction_correlation,
    response_time_bands,
    satisfaction_by,
    value_of_faster_resolution,
)


@pytest.fixture
def tickets():
    return pd.DataFrame(
        {
            "channel": ["chat", "chat", "email", "email", "phone", None],
            "first_response_hours": [0.5, 2.0, 10.0, 30.0, 0.1, np.nan],
            "outcome": ["resolved_quickly", "resolved_quickly", "resolved", "unresolved", "resolved_quickly", "silent"],
            "satisfaction": [5, 4, 3, 1, 5, 2],
            "repurchased": [True, True, False, False, False, False],
        }
    )


def test_csat():
    assert csat([5, 4, 3, 1]) == 0.5
    with pytest.raises(ValueError):
        csat([0, 5])
    with pytest.raises(ValueError):
        csat([])


def test_outcome_table_known_answer(tickets):
    table = outcome_table(tickets)
    assert table.index.tolist() == list(COMPLAINT_OUTCOMES)
    assert table["cases"].tolist() == [3, 1, 1, 1]
    assert table.loc["resolved_quickly", "buy_again"] == pytest.approx(2 / 3)
    assert table.loc["resolved_quickly", "mean_satisfaction"] == pytest.approx(14 / 3)
    assert table.loc["unresolved", "leave"] == 1.0
    assert table["seed_buy_again"].tolist() == [v["repurchase"] for v in COMPLAINT_OUTCOMES.values()]
    with pytest.raises(ValueError, match="unknown outcome"):
        outcome_table(tickets.assign(outcome="happy"))
    with pytest.raises(ValueError, match="1 to 5"):
        outcome_table(tickets.assign(satisfaction=7))


def test_response_time_bands_known_answer(tickets):
    bands = response_time_bands(tickets)
    assert bands.index.tolist() == ["0–1 h", "1–4 h", "4–12 h", "12–24 h", "24–48 h", "≥48 h"]
    assert bands["cases"].tolist() == [2, 1, 1, 0, 1, 0]
    assert bands.loc["0–1 h", "mean_satisfaction"] == 5.0
    assert bands.loc["0–1 h", "repurchase_rate"] == 0.5
    assert bands.loc["24–48 h", "resolved_quickly"] == 0.0
    with pytest.raises(ValueError, match="increasing"):
        response_time_bands(tickets, bands=(0, 5, 5))


def test_satisfaction_by_channel(tickets):
    table = satisfaction_by(tickets, "channel")
    assert table.index.tolist() == ["phone", "chat", "email"]  # sorted by mean satisfaction; silent cases have none
    assert table.loc["chat", "csat"] == 1.0 and table.loc["email", "csat"] == 0.0
    with pytest.raises(ValueError, match="missing column"):
        satisfaction_by(tickets, "country")


def test_repurchase_by_score(tickets):
    table = repurchase_by_score(tickets)
    assert table.index.tolist() == [1, 2, 3, 4, 5]
    assert table["cases"].tolist() == [1, 1, 1, 1, 2]
    assert table.loc[5, "repurchase_rate"] == 0.5


def test_correlation_and_value(tickets):
    assert response_satisfaction_correlation(tickets) < 0
    value = value_of_faster_resolution(tickets, customer_value=100)
    assert value["cases"] == 1
    assert value["value_kept"] == pytest.approx(100 * 2 / 3)
    with pytest.raises(ValueError, match="customer_value"):
        value_of_faster_resolution(tickets, -1)


def test_committed_tickets_reproduce_the_complaint_table():
    table = outcome_table(load_support_tickets())
    assert table["cases"].sum() == card("support_tickets").counts["tickets"]
    assert (table["buy_again"] - table["seed_buy_again"]).abs().max() < 0.05
    assert table["buy_again"].is_monotonic_decreasing  # quick > resolved > unresolved > silent, as in the seed


def test_every_response_band_has_a_chinese_name_for_the_tables():
    from retention.satisfaction import RESPONSE_BANDS, band_names
    from retention.ui.tables import value_labels

    names = band_names()
    assert len(names) == len(RESPONSE_BANDS) - 1
    assert all(zh.endswith("小时") and zh != en and value_labels()[en] == (en, zh) for en, zh in names.values())
    assert names["≥48 h"] == ("≥48 h", "≥48 小时")
