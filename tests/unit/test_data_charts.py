"""Every data chart draws with bilingual titles and no missing-glyph warning."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from retention.churn import lift_table  # noqa: E402
from retention.cleaning import cleaning_report  # noqa: E402
from retention.cohorts import average_retention_by_market, retention_matrix  # noqa: E402
from retention.concentration import lorenz_curve, top_share
from retention.customers import country_mix, customer_revenue, order_sizes  # noqa: E402
from retention.data import load_support_tickets  # noqa: E402
from retention.rfm import rfm_segments, segment_summary  # noqa: E402
from retention.satisfaction import outcome_table, response_time_bands  # noqa: E402
from retention.ui import charts

CJK = "\u4e00"


def chart_makers(raw, clean):  # noqa: F811
    tickets = load_support_tickets()
    revenue = customer_revenue(clean)
    return {
        "cleaning": lambda: charts.cleaning_chart(cleaning_report(raw)),
        "country": lambda: charts.country_chart(country_mix(clean)),
        "order_value": lambda: charts.order_value_chart(order_sizes(clean)),
        "lorenz": lambda: charts.lorenz_chart(lorenz_curve(revenue), share=top_share(revenue)),
        "segments": lambda: charts.segment_chart(segment_summary(rfm_segments(clean))),
        "cohorts": lambda: charts.cohort_heatmap(retention_matrix(clean)),
        "curves": lambda: charts.retention_curves_chart(average_retention_by_market(clean)),
        "lift": lambda: charts.lift_chart(lift_table([1, 0, 1, 0, 1, 0, 0, 0, 0, 1], list(range(10)))),
        "response": lambda: charts.response_time_chart(response_time_bands(tickets)),
        "outcome": lambda: charts.outcome_chart(outcome_table(tickets)),
    }


NAMES = ["cleaning", "country", "order_value", "lorenz", "segments", "cohorts", "curves", "lift", "response", "outcome"]


@pytest.mark.parametrize("name", NAMES)
def test_chart_is_bilingual_without_missing_glyphs(name, raw, clean):  # noqa: F811
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = chart_makers(raw, clean)[name]()
        ax.figure.canvas.draw()
    title = ax.get_title()
    assert "\n" in title and any("\u4e00" <= ch <= "\u9fff" for ch in title)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_xlabel() + ax.get_ylabel())
    plt.close(ax.figure)


def test_country_chart_rejects_unknown_column(clean):  # noqa: F811
    with pytest.raises(ValueError, match="column"):
        charts.country_chart(country_mix(clean), column="profit")


def test_country_chart_names_each_country_in_both_languages(clean):  # noqa: F811
    ax = charts.country_chart(country_mix(clean), top=5)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "United Kingdom · 英国" and len(labels) == 5
    assert all(" · " in label and any(CJK <= ch <= "\u9fff" for ch in label) for label in labels)
    plt.close(ax.figure)
