"""Churn early warning with an honest label: features use only data before a cut-off, churn is measured after it.

A customer is in the data set at a cut-off if they bought before it. They *churned* if they place no
sales invoice in the ``horizon_days`` that follow. The window must be fully inside the data, or the
label would call customers churned simply because the data stop.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.cleaning import is_cancellation, require_columns, to_timestamp
from retention.customers import HOME_COUNTRY

#: Model features, all computed from transactions strictly before the cut-off.
FEATURES = (
    "recency_days",
    "frequency",
    "monetary",
    "tenure_days",
    "avg_order_value",
    "orders_last_90d",
    "cancellations",
    "cross_border",
)


def churn_dataset(
    transactions: pd.DataFrame, cutoff, horizon_days: int = 90, home: str = HOME_COUNTRY
) -> pd.DataFrame:
    """One row per customer who bought before ``cutoff``: the :data:`FEATURES` and ``churned`` (no purchase in the window)."""
    require_columns(transactions, ("CustomerID", "InvoiceNo", "InvoiceDate", "Revenue", "Country"), "transactions")
    if isinstance(horizon_days, bool) or not isinstance(horizon_days, (int, np.integer)) or horizon_days < 1:
        raise ValueError(f"horizon_days must be a positive integer, got {horizon_days!r}")
    cutoff = to_timestamp(cutoff, "cutoff")
    known = transactions.loc[transactions["CustomerID"].notna()]
    first, last = known["InvoiceDate"].min(), known["InvoiceDate"].max()
    window_end = cutoff + pd.Timedelta(days=horizon_days)
    if cutoff <= first:
        raise ValueError(f"cutoff {cutoff.date()} is not after the first transaction ({first}): no history to learn from")
    if window_end > last.normalize() + pd.Timedelta(days=1):
        raise ValueError(
            f"the churn window {cutoff.date()} + {horizon_days} days ends on {window_end.date()}, after the data end "
            f"({last.date()}): customers would look churned only because the data stop. Choose an earlier cutoff."
        )
    cancel = is_cancellation(known["InvoiceNo"])
    before = known.loc[known["InvoiceDate"] < cutoff]
    sales_before = before.loc[~cancel.loc[before.index]]
    if sales_before.empty:
        raise ValueError(f"no customer bought before the cutoff {cutoff.date()}")
    grouped = sales_before.groupby("CustomerID")
    per = grouped.agg(
        first=("InvoiceDate", "min"),
        last=("InvoiceDate", "max"),
        frequency=("InvoiceNo", "nunique"),
        country=("Country", "first"),
    )
    monetary = before.groupby("CustomerID")["Revenue"].sum().reindex(per.index)
    recent = sales_before.loc[sales_before["InvoiceDate"] >= cutoff - pd.Timedelta(days=90)]
    orders_recent = recent.groupby("CustomerID")["InvoiceNo"].nunique().reindex(per.index, fill_value=0)
    cancellations = (
        before.loc[cancel.loc[before.index]].groupby("CustomerID")["InvoiceNo"].nunique().reindex(per.index, fill_value=0)
    )
    after = known.loc[(known["InvoiceDate"] >= cutoff) & (known["InvoiceDate"] < window_end) & ~cancel]
    returned = np.asarray(per.index.isin(after["CustomerID"].unique()), dtype=bool)
    data = pd.DataFrame(
        {
            "recency_days": (cutoff - per["last"]).dt.days.astype("int64"),
            "frequency": per["frequency"].astype("int64"),
            "monetary": monetary.astype("float64"),
            "tenure_days": (cutoff - per["first"]).dt.days.astype("int64"),
            "avg_order_value": (monetary / per["frequency"]).astype("float64"),
            "orders_last_90d": orders_recent.astype("int64"),
            "cancellations": cancellations.astype("int64"),
            "cross_border": per["country"].ne(home).astype("int64"),
            "churned": ~returned,
        },
        index=per.index,
    )
    return data


def baseline_rule(features: pd.DataFrame, recency_threshold: int = 90) -> pd.Series:
    """The simplest early warning: flag everyone who has not bought for more than ``recency_threshold`` days."""
    require_columns(features, ("recency_days",), "features")
    if isinstance(recency_threshold, bool) or not isinstance(recency_threshold, (int, float)) or recency_threshold < 0:
        raise ValueError(f"recency_threshold must be a non-negative number of days, got {recency_threshold!r}")
    return (features["recency_days"] > recency_threshold).rename("flagged")


def frequency_rule(features: pd.DataFrame, n: int) -> pd.Series:
    """Flag the ``n`` customers with the fewest invoices, a one-line rival to the model at the same list size.

    Ties in frequency (many customers bought once) go to the longer silence, then to index order, so the
    list does not depend on how customers happen to be numbered more than it must.
    """
    require_columns(features, ("frequency", "recency_days"), "features")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= len(features):
        raise ValueError(f"n must be an integer between 0 and {len(features)}, got {n!r}")
    order = np.lexsort((-features["recency_days"].to_numpy(), features["frequency"].to_numpy()))[:n]
    flagged = np.zeros(len(features), dtype=bool)
    flagged[order] = True
    return pd.Series(flagged, index=features.index, name="flagged")


def _design(features: pd.DataFrame) -> np.ndarray:
    require_columns(features, FEATURES, "features")
    x = features[list(FEATURES)].astype("float64").to_numpy(copy=True)
    # Money and counts are heavily skewed: a signed log keeps large customers from dominating the fit.
    return np.sign(x) * np.log1p(np.abs(x))


def fit_churn_model(train: pd.DataFrame, C: float = 1.0):
    """Logistic regression (standardised, log-scaled features) fitted on a :func:`churn_dataset` frame."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    require_columns(train, (*FEATURES, "churned"), "train")
    labels = train["churned"].astype(bool)
    if labels.nunique() < 2:
        raise ValueError("train must contain both churned and retained customers to fit a model")
    model = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))
    model.fit(_design(train), labels.to_numpy())
    return model


def churn_scores(model, features: pd.DataFrame) -> pd.Series:
    """Predicted churn probability of each customer from a fitted :func:`fit_churn_model`."""
    probabilities = model.predict_proba(_design(features))[:, 1]
    return pd.Series(probabilities, index=features.index, name="churn_probability")


def model_coefficients(model) -> pd.DataFrame:
    """Logistic coefficients per feature (on standardised log features): positive means more likely to churn."""
    coefficients = model[-1].coef_[0]
    return pd.DataFrame({"feature": FEATURES, "coefficient": coefficients}).sort_values(
        "coefficient", key=np.abs, ascending=False, ignore_index=True
    )


def flag_top(scores: pd.Series, n: int) -> pd.Series:
    """Flag the ``n`` customers with the highest scores (ties broken by index order), e.g. to match a call budget."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= len(scores):
        raise ValueError(f"n must be an integer between 0 and {len(scores)}, got {n!r}")
    order = np.argsort(-scores.to_numpy(), kind="stable")[:n]
    flagged = np.zeros(len(scores), dtype=bool)
    flagged[order] = True
    return pd.Series(flagged, index=scores.index, name="flagged")


def precision_recall(y_true, y_pred) -> dict:
    """Confusion counts with precision (flagged who churned), recall (churners flagged) and accuracy."""
    truth = np.asarray(y_true, dtype=bool)
    pred = np.asarray(y_pred, dtype=bool)
    if truth.shape != pred.shape or truth.size == 0:
        raise ValueError(f"y_true and y_pred must be non-empty and of equal length, got {truth.size} and {pred.size}")
    tp = int((truth & pred).sum())
    fp = int((~truth & pred).sum())
    fn = int((truth & ~pred).sum())
    tn = int((~truth & ~pred).sum())
    return {
        "flagged": tp + fp,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "true_negatives": tn,
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
        "recall": tp / (tp + fn) if tp + fn else float("nan"),
        "accuracy": (tp + tn) / truth.size,
    }


def lift_table(y_true, scores, bins: int = 10) -> pd.DataFrame:
    """Customers ranked by score into ``bins`` equal groups (1 = highest risk): churn rate, lift and cumulative recall."""
    truth = np.asarray(y_true, dtype=bool)
    values = np.asarray(scores, dtype="float64")
    if truth.shape != values.shape or truth.size == 0:
        raise ValueError("y_true and scores must be non-empty and of equal length")
    if not isinstance(bins, int) or not 1 <= bins <= truth.size:
        raise ValueError(f"bins must be an integer between 1 and {truth.size}, got {bins!r}")
    if truth.sum() == 0:
        raise ValueError("y_true has no churner: lift is undefined")
    order = np.argsort(-values, kind="stable")
    group = np.arange(truth.size) * bins // truth.size + 1
    frame = pd.DataFrame({"group": group, "churned": truth[order]})
    table = frame.groupby("group").agg(customers=("churned", "size"), churners=("churned", "sum"))
    overall = truth.mean()
    table["churn_rate"] = table["churners"] / table["customers"]
    table["lift"] = table["churn_rate"] / overall
    table["cumulative_customers_share"] = table["customers"].cumsum() / truth.size
    table["cumulative_recall"] = table["churners"].cumsum() / truth.sum()
    return table


def evaluate_churn_warning(
    transactions: pd.DataFrame,
    train_cutoff="2011-06-01",
    test_cutoff="2011-09-01",
    horizon_days: int = 90,
    recency_threshold: int = 90,
) -> dict:
    """Fit on one cut-off, test on a later one: baseline vs logistic model flagging the same number of customers.

    Returns a dict with ``train``, ``test`` (churn_dataset frames), ``model``, ``scores`` (test),
    ``comparison`` (precision/recall per method) and ``lift`` (test lift table of the model).
    """
    train_cutoff = to_timestamp(train_cutoff, "train_cutoff")
    test_cutoff = to_timestamp(test_cutoff, "test_cutoff")
    if train_cutoff + pd.Timedelta(days=horizon_days) > test_cutoff:
        raise ValueError(
            "the training churn window must end before the test cut-off, or the model learns from the test period: "
            f"{train_cutoff.date()} + {horizon_days} days > {test_cutoff.date()}"
        )
    train = churn_dataset(transactions, train_cutoff, horizon_days)
    test = churn_dataset(transactions, test_cutoff, horizon_days)
    model = fit_churn_model(train)
    scores = churn_scores(model, test)
    baseline = baseline_rule(test, recency_threshold)
    modelled = flag_top(scores, int(baseline.sum()))
    comparison = pd.DataFrame(
        {
            "baseline": precision_recall(test["churned"], baseline),
            "logistic": precision_recall(test["churned"], modelled),
        }
    ).T
    counts = ["flagged", "true_positives", "false_positives", "false_negatives", "true_negatives"]
    comparison = comparison.astype({column: "int64" for column in counts})
    comparison.index.name = "method"
    return {
        "train": train,
        "test": test,
        "model": model,
        "scores": scores,
        "comparison": comparison,
        "lift": lift_table(test["churned"], scores),
    }
