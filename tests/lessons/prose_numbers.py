"""Every number a reader reads in a lesson's prose, and where it comes from.

Prose cells are plain Markdown (JupyterLab shows them raw, so they cannot fill numbers in at run
time). Instead each number in the prose is registered here, per lesson, as one of:

- ``computed``: the text is built from the package's result (a data card count, a glued value, a
  package constant), so when the data or a formula changes the prose no longer matches and the test
  fails; each computed number has its English and its Chinese form, and both languages must show it;
- ``stated``: an assumption of an example, an industry figure, a scale or a parameter the lesson
  chooses, written here once with its label.

Dates, lesson and assignment numbers and numbered-list markers are not counted (the card dates are
checked by test_lesson_facts.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

from paths import ROOT

#: A number as the prose writes it: optional sign and £, digits with thousands commas, decimals, %.
NUMBER = re.compile(r"(?<![\w.#/=-])[−-]?£?\d[\d,]*(?:\.\d+)?%?(?: ?万)?")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Text that holds digits but no figure a reader must trust: code, links, tags, dates, list markers, cross-references.
NOT_FIGURES = [
    r"`[^`]*`", r"<code>.*?</code>", r"\]\([^)]*\)", r"<[^>]+>", r"(?m)^\s*\d+\. ",
    r"(?i)lessons? \d+(?:[–-]\d+)?(?: and \d+)?", r"第 ?\d+(?:[–-]\d+)? ?课(?:和第 ?\d+ ?课)?", r"(?i)assignment \d", r"作业[一二三四]",
    r"\d{4}-\d{2}-\d{2}", rf"(?:\d{{1,2}} )?(?:{_MONTHS})(?: \d{{4}})?", r"\d{4} 年(?: ?\d{1,2} 月)?(?: ?\d{1,2} 日)?",
    r"\d{1,2} 月(?: ?\d{1,2} 日)?(?:至 ?\d{1,2} 月)?", r"\b(?:19|20)\d{2}\b",
]


def prose(lesson: str, lang: str) -> str:
    """The text of a lesson's prose cells in one language ("en" or "zh-Hans")."""
    cells = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["metadata"].get("lang") == lang)


def canonical(token: str) -> str:
    """A number without its currency sign or a trailing comma: '£325,455,' -> '325,455'."""
    return token.replace("£", "").strip().rstrip(",")


def numbers_in(text: str) -> list[str]:
    """Every figure in ``text``, canonical, in order of appearance."""
    for pattern in NOT_FIGURES:
        text = re.sub(pattern, " ", text)
    return [canonical(token) for token in NUMBER.findall(text)]


@dataclass(frozen=True)
class Computed:
    """A figure built from the package: ``forms()`` gives its (English, Chinese) text."""

    label: str
    forms: Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class Stated:
    """An assumption, industry figure, scale or chosen parameter, with its label."""

    label: str


def _card(name: str, rounded: bool = False) -> Callable[[], tuple[str, str]]:
    def forms():
        from retention.data import card

        value = card("support_tickets").counts["tickets"] if name == "tickets" else card("online_retail").counts[name]
        text = f"{round(value):,}" if rounded else f"{value:,}"
        return text, text
    return forms


def _same(text_of: Callable[[], str]) -> Callable[[], tuple[str, str]]:
    return lambda: (text_of(),) * 2


def _retail():
    from retention.cleaning import add_revenue
    from retention.data import load_online_retail

    return add_revenue(load_online_retail())


def _anonymous_millions() -> tuple[str, str]:
    lines = _retail()
    millions = lines.loc[lines["CustomerID"].isna(), "Revenue"].sum() / 1e6
    return f"{millions:.1f}", f"{round(millions, 1) * 100:.0f} 万"


def _cancelled_thousands() -> tuple[str, str]:
    lines = _retail()
    cancelled = lines.loc[lines["InvoiceNo"].str.startswith("C"), "Revenue"].sum()
    return (f"−{round(-cancelled, -3):,.0f}",) * 2


def _pooled_curve_end(new_customers_only: bool) -> Callable[[], tuple[str, str]]:
    def forms():
        from lessons.expected_values import _clean
        from retention.cohorts import average_retention_by_market

        return (str(int(average_retention_by_market(_clean(), new_customers_only=new_customers_only).index.max())),) * 2
    return forms


def _outcome(key: str) -> Callable[[], tuple[str, str]]:
    def forms():
        from retention.complaints import COMPLAINT_OUTCOMES

        return (f"{COMPLAINT_OUTCOMES[key]['repurchase']:.0%}",) * 2
    return forms


def _glued(lesson: str, name: str, fmt: str) -> Callable[[], tuple[str, str]]:
    def forms():
        from lessons.expected_values import EXPECTED

        return (format(EXPECTED[lesson][name](), fmt).replace("-", "−"),) * 2
    return forms


def _minutes() -> tuple[str, str]:
    from retention.cleaning import CANCELLED_WITHIN_MINUTES

    return (str(CANCELLED_WITHIN_MINUTES),) * 2


def _lines_per_invoice() -> tuple[str, str]:
    from retention.data import card

    counts = card("online_retail").counts
    return (f"{round(counts['rows'] / counts['invoices'], -1):.0f}",) * 2


SCALE = Stated("the 1–5 score scale")

def _n(value: float, fmt: str = ",.0f") -> Callable[[], tuple[str, str]]:
    """A package result formatted as the prose writes it, the same in both languages."""
    return lambda: (format(value() if callable(value) else value, fmt).replace("-", "−"),) * 2


def _ltv(case: int) -> float:
    from retention import ltv_growth_table

    return float(ltv_growth_table()["lifetime_value"].iloc[case])


def _churn(customers, rate, multiple, field):
    def value():
        from retention import churn_cost

        cost = churn_cost(customers, rate, multiple)
        return cost.total_cost if field == "total" else getattr(cost, field)
    return value


def _rt():
    import retention

    return retention


def _renewal(renewal_with: float):
    return _rt().early_renewal_offer(1000, 60, 0.60, renewal_with, 0.10)


def _staffing():
    from retention import staffing_table

    return staffing_table(handle_minutes=6, target_minutes=2, target_share=0.80, shrinkage=0.30)


def _training():
    from retention import training_value

    return training_value(5000, 0.25, 0.22, 300, 30000)


#: lesson -> figure as written (canonical) -> where it comes from. Computed keys are checked against their forms.
REGISTRY: dict[str, dict[str, Computed | Stated]] = {
    "01_why_keep_customers": {
        # lifetime value: £10 x 10 orders x 1 or 10 years, then each factor +10% (ltv_growth_table)
        "10": Stated("example input: £10 an order, 10 orders a year, 10 years"),
        "10%": Stated("example input: +10% on each factor; churn rate of the example"),
        "11": Stated("example input: each factor +10% (11, 11, 11)"),
        "100": Computed("lifetime value, leaves after a year", _n(lambda: _ltv(0))),
        "1,000": Computed("lifetime value, stays ten years", _n(lambda: _ltv(1))),
        "1,331": Computed("lifetime value, each factor +10%", _n(lambda: _ltv(2))),
        "1,231": Computed("gain over the one-year customer", _n(lambda: _ltv(2) - _ltv(0))),
        "331": Computed("gain over the ten-year customer", _n(lambda: _ltv(2) - _ltv(1))),
        "33%": Computed("that gain in per cent", _n(lambda: _ltv(2) / _ltv(1) - 1, ".0%")),
        "1.1": Stated("the +10% factor"),
        "1.331": Computed("1.1 cubed", _n(lambda: _ltv(2) / _ltv(1), ".3f")),
        "900%": Computed("the old slide's first growth figure, correct", _n(lambda: _ltv(1) / _ltv(0) - 1, ".0%")),
        "1,231%": Computed("the old slide's second growth figure, corrected", _n(lambda: _ltv(2) / _ltv(0) - 1, ",.0%")),
        "1331%": Stated("the old slide's wrong growth figure, quoted to correct it"),
        # the cost of churn: 1,000 customers, 10% churn, acquisition at 5n (churn_cost)
        "5": Stated("example input: acquisition costs 5n; five points of churn"),
        "500": Computed("acquisition cost at 10% churn (n)", _n(_churn(1000, 0.10, 5, "acquisition_cost"))),
        "900": Computed("retention cost at 10% churn (n)", _n(_churn(1000, 0.10, 5, "retention_cost"))),
        "1,400": Computed("total at 10% churn (n)", _n(_churn(1000, 0.10, 5, "total"))),
        "200": Computed("extra cost of five more points of churn (n)", _n(lambda: _churn(1000, 0.15, 5, "total")() - _churn(1000, 0.10, 5, "total")())),
        "5%": Stated("churn rates of the table from 5%; industry figure: +5% retention"),
        "30%": Stated("churn rates of the table up to 30%"),
        "3": Stated("industry figure: acquisition costs 3 to 10 times retention; exercise: 3 years"),
        "25%": Stated("industry figure: +5% retention, +25% profit (Reichheld & Sasser 1990)"),
        # complaint outcomes (COMPLAINT_OUTCOMES, a commonly cited industry figure)
        "82%": Computed("repurchase, resolved quickly", _outcome("resolved_quickly")),
        "54%": Computed("repurchase, resolved not quickly", _outcome("resolved")),
        "19%": Computed("repurchase, not resolved", _outcome("unresolved")),
        "9%": Computed("repurchase, never complained", _outcome("silent")),
        # exercises: £20 x 6 x 3; 2,000 customers, 15% churn, acquisition at 4n
        "20": Stated("exercise input: £20 an order"), "6": Stated("exercise input: 6 orders a year"),
        "360": Computed("exercise 1 answer", _n(lambda: __import__("retention").lifetime_value(20, 6, 3))),
        "2,000": Stated("exercise input: 2,000 customers"), "15%": Stated("exercise input: 15% churn"),
        "4": Stated("exercise input: acquisition at 4n"),
        "300": Computed("exercise 2: new customers", _n(_churn(2000, 0.15, 4, "new_customers"))),
        "1,200": Computed("exercise 2: acquisition (n)", _n(_churn(2000, 0.15, 4, "acquisition_cost"))),
        "1,700": Computed("exercise 2: retention (n)", _n(_churn(2000, 0.15, 4, "retention_cost"))),
        "2,900": Computed("exercise 2: total (n)", _n(_churn(2000, 0.15, 4, "total"))),
    },
    "02_why_customers_leave": {
        "15%": Computed("chance of selling to a new prospect (industry figure, package)", _n(lambda: _rt().P_NEW, ".0%")),
        "50%": Computed("chance of selling to an existing customer (industry figure, package)", _n(lambda: _rt().P_EXISTING, ".0%")),
        "100": Stated("example input: 100 contacts of each kind; 100 customers lost"),
        "15": Computed("expected sales from 100 new prospects", _n(lambda: _rt().selling_scenario_table(contacts=100)["expected_sales"].iloc[0])),
        "50": Computed("expected sales from 100 existing customers", _n(lambda: _rt().selling_scenario_table(contacts=100)["expected_sales"].iloc[1])),
        "10": Stated("industry figure: acquisition costs 3 to 10 times retention"), "3": Stated("industry figure (3–10×); 3 a.m."),
        "20%": Stated("industry figure: satisfaction between 20% and 70%"), "70%": Stated("industry figure: satisfaction up to 70%"),
        "1": Stated("cause number 1"), "2": Stated("cause number 2"),
        "60": Stated("exercise input: 60 customers lost"),
        "30": Computed("exercise answer: sales to replace", _n(lambda: 60 * _rt().P_EXISTING)),
        "200": Computed("exercise answer: prospects needed", _n(lambda: _rt().prospects_needed(60))),
    },
    "04_crm_terms": {
        "1,000": Stated("example input: members"), "60": Stated("example input: €60 a year"),
        "60%": Stated("example input: renewal without the offer"), "75%": Stated("example input: renewal with the offer"),
        "10%": Stated("example input: early-renewal discount"), "65%": Stated("exercise input: renewal of only 65%"),
        "90%": Stated("1 − the 10% discount"),
        "4,500": Computed("extra revenue of the offer", _n(lambda: _renewal(0.75).gain)),
        "67%": Computed("break-even renewal, rounded", _n(lambda: _renewal(0.75).break_even_renewal, ".0%")),
        "66.7%": Computed("break-even renewal", _n(lambda: _renewal(0.75).break_even_renewal, ".1%")),
        "54": Computed("the discounted price (€)", _n(lambda: 60 * (1 - _renewal(0.65).discount))),
        "35,100": Computed("revenue at 65% renewal", _n(lambda: _renewal(0.65).revenue_with)),
        "36,000": Computed("revenue without the offer", _n(lambda: _renewal(0.65).revenue_without)),
        "900": Computed("the loss at 65% renewal", _n(lambda: -_renewal(0.65).gain)),
        "−900": Computed("the gain at 65% renewal", _n(lambda: _renewal(0.65).gain, ",.0f")),
    },
    "07_service_teams": {
        # staffing with Erlang C: 40, 90, 60 chats an hour, 6 minutes each, 80% within 2 minutes, 30% shrinkage
        "40": Stated("example input: Asia-Pacific chats an hour"), "90": Stated("example input: Europe chats an hour"),
        "60": Stated("example input: Americas chats an hour; a 60-word reply"), "6": Stated("example input: minutes a chat"),
        "80%": Stated("example input: service-level target"), "2": Stated("example input: target minutes"),
        "30%": Stated("example input: shrinkage; exercise: churn before the course"), "0.7": Stated("1 − 30% shrinkage"),
        "12": Computed("agents online for Europe (staffing table)", _n(lambda: _staffing().loc[1, "agents online · 在线客服"], "d")),
        "2.25": Computed("Europe's chats over Asia-Pacific's", _n(lambda: 90 / 40, ".2f")),
        "11": Computed("one agent fewer for Europe", _n(lambda: _staffing().loc[1, "agents online · 在线客服"] - 1, "d")),
        "78%": Computed("Europe's service level with 11 agents", _n(lambda: __import__("retention").service_level(11, 90, 6, 2), ".0%")),
        "90%": Stated("calculator question: a 90% target"), "1": Stated("calculator question: within 1 minute"),
        "70": Stated("calculator question: 70 chats an hour"), "9": Stated("a time of day, 9 p.m."),
        "100": Stated("exercise input: 100 chats an hour"),
        "13": Computed("exercise answer: agents online at 100 chats", _n(lambda: __import__("retention").agents_needed(100, 6, 2, 0.80), "d")),
        "18.6": Computed("13 ÷ 0.7", _n(lambda: __import__("retention").agents_needed(100, 6, 2, 0.80) / 0.7, ".1f")),
        "19": Computed("agents on the roster", _n(lambda: __import__("math").ceil(__import__("retention").agents_needed(100, 6, 2, 0.80) / 0.7), "d")),
        # the value of training (training_value)
        "5,000": Stated("example input: active customers"), "25%": Stated("example input: churn before training"),
        "22%": Stated("example input: churn after training"), "300": Stated("example input: £300 a customer"),
        "30,000": Stated("example input: cost of the programme"),
        "150": Computed("customers kept", _n(lambda: _training().customers_saved)),
        "45,000": Computed("value kept", _n(lambda: _training().value_saved)),
        "15,000": Computed("net gain", _n(lambda: _training().value_saved - _training().cost)),
        "50%": Computed("return on the programme", _n(lambda: (_training().value_saved - _training().cost) / _training().cost, ".0%")),
        "20,000": Stated("exercise input: cost of a course; its answer, 80 × £250"),
        "28%": Stated("exercise input: churn after the course"), "4,000": Stated("exercise input: customers"),
        "250": Stated("exercise input: £250 a customer"),
        "80": Computed("exercise answer: customers saved", _n(lambda: __import__("retention").training_value(4000, 0.30, 0.28, 250, 20000).customers_saved)),
    },
    "31_data_cleaning": {
        "541,909": Computed("rows of the file (card)", _card("rows")),
        "25,900": Computed("invoices (card)", _card("invoices")),
        "20": Computed("order lines per invoice, to the nearest ten", _lines_per_invoice),
        "38": Computed("countries of the raw file (card)", _card("countries")),
        "1.4": Computed("revenue of anonymous lines, £ million", _anonymous_millions),
        "140 万": Computed("revenue of anonymous lines, 万英镑", _anonymous_millions),
        "−897,000": Computed("revenue of the cancellation lines", _cancelled_thousands),
        "80,995": Computed("largest line (card)", _card("largest_line_units")),
        "74,215": Computed("second largest line (card)", _card("second_largest_line_units")),
        "245,653": Computed("revenue of the two largest lines (card)", _card("largest_lines_revenue_gbp", True)),
        "30": Computed("minutes of the cancelled-in-full rule", _minutes),
        "429": Computed("sale lines cancelled in full (card)", _card("cancelled_in_full_lines")),
        "325,455": Computed("their revenue (card)", _card("cancelled_in_full_gbp", True)),
        "395,933": Computed("lines after cleaning (card)", _card("clean_lines")),
        "4,333": Computed("customers after cleaning (card)", _card("clean_customers")),
    },
    "32_who_are_the_customers": {
        "20%": Stated("industry figure: the top 20% of customers"),
        "20": Stated("industry figure: the 20/85 rule"),
        "85%": Stated("industry figure: 85% of profit"),
        "1%": Stated("exercise parameter: the top 1% of customers"),
    },
    "33_rfm_segments": {
        "1": SCALE, "5": Stated("the 1–5 score scale; campaign assumption: £5 incentive"),
        "500": Stated("campaign assumption: customers contacted"),
        "0.50": Stated("campaign assumption: cost per contact (£)"),
        "12%": Stated("campaign assumption: buy with the campaign"),
        "5%": Stated("campaign assumption: would buy anyway"),
        "40": Stated("campaign assumption: margin per order (£)"),
    },
    "34_cohort_retention": {
        "10": Computed("last month of the pooled curves (new customers only)", _pooled_curve_end(True)),
        "11": Computed("last month with the December-2010 cohort pooled in", _pooled_curve_end(False)),
    },
    "35_churn_early_warning": {
        "90": Stated("the lesson's churn window (days), passed to the package"),
        "1.5": Stated("example value of lift"),
        "50%": Stated("what the example lift of 1.5 means: 1.5 − 1"),
        "20%": Stated("example: the share of customers the team can call"),
        "60": Stated("exercise parameter: a 60-day threshold"),
    },
    "36_satisfaction": {
        "4,000": Computed("tickets (card)", _card("tickets")),
        "82%": Computed("industry figure, resolved quickly (package)", _outcome("resolved_quickly")),
        "54%": Computed("industry figure, resolved not quickly (package)", _outcome("resolved")),
        "19%": Computed("industry figure, not resolved (package)", _outcome("unresolved")),
        "9%": Computed("industry figure, never complained (package)", _outcome("silent")),
        "−0.427": Computed("glued response_corr (Spearman)", _glued("36_satisfaction", "response_corr", ".3f")),
        "1": SCALE, "4": Stated("CSAT counts scores 4 and 5"), "5": SCALE,
        "500": Stated("example assumption: a customer worth £500 a year"),
    },
}
