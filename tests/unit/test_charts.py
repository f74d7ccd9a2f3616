"""Tests of retention.ui.charts."""

import math
import re
import warnings

import matplotlib
import matplotlib.pyplot as plt  # noqa: E402

from retention import (  # noqa: E402
    churn_cost_table,
    complaint_outcome_table,
    concentration,
)
from retention.ui import charts
from retention.ui.charts import churn_cost_chart, complaint_outcome_chart
from retention.ui.fonts import use_cjk_font  # noqa: E402


def test_pareto_chart_has_a_bilingual_title():

    matplotlib.use("Agg")
    ax = charts.pareto_chart(concentration.simulated_customer_values())
    assert re.search(r"[\u4e00-\u9fff]", ax.get_title()) and math.isfinite(ax.get_xlim()[1])


def test_charts_render_without_glyph_warnings(tmp_path):
    use_cjk_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for draw, table in (
            (churn_cost_chart, churn_cost_table()),
            (complaint_outcome_chart, complaint_outcome_table()),
        ):
            ax = draw(table)
            ax.figure.savefig(tmp_path / "chart.png")
            assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())
            plt.close(ax.figure)
