"""RFM values, tie-safe quantile scores, the segment grid and the segment summary."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from order_lines import lines

from retention.cleaning import clean_transactions
from retention.rfm import (
    SEGMENT_KEYS,
    SEGMENTS,
    quantile_score,
    rfm_scores,
    rfm_segments,
    rfm_table,
    segment_customers,
    segment_definitions,
    segment_of,
    segment_summary,
)

UK = "United Kingdom"


@pytest.fixture
def net():
    frame = lines(
        [
            ("1", "A", 2, "2011-01-01 10:00", 5.0, 1, UK),
            ("2", "A", 1, "2011-01-21 10:00", 5.0, 1, UK),
            ("2", "X1", 1, "2011-01-21 10:00", 5.0, 1, UK),
            ("3", "A", 7, "2011-01-11 10:00", 1.0, 2, UK),
            ("C4", "A", -2, "2011-01-15 10:00", 1.0, 2, UK),
        ]
    )
    return clean_transactions(frame, cancellations="net")


def test_rfm_table_known_answer(net):
    rfm = rfm_table(net, as_of="2011-02-01")
    assert rfm.loc[1].tolist() == [10, 2, 20.0]
    assert rfm.loc[2].tolist() == [20, 1, 5.0]  # the cancellation is netted, not counted as an order


def test_rfm_default_as_of_is_day_after_last(net):
    assert rfm_table(net)["recency_days"].to_dict() == {1: 0, 2: 10}


def test_rfm_bad_input(net):
    with pytest.raises(ValueError, match="as_of"):
        rfm_table(net, as_of="2011-01-05")
    with pytest.raises(ValueError, match="as_of must be a date"):
        rfm_table(net, as_of="yesterday-ish")
    with pytest.raises(ValueError, match="only cancellations"):
        rfm_table(net[net["InvoiceNo"].str.startswith("C")])
    with pytest.raises(ValueError, match="missing column"):
        rfm_table(net.drop(columns="Revenue"))


def test_quantile_score_known_answers():
    assert quantile_score(pd.Series([1, 1, 2, 3, 10])).tolist() == [1, 1, 3, 4, 5]
    assert quantile_score(pd.Series([5, 10, 1]), higher_is_better=False).tolist() == [2, 1, 4]
    with pytest.raises(ValueError, match="bins"):
        quantile_score(pd.Series([1, 2]), bins=1)
    with pytest.raises(ValueError, match="empty"):
        quantile_score(pd.Series([], dtype=float))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=300))
def test_quantile_score_properties(values):
    series = pd.Series(values)
    scores = quantile_score(series)
    assert scores.between(1, 5).all()
    # ties share a score, and a larger value never gets a lower score
    order = np.argsort(series.to_numpy(), kind="stable")
    assert (np.diff(scores.to_numpy()[order]) >= 0).all()
    assert scores.groupby(series).nunique().max() == 1


def test_segment_grid():
    cases = {
        (5, 5): "champions", (1, 1): "lost", (2, 1): "hibernating", (5, 1): "new", (4, 1): "promising",
        (3, 3): "need_attention", (1, 5): "cant_lose", (2, 3): "at_risk", (3, 4): "loyal",
        (4, 2): "potential_loyalists", (3, 1): "about_to_sleep",
    }
    r = pd.Series([k[0] for k in cases])
    f = pd.Series([k[1] for k in cases])
    assert segment_of(r, f).tolist() == list(cases.values())
    everything = segment_of(pd.Series(np.repeat(np.arange(1, 6), 5)), pd.Series(np.tile(np.arange(1, 6), 5)))
    assert set(everything) == set(SEGMENT_KEYS)
    with pytest.raises(ValueError, match="between 1 and 5"):
        segment_of(pd.Series([6]), pd.Series([1]))


def test_definitions_are_bilingual_and_actionable():
    table = segment_definitions()
    assert table["segment"].tolist() == list(SEGMENT_KEYS)
    assert len(SEGMENTS) == 11
    for column in ("en", "zh", "action_en", "action_zh", "rule"):
        assert table[column].str.len().gt(0).all()
    assert table["zh"].str.endswith("客户").all(), "one pattern for every segment name (glossary: RFM segments)"
    assert table.set_index("segment").loc[["champions", "cant_lose"], "zh"].tolist() == ["重要价值客户", "重要保持客户"]
    assert table["zh"].str.contains(r"[\u4e00-\u9fff]").all() and table["action_zh"].str.contains(r"[\u4e00-\u9fff]").all()


def test_segment_summary_known_answer():
    rfm = pd.DataFrame(
        {"recency_days": [1, 2, 300, 3], "frequency": [10, 12, 1, 1], "monetary": [100.0, 300.0, 50.0, 50.0],
         "R": [5, 5, 1, 5], "F": [5, 5, 1, 1]},
        index=pd.Index([1, 2, 3, 4], name="CustomerID"),
    )
    summary = segment_summary(segment_customers(rfm))
    assert summary.index.tolist() == ["champions", "new", "lost"]
    assert summary.loc["champions", "customers"] == 2
    assert summary.loc["champions", "revenue_share"] == pytest.approx(0.8)
    assert summary.loc["lost", "zh"] == "已流失客户"
    assert summary["customer_share"].sum() == pytest.approx(1)


def test_real_segments(clean):  # noqa: F811
    segmented = rfm_segments(clean)
    assert len(segmented) == clean["CustomerID"].nunique()
    assert set(segmented["segment"]) <= set(SEGMENT_KEYS)
    summary = segment_summary(segmented)
    assert summary["customers"].sum() == len(segmented)
    assert summary["revenue"].sum() == pytest.approx(clean["Revenue"].sum())
    # champions are recent and frequent by construction
    champions = segmented[segmented["segment"] == "champions"]
    assert (champions["R"] == 5).all() and (champions["F"] >= 4).all()
    scores = rfm_scores(rfm_table(clean))
    assert scores["RFM"].str.fullmatch(r"[1-5]{3}").all()
