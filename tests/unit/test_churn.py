"""Churn labels without leakage, the baseline rule, the logistic model, precision/recall and the lift table."""

import numpy as np
import pandas as pd
import pytest
from order_lines import lines

from retention.churn import (
    FEATURES,
    baseline_rule,
    churn_dataset,
    churn_scores,
    evaluate_churn_warning,
    fit_churn_model,
    flag_top,
    frequency_rule,
    lift_table,
    model_coefficients,
    precision_recall,
)
from retention.cleaning import clean_transactions

UK, DE = "United Kingdom", "Germany"


@pytest.fixture
def frame():
    return clean_transactions(
        lines(
            [
                ("1", "A", 1, "2011-01-10 10:00", 10.0, 1, UK),
                ("2", "A", 2, "2011-02-10 10:00", 10.0, 1, UK),
                ("3", "A", 1, "2011-03-20 10:00", 10.0, 1, UK),  # customer 1 comes back in the window
                ("4", "A", 1, "2011-01-05 10:00", 30.0, 2, DE),  # customer 2 never returns
                ("5", "A", 4, "2011-02-20 10:00", 5.0, 3, UK),
                ("C6", "A", -1, "2011-02-25 10:00", 5.0, 3, UK),  # customer 3 cancels, then is silent
                ("7", "A", 1, "2011-03-30 10:00", 5.0, 4, UK),  # customer 4 first buys after the cut-off
            ]
        ),
        cancellations="net",
    )


def test_dataset_known_answer(frame):
    data = churn_dataset(frame, "2011-03-01", horizon_days=30)
    assert data.index.tolist() == [1, 2, 3]
    assert data["churned"].tolist() == [False, True, True]
    assert data.loc[1, ["recency_days", "frequency", "monetary", "tenure_days"]].tolist() == [18, 2, 30.0, 49]
    assert data.loc[1, "avg_order_value"] == 15.0
    assert data.loc[3, "monetary"] == 15.0 and data.loc[3, "cancellations"] == 1
    assert data["cross_border"].tolist() == [0, 1, 0]
    assert data.loc[1, "orders_last_90d"] == 2
    assert list(data.columns) == [*FEATURES, "churned"]


def test_features_do_not_see_the_future(frame):
    before = churn_dataset(frame, "2011-03-01", horizon_days=30)
    changed = frame.copy()
    after = changed["InvoiceDate"] >= "2011-03-01"
    changed.loc[after, "Revenue"] *= 1000
    changed.loc[after, "Quantity"] *= 1000
    assert churn_dataset(changed, "2011-03-01", horizon_days=30)[list(FEATURES)].equals(before[list(FEATURES)])


def test_window_must_be_inside_the_data(frame):
    with pytest.raises(ValueError, match="data stop"):
        churn_dataset(frame, "2011-03-01", horizon_days=31)
    with pytest.raises(ValueError, match="no history"):
        churn_dataset(frame, "2011-01-01", horizon_days=30)
    with pytest.raises(ValueError, match="horizon_days"):
        churn_dataset(frame, "2011-03-01", horizon_days=0)
    with pytest.raises(ValueError, match="cutoff must be a date"):
        churn_dataset(frame, "soon", horizon_days=30)


def test_baseline_rule():
    features = pd.DataFrame({"recency_days": [10, 100, 91, 90]})
    assert baseline_rule(features, 90).tolist() == [False, True, True, False]
    with pytest.raises(ValueError, match="recency_threshold"):
        baseline_rule(features, -1)


def test_precision_recall_known_answer():
    result = precision_recall([1, 1, 0, 0, 1], [1, 0, 1, 0, 1])
    assert (result["true_positives"], result["false_positives"], result["false_negatives"], result["true_negatives"]) == (2, 1, 1, 1)
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == pytest.approx(2 / 3)
    assert result["accuracy"] == pytest.approx(0.6)
    assert np.isnan(precision_recall([1, 0], [0, 0])["precision"])
    with pytest.raises(ValueError, match="equal length"):
        precision_recall([1], [1, 0])


def test_lift_table_known_answer():
    table = lift_table([1, 1, 0, 0], [0.9, 0.8, 0.1, 0.2], bins=2)
    assert table["churners"].tolist() == [2, 0]
    assert table["lift"].tolist() == [2.0, 0.0]
    assert table["cumulative_recall"].tolist() == [1.0, 1.0]
    with pytest.raises(ValueError, match="no churner"):
        lift_table([0, 0], [0.1, 0.2], bins=2)
    with pytest.raises(ValueError, match="bins"):
        lift_table([1, 0], [0.1, 0.2], bins=3)


def test_flag_top():
    assert flag_top(pd.Series([0.1, 0.5, 0.3]), 2).tolist() == [False, True, True]
    with pytest.raises(ValueError, match="n must be"):
        flag_top(pd.Series([0.1]), 2)


def test_frequency_rule_flags_the_fewest_invoices_and_breaks_ties_by_silence():
    features = pd.DataFrame(
        {"frequency": [5, 1, 2, 1, 1], "recency_days": [300, 10, 200, 40, 40]}, index=[11, 12, 13, 14, 15]
    )
    assert frequency_rule(features, 1).tolist() == [False, False, False, True, False]  # 14 and 15 tie: index order
    assert frequency_rule(features, 3).tolist() == [False, True, False, True, True]
    assert frequency_rule(features, 4).tolist() == [False, True, True, True, True]
    assert frequency_rule(features, 0).sum() == 0 and frequency_rule(features, 5).all()
    assert frequency_rule(features, 2).index.equals(features.index)
    with pytest.raises(ValueError, match="n must be"):
        frequency_rule(features, 6)
    with pytest.raises(ValueError, match="frequency"):
        frequency_rule(features.drop(columns="frequency"), 1)


def test_model_learns_a_planted_signal():
    rng = np.random.default_rng(0)
    n = 600
    recency = rng.integers(0, 300, n)
    data = pd.DataFrame({name: rng.integers(1, 20, n) for name in FEATURES})
    data["recency_days"] = recency
    data["churned"] = rng.random(n) < np.where(recency > 150, 0.9, 0.1)
    model = fit_churn_model(data)
    scores = churn_scores(model, data)
    flagged = flag_top(scores, int(data["churned"].sum()))
    assert precision_recall(data["churned"], flagged)["precision"] > 0.75
    assert model_coefficients(model).iloc[0]["feature"] == "recency_days"
    with pytest.raises(ValueError, match="both churned and retained"):
        fit_churn_model(data.assign(churned=True))


def test_real_evaluation(clean):  # noqa: F811
    result = evaluate_churn_warning(clean, "2011-06-01", "2011-09-01", 90)
    test = result["test"]
    assert test.index.is_unique and test["churned"].dtype == bool
    # every customer in the test set bought before the cut-off
    first = clean.groupby("CustomerID")["InvoiceDate"].min()
    assert (first.loc[test.index] < pd.Timestamp("2011-09-01")).all()
    comparison = result["comparison"]
    assert comparison.loc["baseline", "flagged"] == comparison.loc["logistic", "flagged"]
    assert comparison.loc["logistic", "precision"] > test["churned"].mean()  # better than a random list
    assert result["lift"]["cumulative_recall"].iloc[-1] == pytest.approx(1.0)
    # the one-line frequency rule beats a random list at the model's list size, but not the model
    rule = precision_recall(test["churned"], frequency_rule(test, int(comparison.loc["logistic", "flagged"])))
    assert test["churned"].mean() < rule["precision"] <= comparison.loc["logistic", "precision"]
    # lesson 35, exercise 3: it covers most of the model's gain over the recency rule, and recency, a strong
    # rule on its own, gets a coefficient near zero while frequency gets the largest
    baseline, model = comparison.loc["baseline", "precision"], comparison.loc["logistic", "precision"]
    assert (rule["precision"] - baseline) / (model - baseline) > 0.5
    weights = model_coefficients(result["model"]).set_index("feature")["coefficient"].abs()
    assert weights.idxmax() == "frequency" and weights["recency_days"] < weights["frequency"] / 10
    with pytest.raises(ValueError, match="learns from the test period"):
        evaluate_churn_warning(clean, "2011-07-01", "2011-09-01", 90)
