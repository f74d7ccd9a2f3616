"""Every chart of the course, with one palette, one way to open axes and titles in both languages.

Titles put Chinese under English (:func:`retention.bilingual.bi_lines`); the CJK font is registered
by :func:`new_axes` before anything is drawn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from retention.bilingual import bi, bi_lines
from retention.concentration import lorenz_curve, top_share
from retention.customers import COUNTRY_NAMES, MARKET_NAMES
from retention.ui.fonts import use_cjk_font

BLUE, ORANGE, GREEN, RED, GREY = "#4C78A8", "#F58518", "#54A24B", "#E45756", "#BAB0AC"
MARKET_COLOURS = {"domestic": BLUE, "cross-border": ORANGE}


def new_axes(ax=None, figsize=(7, 4.5)):
    """The axes to draw on: ``ax`` if given, else a new figure of ``figsize`` with the CJK font ready."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def title(ax, en: str, zh: str) -> None:
    """Give an axes a two-line title, English over Chinese."""
    ax.set_title(bi_lines(en, zh))


def market_label(market: str) -> str:
    """'domestic (UK) · 国内（英国）' or 'cross-border · 跨境', from the one table of market names."""
    return bi(*MARKET_NAMES[market]) if market in MARKET_NAMES else market


def country_label(country: str) -> str:
    """'Germany · 德国': a country of the data in both languages, from the one table of country names."""
    return bi(*COUNTRY_NAMES[country]) if country in COUNTRY_NAMES else country


# --- the money side -----------------------------------------------------------------------------


def churn_cost_chart(table, ax=None):
    """Stacked bars of acquisition and retention cost (in n) for each churn rate of ``churn_cost_table``."""
    ax = new_axes(ax, (7, 4.5))
    labels = [f"{rate:.0%}" for rate in table["churn_rate"]]
    ax.bar(labels, table["retention_cost_n"], label=bi_lines("Keeping customers", "维系老客户"), color=BLUE)
    ax.bar(
        labels,
        table["acquisition_cost_n"],
        bottom=table["retention_cost_n"],
        label=bi_lines("Winning new customers", "获取新客户"),
        color=ORANGE,
    )
    title(ax, "Yearly cost of holding 1,000 customers", "保持 1,000 名客户的年度成本")
    ax.set_xlabel(bi_lines("Churn rate", "流失率"))
    ax.set_ylabel(bi_lines("Cost (n = cost of keeping one customer)", "成本（n = 维系一位客户的成本）"))
    ax.legend(loc="upper left", fontsize="small")
    return ax


def complaint_outcome_chart(table, ax=None):
    """Horizontal bars: share of customers who buy again after each complaint outcome."""
    ax = new_axes(ax, (7, 3.5))
    labels = [f"{en}\n{zh}" for en, zh in zip(table["en"], table["zh"])]
    bars = ax.barh(labels[::-1], table["buy_again"][::-1] * 100, color=GREEN)
    ax.bar_label(bars, fmt="%.0f%%", padding=3)
    ax.set_xlim(0, 100)
    title(ax, "Who buys again after a problem", "出现问题后再次购买的客户比例")
    ax.set_xlabel(bi_lines("Customers who buy again (%)", "再次购买的客户（%）"))
    return ax


def pareto_chart(values, ax=None):
    """Cumulative share of profit against share of customers, best customers first, with the 20% mark."""
    ax = new_axes(ax, (6, 4.5))
    curve = lorenz_curve(values)  # smallest first; read backwards it is best first
    customers = (1 - curve["customer_share"].to_numpy()[::-1]) * 100
    profit = (1 - curve["value_share"].to_numpy()[::-1]) * 100
    ax.plot(customers, profit, color=BLUE, label=bi_lines("Simulated customers", "模拟客户"))
    ax.plot([0, 100], [0, 100], color="grey", linestyle="--", label=bi_lines("Everyone equal", "人人相同"))
    share = top_share(values, 0.20) * 100
    ax.axvline(20, color=ORANGE, linestyle=":")
    ax.annotate(f"{share:.0f}%", (20, share), xytext=(28, share - 12), arrowprops={"arrowstyle": "->"})
    title(ax, "Share of profit from the best customers", "最好的客户贡献的利润占比")
    ax.set_xlabel(bi_lines("Customers, best first (%)", "客户（按价值从高到低，%）"))
    ax.set_ylabel(bi_lines("Cumulative share of profit (%)", "累计利润占比（%）"))
    ax.legend(loc="lower right", fontsize="small")
    return ax


# --- the data lessons ----------------------------------------------------------------------------


def cleaning_chart(report: pd.DataFrame, ax=None):
    """Revenue (GBP) left after each cleaning step of ``cleaning_report``, labelled with rows removed."""
    ax = new_axes(ax, (8, 4.5))
    labels = [f"{en}\n{zh}" for en, zh in zip(report["en"], report["zh"])]
    bars = ax.barh(labels[::-1], report["revenue_gbp"][::-1] / 1e6, color=BLUE)
    ax.bar_label(bars, labels=[f"−{n:,} rows · 行" if n else "" for n in report["rows_removed"][::-1]], padding=3, fontsize="small")
    ax.set_xlabel(bi_lines("Revenue left (million GBP)", "剩余收入（百万英镑）"))
    ax.set_xlim(0, report["revenue_gbp"].max() / 1e6 * 1.35)
    title(ax, "What each cleaning step does to revenue", "每个清洗步骤对收入的影响")
    return ax


def country_chart(mix: pd.DataFrame, top: int = 10, column: str = "revenue", ax=None):
    """Horizontal bars of the ``top`` countries by ``column`` of ``country_mix`` (revenue, customers or invoices)."""
    ax = new_axes(ax, (7, 4.5))
    names = {"revenue": ("Revenue (GBP)", "收入（英镑）"), "customers": ("Customers", "客户数"), "invoices": ("Orders", "订单数")}
    if column not in names:
        raise ValueError(f"column must be one of {sorted(names)}, got {column!r}")
    data = mix.sort_values(column, ascending=False).head(top)[::-1]
    colours = [MARKET_COLOURS[m] for m in data["market"]]
    ax.barh([country_label(c) for c in data.index], data[column], color=colours)
    ax.set_xscale("log")
    ax.set_xlabel(bi_lines(names[column][0] + ", log scale", names[column][1] + "，对数刻度"))
    title(ax, f"Top {top} countries by {names[column][0].split(' (')[0].lower()}", f"{names[column][1].split('（')[0]}排名前 {top} 的国家")
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(color=colour, label=market_label(m)) for m, colour in MARKET_COLOURS.items()],
        loc="lower right", fontsize="small",
    )
    return ax


def order_value_chart(orders: pd.DataFrame, ax=None):
    """Distribution of order value (GBP, log scale) for domestic and cross-border orders from ``order_sizes``."""
    ax = new_axes(ax, (7, 4))
    bins = np.logspace(0, 5, 41)
    for market, colour in MARKET_COLOURS.items():
        values = orders.loc[orders["market"].eq(market), "value"]
        values = values[values > 0]
        ax.hist(values, bins=bins, alpha=0.6, color=colour, label=market_label(market), density=True)
    ax.set_xscale("log")
    ax.set_xlabel(bi_lines("Order value (GBP, log scale)", "订单金额（英镑，对数刻度）"))
    ax.set_ylabel(bi_lines("Density", "密度"))
    ax.legend(fontsize="small")
    title(ax, "How big are the orders?", "订单有多大？")
    return ax


def lorenz_chart(curve: pd.DataFrame, top: float = 0.20, share: float | None = None, ax=None):
    """Lorenz curve of revenue by customer with the equality line, marking the top ``top`` fraction's ``share``."""
    ax = new_axes(ax, (5.5, 5.5))
    ax.plot(curve["customer_share"] * 100, curve["value_share"] * 100, color=BLUE,
            label=bi_lines("Customers, smallest first", "客户（从小到大排列）"))
    ax.plot([0, 100], [0, 100], color="grey", linestyle="--", label=bi_lines("Perfect equality", "完全平均"))
    if share is not None:
        x, y = (1 - top) * 100, (1 - share) * 100
        ax.plot([x, x, 0], [0, y, y], color=RED, linewidth=1)
        ax.annotate(bi_lines(f"top {top:.0%} bring {share:.0%}", f"前 {top:.0%} 的客户贡献 {share:.0%}"),
                    (x, y), xytext=(8, -40), textcoords="offset points", fontsize="small", color=RED)
    ax.set_xlabel(bi_lines("Share of customers (%)", "客户占比（%）"))
    ax.set_ylabel(bi_lines("Share of revenue (%)", "收入占比（%）"))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.legend(loc="upper left", fontsize="small")
    title(ax, "Lorenz curve of revenue", "收入的洛伦兹曲线")
    return ax


def segment_chart(summary: pd.DataFrame, ax=None):
    """Customers' share vs revenue share for each RFM segment of ``segment_summary``."""
    ax = new_axes(ax, (8, 5))
    labels = [bi(en, zh) for en, zh in zip(summary["en"], summary["zh"])][::-1]
    y = np.arange(len(labels))
    ax.barh(y + 0.2, summary["customer_share"][::-1] * 100, height=0.4, color=BLUE, label=bi("customers", "客户"))
    ax.barh(y - 0.2, summary["revenue_share"][::-1] * 100, height=0.4, color=GREEN, label=bi("revenue", "收入"))
    ax.set_yticks(y, labels)
    ax.set_xlabel(bi_lines("Share (%)", "占比（%）"))
    ax.legend(loc="lower right", fontsize="small")
    title(ax, "RFM segments: customers and revenue", "RFM 客户细分：客户与收入占比")
    return ax


def cohort_heatmap(matrix: pd.DataFrame, title_en: str = "Monthly cohort retention", title_zh: str = "按月同期群留存率", ax=None):
    """Heatmap of a ``retention_matrix`` in percent (rows: first-purchase month; columns: months since)."""
    ax = new_axes(ax, (9, 5.5))
    values = matrix.to_numpy(dtype="float64") * 100
    image = ax.imshow(np.ma.masked_invalid(values), cmap="Blues", vmin=0, vmax=60, aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        if not np.isnan(value) and j > 0:
            ax.text(j, i, f"{value:.0f}", ha="center", va="center", fontsize=7, color="white" if value > 35 else "black")
    ax.set_xticks(range(values.shape[1]), [str(c) for c in matrix.columns])
    ax.set_yticks(range(values.shape[0]), [str(i) for i in matrix.index])
    ax.set_xlabel(bi_lines("Months since first purchase", "首次购买后的月数"))
    ax.set_ylabel(bi_lines("Cohort (first-purchase month)", "同期群（首次购买月份）"))
    colourbar = ax.figure.colorbar(image, ax=ax)
    colourbar.set_label(bi_lines("Retention rate (%)", "留存率（%）"))
    title(ax, title_en, title_zh)
    return ax


def retention_curves_chart(curves: pd.DataFrame, ax=None):
    """Pooled retention curves, one line per market, from ``average_retention_by_market``."""
    ax = new_axes(ax, (7, 4))
    for column in curves.columns:
        ax.plot(curves.index[1:], curves[column].iloc[1:] * 100, marker="o", label=market_label(column))
    ax.set_xlabel(bi_lines("Months since first purchase", "首次购买后的月数"))
    ax.set_ylabel(bi_lines("Retention rate (%)", "留存率（%）"))
    ax.set_ylim(0, None)
    ax.legend(fontsize="small")
    title(ax, "Retention: domestic vs cross-border", "留存率：国内与跨境客户")
    return ax


def lift_chart(lift: pd.DataFrame, ax=None):
    """Bars of lift per risk group (1 = highest predicted risk) from ``lift_table``, with the random line at 1."""
    ax = new_axes(ax, (7, 4))
    bars = ax.bar(lift.index.astype(str), lift["lift"], color=RED)
    ax.bar_label(bars, fmt="%.2f", fontsize="small")
    ax.axhline(1, color="grey", linestyle="--", label=bi_lines("random list", "随机名单"))
    ax.set_xlabel(bi_lines("Risk group (1 = highest predicted churn)", "风险分组（1 = 预测流失风险最高）"))
    ax.set_ylabel(bi_lines("Lift over average churn rate", "相对平均流失率的提升度"))
    ax.legend(fontsize="small")
    title(ax, "Lift chart of the churn early warning", "流失预警的提升度图")
    return ax


def response_time_chart(bands: pd.DataFrame, ax=None):
    """Mean satisfaction and repurchase rate by first-response band, from ``response_time_bands``."""
    ax = new_axes(ax, (7.5, 4))
    x = np.arange(len(bands))
    ax.bar(x, bands["mean_satisfaction"], color=BLUE, label=bi_lines("mean satisfaction (1–5)", "平均满意度（1–5）"))
    ax.set_xticks(x, bands.index)
    ax.set_ylim(0, 5)
    ax.set_ylabel(bi_lines("Mean satisfaction (1–5)", "平均满意度（1–5）"))
    ax.set_xlabel(bi_lines("First-response time", "首次响应时间"))
    twin = ax.twinx()
    twin.plot(x, bands["repurchase_rate"] * 100, color=RED, marker="o", label=bi_lines("repurchase rate", "复购率"))
    twin.set_ylim(0, 100)
    twin.set_ylabel(bi_lines("Repurchase rate (%)", "复购率（%）"))
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="lower left", fontsize="small")
    title(ax, "Faster first response, happier customers", "首次响应越快，客户越满意")
    return ax


def outcome_chart(table: pd.DataFrame, ax=None):
    """Observed repurchase rate per complaint outcome next to the seed figure, from ``outcome_table``."""
    ax = new_axes(ax, (7.5, 4))
    labels = [f"{en}\n{zh}" for en, zh in zip(table["en"], table["zh"])]
    y = np.arange(len(labels))[::-1]
    ax.barh(y + 0.2, table["buy_again"] * 100, height=0.4, color=GREEN, label=bi_lines("in the ticket data", "工单数据"))
    ax.barh(y - 0.2, table["seed_buy_again"] * 100, height=0.4, color=GREY, label=bi_lines("industry figure", "行业数据"))
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel(bi_lines("Customers who buy again (%)", "再次购买的客户（%）"))
    ax.legend(loc="lower right", fontsize="small")
    title(ax, "Repurchase after each complaint outcome", "不同投诉结果后的复购率")
    return ax
