"""Real-data facts in the lessons' prose equal the data cards (and the data). Prose cells are plain Markdown, shown raw
by JupyterLab, so they cannot fill numbers in; these tests fail when a card's count changes and a lesson still quotes
the old one, or when a lesson quotes a large number that is no documented count."""

import json
import re

import pandas as pd
import pytest
from paths import ROOT

from retention.cleaning import add_revenue
from retention.complaints import COMPLAINT_OUTCOMES
from retention.data import card, load_online_retail
from retention.datacards import format_count as n

RETAIL, TICKETS = card("online_retail").counts, card("support_tickets").counts
FIRST, LAST = pd.Timestamp(RETAIL["first_invoice"]), pd.Timestamp(RETAIL["last_invoice"])
#: The last month's days of data as the lessons write them in words.
DAYS = {9: ("nine", "九")}
REPURCHASE = [f"{outcome['repurchase']:.0%}" for outcome in COMPLAINT_OUTCOMES.values()]

#: lesson -> phrases its prose (English and Chinese) must contain, built from the cards.
FACTS = {
    "31_data_cleaning": [
        f"sold to {RETAIL['countries']} countries", f"向 {RETAIL['countries']} 个国家销售",
        f"There are {n(RETAIL['rows'])} rows but only {n(RETAIL['invoices'])} invoices",
        f"数据共有 {n(RETAIL['rows'])} 行，但只有 {n(RETAIL['invoices'])} 张发票",
        f"about {round(RETAIL['rows'] / RETAIL['invoices'], -1):.0f} lines on average",
        f"({n(RETAIL['largest_line_units'])} and {n(RETAIL['second_largest_line_units'])} units, "
        f"£{round(RETAIL['largest_lines_revenue_gbp']):,} together)",
        f"On this file that is {n(RETAIL['cancelled_in_full_lines'])} lines and £{round(RETAIL['cancelled_in_full_gbp']):,}",
        f"共有 {n(RETAIL['cancelled_in_full_lines'])} 行、{round(RETAIL['cancelled_in_full_gbp']):,} 英镑",
        f"it took {n(RETAIL['rows'])} lines to {n(RETAIL['clean_lines'])} sales lines from "
        f"{n(RETAIL['clean_customers'])} customers",
        f"把 {n(RETAIL['rows'])} 行数据清洗成 {n(RETAIL['clean_customers'])} 名客户的 "
        f"{n(RETAIL['clean_lines'])} 条销售记录",
    ],
    "34_cohort_retention": [
        f"{LAST:%B %Y} is dropped because the data stop on {LAST.day} {LAST:%B}",
        f"{LAST.year} 年 {LAST.month} 月的数据被去掉了，因为数据在 {LAST.month} 月 {LAST.day} 日就结束了",
        f"The first cohort, {FIRST:%B %Y},", f"第一个同期群（{FIRST.year} 年 {FIRST.month} 月）",
        f"excluding {FIRST:%B %Y}", f"除 {FIRST.year} 年 {FIRST.month} 月之外",
        f"{DAYS[LAST.day][0]} days of data", f"只有{DAYS[LAST.day][1]}天的数据",
    ],
    "36_satisfaction": [
        f"these {n(TICKETS['tickets'])} cases", f"这 {n(TICKETS['tickets'])} 张工单",
        f"with {n(TICKETS['tickets'])} cases", f"只有 {n(TICKETS['tickets'])} 张工单",
        "the quoted " + ", ".join(REPURCHASE[:-1]) + f" and {REPURCHASE[-1]}",
        "引用的 " + "、".join(REPURCHASE[:-1]) + f" 和 {REPURCHASE[-1]}",
    ],
}


def prose(lesson: str) -> str:
    """The text of a lesson's Markdown cells."""
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("lesson", FACTS)
def test_prose_quotes_the_cards(lesson):
    text = prose(lesson)
    missing = [phrase for phrase in FACTS[lesson] if phrase not in text]
    assert not missing, f"notebooks/{lesson}.ipynb should say (values from datasets/*.yml): {missing}"


@pytest.fixture(scope="module")
def figures() -> list[str]:
    """Lesson 31's figures that are no card count, from the data, rounded as the prose rounds them."""
    lines = add_revenue(load_online_retail())
    anonymous = lines.loc[lines["CustomerID"].isna(), "Revenue"].sum()  # about £1.4 million
    cancelled = -lines.loc[lines["InvoiceNo"].str.startswith("C"), "Revenue"].sum()  # about −£897,000
    return [f"about £{anonymous / 1e6:.1f} million", f"约 {round(anonymous / 1e6, 1) * 100:.0f} 万英镑",
            f"about −£{round(cancelled, -3):,.0f}", f"约为 −{round(cancelled, -3):,.0f} 英镑"]


def test_prose_figures_computed_from_the_data(figures):
    text = prose("31_data_cleaning")
    assert [phrase for phrase in figures if phrase not in text] == []
    assert round(RETAIL["anonymous_rows"] / RETAIL["rows"] * 4) == 1 and "a quarter of the rows" in text


@pytest.mark.parametrize("lesson", sorted(path.stem for path in (ROOT / "notebooks").glob("3*.ipynb")))
def test_every_large_number_in_data_lesson_prose_is_documented(lesson, figures):
    """A number like 541,909 in a data lesson's prose is a card count or one of the figures checked above."""
    large = re.compile(r"\d{1,3}(?:,\d{3})+")
    documented = {n(value) for counts in (RETAIL, TICKETS) for value in counts.values()}
    # money counts are quoted to the pound in prose: £245,653 for 245,653.20
    documented |= {f"{round(value):,}" for counts in (RETAIL, TICKETS) for value in counts.values() if isinstance(value, float)}
    documented |= {number for phrase in figures for number in large.findall(phrase)}
    for number in large.findall(prose(lesson)):
        assert number in documented, f"notebooks/{lesson}.ipynb quotes {number}, which is no documented count"


def test_the_country_cleaning_drops_is_the_one_lesson_32_names():
    """Lesson 31 quotes the raw file's countries, lesson 32 glues the cleaned ones and says which one goes and why."""
    from retention.cleaning import clean_transactions

    raw = load_online_retail()
    dropped = set(raw["Country"]) - set(clean_transactions(raw)["Country"])
    assert dropped == {"Hong Kong"}
    assert raw.loc[raw["Country"].eq("Hong Kong"), "CustomerID"].isna().all(), "every Hong Kong order is anonymous"
    text = prose("32_who_are_the_customers")
    assert "one country fewer than the raw file lists: every order from Hong Kong is anonymous" in text
    assert "少了一个国家：来自香港的订单全部是匿名订单" in text


def test_lesson_06_compares_the_sample_share_with_the_claim_as_it_is():
    from retention.concentration import simulated_customer_values, top_share

    share = top_share(simulated_customer_values(1000, 1.88, 50, 2024), 0.20)
    assert 0.85 < share < 0.90, "lesson 06 says the sample's share is a little above the claimed 85%"
    text = prose("06_customer_care_economics")
    assert "a little above the 85% of the claim" in text and "略高于说法中的 85%" in text
