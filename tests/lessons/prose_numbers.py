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


def _agree(*sources: Callable[[], tuple[str, str]]) -> Callable[[], tuple[str, str]]:
    """One written figure that several package results share: their common forms, or all of them joined by ≠."""
    def forms():
        found = [source() for source in sources]
        if len(set(found)) == 1:
            return found[0]
        return tuple(" ≠ ".join(f[i] for f in found) for i in (0, 1))
    return forms


def _claim(key: str, position: int) -> Callable[[], tuple[str, str]]:
    """The figure at ``position`` of a headline claim (retention.claims), without its sign: '3–10×', 1 -> '10'."""
    def forms():
        from retention.claims import claim

        return (numbers_in(claim(key).value)[position].lstrip("−"),) * 2
    return forms


def _rate(key: str, fmt: str = ".2f") -> Callable[[], tuple[str, str]]:
    """A repurchase rate of COMPLAINT_OUTCOMES as a decimal, as an exercise answer writes it (0.82)."""
    def forms():
        from retention.complaints import COMPLAINT_OUTCOMES

        return (format(COMPLAINT_OUTCOMES[key]["repurchase"], fmt),) * 2
    return forms


def _lesson_result(lesson: str, name: str):
    """The result a lesson glues under ``name`` (the same call as the lesson's, from expected_values)."""
    from lessons.expected_values import EXPECTED

    return EXPECTED[lesson][name]()


def _better(complaints, value, before="unresolved", after="resolved_quickly") -> float:
    return _rt().value_of_better_complaint_handling(complaints, value, before, after)


def _workload(column: str) -> float:
    """A column of the total row of lesson 03's follow-up workload."""
    table = _lesson_result("03_ways_to_keep_customers", "follow_up_workload")
    return float(table.loc[table["class"] == "total", column].iloc[0])


def _referral_row(change: float, column: str) -> float:
    table = _lesson_result("03_ways_to_keep_customers", "referral_table")
    return float(table.loc[table["referral_change"] == change, column].iloc[0])


def _by_multiple(customers, churn_rate, multiple, column: str) -> float:
    """A cell of churn_cost_by_multiple: the row of ``multiple``, the column whose English header starts with ``column``."""
    table = _rt().churn_cost_by_multiple(customers, churn_rate, (multiple,))
    return float(table[next(c for c in table.columns if c.startswith(column))].iloc[0])


def _uplift_after(retention: float) -> float:
    table = _lesson_result("06_customer_care_economics", "uplift_table")
    return float(table.loc[table["retention · 留存率"] == retention, "after · 提高后"].iloc[0])


def _settle(item_cost, postage, handling, resale_share):
    return _rt().return_or_refund(item_cost, postage, handling, resale_share)


def _postage_and_handling(item_cost, postage, handling) -> float:
    """What the return route adds to a refund before any resale: the resale value a return has to beat."""
    nothing_resold = _settle(item_cost, postage, handling, 0)
    return nothing_resold.return_route - nothing_resold.refund_only


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
        "25%": Computed("industry figure: +5% retention, +25% profit (claims.retention_rise_profit)", _claim("retention_rise_profit", 1)),
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
        "10": Computed("industry figure: acquisition costs 3 to 10 times retention (claims)", _claim("acquisition_cost_multiple", 1)),
        "3": Stated("industry figure (3–10×); 3 a.m."),
        "20%": Computed("industry figure: satisfaction from 20% (claims.satisfaction_range)", _claim("satisfaction_range", 0)),
        "70%": Computed("industry figure: satisfaction up to 70% (claims.satisfaction_range)", _claim("satisfaction_range", 1)),
        "1": Stated("cause number 1"), "2": Stated("cause number 2"),
        "60": Stated("exercise input: 60 customers lost"),
        "30": Computed("exercise answer: sales to replace", _n(lambda: 60 * _rt().P_EXISTING)),
        "200": Computed("exercise answer: prospects needed", _n(lambda: _rt().prospects_needed(60))),
    },
    "03_ways_to_keep_customers": {
        "1": Stated("habit number 1 (bold heading)"), "2": Stated("habit number 2"), "4": Stated("habit number 4"),
        "3": Stated("habit number 3; exercise input: 3 orders"),
        # three buyers sorted by customer_class (inputs of the lesson's code)
        "20": Stated("example input: the Canadian's first order 20 days ago"),
        "200": Stated("example input: the French buyer's last order 200 days ago"),
        # the follow-up workload of a shop (follow_up_workload)
        "100": Stated("example input: 100 VIPs"), "400": Stated("example input: 400 regulars"),
        "300": Stated("example input: 300 new customers"), "150": Stated("example input: 150 at risk"),
        "50": Stated("example input: 50 after a complaint"),
        "1,000": Computed("customers of the workload example (its total row); the size of lesson 01's shop",
                          _n(lambda: _workload("customers"))),
        "4,850": Computed("follow-up contacts a year (total row of follow_up_workload)", _n(lambda: _workload("contacts"))),
        "250": Stated("assumption: 250 working days a year"),
        "19": Computed("contacts per working day: 4,850 ÷ 250, rounded", _n(lambda: _workload("contacts") / 250)),
        # referrals (referral_table, claims)
        "60%": Computed("industry figure: new customers by referral (REFERRAL_SHARE, claims.referral_share)",
                        _agree(_n(lambda: _rt().REFERRAL_SHARE, ".0%"), _claim("referral_share", 0))),
        "20%": Computed("industry figure: the best 20% of customers (claims.pareto_profit); the VIP rule's top 20%",
                        _claim("pareto_profit", 0)),
        "85%": Computed("industry figure: 85% of profit (claims.pareto_profit)", _claim("pareto_profit", 1)),
        "500": Stated("example input: 500 new customers a year"),
        "5": Stated("example input: acquisition costs 5n, as in lesson 01"),
        "750": Computed("cost of halving referrals (n), referral_table", _n(lambda: _referral_row(-0.5, "replacement_cost_n"))),
        "1,400": Computed("lesson 01's yearly cost at 10% churn (n)", _n(_churn(1000, 0.10, 5, "total"))),
        # exercises
        "40": Stated("exercise input: last order 40 days ago"), "10%": Stated("exercise input: top 10% by profit"),
        "800": Stated("exercise input: 800 new customers a year"), "25%": Stated("exercise input: referrals up 25%"),
        "480": Computed("exercise 3: referred customers before", _n(lambda: _rt().referral_scenario(800, 0.6, 0.25).referred)),
        "600": Computed("exercise 3: referred customers after, and the saving (n)",
                        _agree(_n(lambda: _rt().referral_scenario(800, 0.6, 0.25).referred_after),
                               _n(lambda: -_rt().referral_scenario(800, 0.6, 0.25).replacement_cost))),
        "120": Computed("exercise 3: more referred customers", _n(lambda: -_rt().referral_scenario(800, 0.6, 0.25).referrals_lost)),
        "−600": Computed("exercise 3: replacement_cost", _n(lambda: _rt().referral_scenario(800, 0.6, 0.25).replacement_cost)),
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
    "05_complaints_and_disputes": {
        "82%": Computed("repurchase, resolved quickly", _outcome("resolved_quickly")),
        "54%": Computed("repurchase, resolved not quickly", _outcome("resolved")),
        "19%": Computed("repurchase, not resolved", _outcome("unresolved")),
        "9%": Computed("repurchase, never complained", _outcome("silent")),
        "91%": Computed("silent unhappy customers who leave: 1 − 9%", _n(lambda: 1 - _rt().COMPLAINT_OUTCOMES["silent"]["repurchase"], ".0%")),
        # 100 complaints, £1,000 a customer (complaint_value_table, value_of_better_complaint_handling)
        "100": Stated("example input: 100 complaints a year; 100 unhappy customers"),
        "1,000": Stated("example input: a customer worth £1,000"),
        "63": Computed("more customers kept: 100 complaints from not resolved to resolved quickly", _n(lambda: _better(100, 1))),
        "63,000": Computed("their value (glued quick_vs_unresolved)", _glued("05_complaints_and_disputes", "quick_vs_unresolved", ",.0f")),
        "28": Computed("more customers kept: from resolved slowly to resolved quickly", _n(lambda: _better(100, 1, "resolved"))),
        "10": Stated("calculator suggestion: raise the quick share by 10 points (a word in the English)"),
        # the silent loss (silent_loss)
        "4": Stated("assumption: 4 of every 100 unhappy customers complain"),
        "96": Computed("unhappy customers who stay silent: 100 × (1 − 4%)", _n(lambda: 100 * (1 - 0.04))),
        # the mechanism and the model replies
        "24": Stated("24/7: round the clock"),
        "1": Stated("model reply 1; option 1"), "2": Stated("model reply 2; option 2; a refund within 2 working days"),
        "3": Stated("model reply 3; customs takes 3–7 working days; 3 days to the customer"),
        "7": Stated("model reply: customs takes 3–7 working days"), "8": Stated("model reply: a new teapot in about 8 days"),
        "39": Stated("model reply: shoe size 39"), "38": Stated("model reply: shoe size 38"),
        "30": Stated("model reply: return within 30 days"),
        # exercises
        "300": Stated("exercise input: 300 complaints"), "400": Stated("exercise input: £400 a customer"),
        "0.82": Computed("repurchase, resolved quickly, as a decimal", _rate("resolved_quickly")),
        "0.54": Computed("repurchase, resolved not quickly, as a decimal", _rate("resolved")),
        "0.19": Computed("repurchase, not resolved, as a decimal", _rate("unresolved")),
        "33,600": Computed("exercise 1 answer", _n(lambda: _better(300, 400, "resolved"))),
        "40%": Stated("exercise input: 40% resolved quickly and 40% slowly"), "20%": Stated("exercise input: 20% not resolved"),
        "0.4": Stated("exercise input: 40% as a decimal"), "0.2": Stated("exercise input: 20% as a decimal"),
        "58,200": Computed("exercise 2: value kept (complaint_mix)", _n(lambda: _rt().complaint_mix(100, 1000, 0.4, 0.4).value_kept)),
        "19,000": Computed("exercise 2: value kept if nothing is resolved", _n(lambda: _rt().complaint_mix(100, 1000, 0, 0).value_kept)),
        "39,200": Computed("exercise 2: gain over resolving nothing",
                           _n(lambda: _rt().complaint_mix(100, 1000, 0.4, 0.4).gain_over_no_resolution)),
        "120": Stated("exercise 3: a reply of at most 120 words"),
    },
    "06_customer_care_economics": {
        # discounted lifetime value: £100 a year, 80% retention, 10% discount rate (discounted_clv)
        "100": Stated("example input: £100 margin a year (and £100 today); 100 unhappy customers; 100 complaints"),
        "80%": Stated("example input: 80% retention"), "10%": Stated("example input: 10% discount rate; 10% churn"),
        "110": Stated("illustration of a 10% discount rate: £110 next year is worth £100 now"),
        "1": Stated("the 1 of the formula m × r / (1 + d − r)"),
        "1,000": Computed("lesson 01's lifetime value; the yearly cost (n) of 1,000 customers when nobody leaves "
                          "(also inputs: 1,000 customers, £1,000 a customer, 1,000 simulated customers)",
                          _agree(_n(lambda: _ltv(1)), _n(_churn(1000, 0.0, 5, "total")))),
        "10": Stated("lesson 01's inputs (£10, 10 orders, 10 years); top of the 3–10× industry range (claims.acquisition_cost_multiple)"),
        "266.67": Computed("discounted CLV at 80% (glued clv_80)", _glued("06_customer_care_economics", "clv_80", ",.2f")),
        "340": Computed("discounted CLV at 85%", _n(lambda: _rt().discounted_clv(100, 0.85, 0.10))),
        "27.5%": Computed("value change from 80% to 85% retention", _n(lambda: _rt().profit_impact_of_retention(0.80, 0.05, 0.10), ".1%")),
        "85%": Computed("industry figure: 85% of profit (claims.pareto_profit); retention after +5 points from 80%",
                        _agree(_claim("pareto_profit", 1), _n(lambda: _uplift_after(0.80), ".0%"))),
        "5": Stated("five points of retention (claims.retention_rise_profit); lesson 01's 5× acquisition cost"),
        "5%": Computed("industry figures: ±5% retention or loyalty (claims)",
                       _agree(_claim("retention_rise_profit", 0), _claim("loyalty_drop_profit", 0))),
        "25%": Computed("industry figures: ±25% profit (claims); share spent on churn at 3× (churn_cost_by_multiple)",
                        _agree(_claim("retention_rise_profit", 1), _claim("loyalty_drop_profit", 1),
                               _n(lambda: _by_multiple(1000, 0.10, 3, "share"), ".0%"))),
        "20%": Computed("value change counting this year's margin; the 5-point fall (−19.6%); industry figures: top 20% "
                        "(claims.pareto_profit), satisfaction from 20% (claims.satisfaction_range); σ = 0 top share",
                        _agree(_n(lambda: _rt().profit_impact_of_retention(0.80, 0.05, 0.10, this_year=True), ".0%"),
                               _n(lambda: -_rt().profit_impact_of_retention(0.80, -0.05, 0.10), ".0%"),
                               _claim("pareto_profit", 0), _claim("satisfaction_range", 0),
                               _n(lambda: _rt().lognormal_top_share(0, 0.20), ".0%"))),
        "75%": Stated("example input: retention falls to 75%"),
        # churn at every acquisition cost (churn_cost_by_multiple)
        "3": Computed("industry figure: acquisition costs 3 to 10 times retention (claims)", _claim("acquisition_cost_multiple", 0)),
        "53%": Computed("share spent on churn at 10×", _n(lambda: _by_multiple(1000, 0.10, 10, "share"), ".0%")),
        # the Pareto share (lognormal_sigma_for_share, simulated_customer_values)
        "0": Stated("σ = 0: everyone is worth the same"), "50": Stated("simulation input: median £50 a year"),
        "1.88": Computed("σ at which the top 20% bring 85% (glued sigma_85)", _glued("06_customer_care_economics", "sigma_85", ".2f")),
        # the ten myths
        "9%": Computed("repurchase, never complained", _outcome("silent")),
        "91%": Computed("silent unhappy customers who leave: 1 − 9%", _n(lambda: 1 - _rt().COMPLAINT_OUTCOMES["silent"]["repurchase"], ".0%")),
        "82%": Computed("repurchase, resolved quickly", _outcome("resolved_quickly")),
        "54%": Computed("repurchase, resolved not quickly", _outcome("resolved")),
        "400": Computed("myth 3: extra cost of 10% churn (glued myth_churn_extra)", _glued("06_customer_care_economics", "myth_churn_extra", ",.0f")),
        "70%": Computed("industry figure: satisfaction up to 70% (claims.satisfaction_range); exercise 1 input: 70% retention",
                        _claim("satisfaction_range", 1)),
        "4": Stated("assumption: 4 of 100 unhappy customers complain"),
        "96": Computed("unhappy customers who stay silent: 100 × (1 − 4%)", _n(lambda: 100 * (1 - 0.04))),
        "87,360": Computed("myth 5: value the silent take away (glued myth_silent)", _glued("06_customer_care_economics", "myth_silent", ",.0f")),
        "87,000": Computed("the same, to the nearest thousand", _n(lambda: round(_lesson_result("06_customer_care_economics", "myth_silent"), -3))),
        "63": Computed("myth 6: more customers kept", _n(lambda: _better(100, 1))),
        "63,000": Computed("myth 6: their value", _n(lambda: _better(100, 1000))),
        "20": Stated("myth 8 input: 20 complaints a week"), "48": Stated("myth 8 input: 48 weeks"),
        "269": Computed("myth 8: more customers kept by one agent", _n(lambda: _better(20 * 48, 1, "resolved"))),
        "80,640": Computed("myth 8: their value (glued myth_one_agent)", _glued("06_customer_care_economics", "myth_one_agent", ",.0f")),
        "300": Computed("exercise 2: new customers (also myth 8's £300 a customer, an input)",
                        _n(lambda: _by_multiple(2000, 0.15, 8, "new customers"))),
        # exercises
        "60": Stated("exercise input: £60 margin a year"), "8%": Stated("exercise input: 8% discount rate"),
        "0.7": Stated("exercise input: 70% retention as a decimal"),
        "0.38": Computed("exercise 1: 1 + d − r", _n(lambda: 1 + 0.08 - 0.70, ".2f")),
        "110.53": Computed("exercise 1 answer", _n(lambda: _rt().discounted_clv(60, 0.70, 0.08), ".2f")),
        "2,000": Stated("exercise input: 2,000 customers"), "15%": Stated("exercise input: 15% churn"),
        "8": Stated("exercise input: acquisition at 8n"),
        "2,400": Computed("exercise 2: acquisition cost (n)", _n(lambda: _by_multiple(2000, 0.15, 8, "acquisition cost"))),
        "1,700": Computed("exercise 2: retention cost (n)", _n(lambda: _by_multiple(2000, 0.15, 8, "retention cost"))),
        "4,100": Computed("exercise 2: total (n)", _n(lambda: _by_multiple(2000, 0.15, 8, "total"))),
        "58.5%": Computed("exercise 2: share spent on churn", _n(lambda: _by_multiple(2000, 0.15, 8, "share"), ".1%")),
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
    "08_case_studies": {
        "24": Stated("24 hours a day; 24/7"),
        "1": Stated("discussion question and step numbers"), "2": Stated("discussion question and step numbers"),
        "3": Stated("discussion question 3; step 3; example input: £3 of handling"), "4": Stated("step 4"),
        "10%": Stated("lesson 01's +10% on each factor; example input: churn of 10% before the incident"),
        "1,000": Computed("lesson 01's lifetime value", _n(lambda: _ltv(1))),
        "1,331": Computed("lesson 01's lifetime value, each factor +10%", _n(lambda: _ltv(2))),
        "82%": Computed("repurchase, resolved quickly", _outcome("resolved_quickly")),
        "54%": Computed("repurchase, resolved not quickly", _outcome("resolved")),
        "19%": Computed("repurchase, not resolved", _outcome("unresolved")),
        # our own case: 2,000 customers, 400 parcels, 120 complaints, £250 a customer
        "2,000": Stated("example input: 2,000 regular customers in Germany"),
        "120": Stated("example input: 120 complaints"), "250": Stated("example input: £250 a customer"),
        "63": Computed("percentage points more who buy again: 82% − 19%", _n(lambda: _better(100, 1))),
        "18,900": Computed("step 1: value of quick handling (glued case_complaint_value)", _glued("08_case_studies", "case_complaint_value", ",.0f")),
        "18": Stated("example input: £18 return postage"), "80%": Stated("example input: resale at 80% of cost"),
        "20": Computed("step 2: refund-only route (the set's cost, an input)", _glued("08_case_studies", "case_refund_only", ",.0f")),
        "25": Computed("step 2: return route (glued; also exercise 2's £25 postage)", _glued("08_case_studies", "case_return_route", ",.0f")),
        "5": Computed("step 2: saving a set (glued; also acquisition at 5n and exercise 2's £5 handling)",
                      _glued("08_case_studies", "case_refund_saving", ",.0f")),
        "21": Computed("step 2: postage and handling the resale must beat", _n(lambda: _postage_and_handling(20, 18, 3))),
        "15%": Stated("example input: churn of 15% after the incident"),
        "400": Computed("step 3: extra yearly cost (n, glued case_churn_extra); also inputs: 400 parcels, exercise 1's £400",
                        _glued("08_case_studies", "case_churn_extra", ",.0f")),
        # exercises
        "60": Computed("exercise 2: refund-only route (the jacket's cost); also exercise 1's 60 complaints",
                       _n(lambda: _settle(60, 25, 5, 0.7).refund_only)),
        "0.63": Computed("exercise 1: 82% − 19% as a decimal", _n(lambda: _better(1, 1), ".2f")),
        "15,120": Computed("exercise 1 answer", _n(lambda: _better(60, 400))),
        "70%": Stated("exercise input: resale at 70% of cost"),
        "30": Computed("exercise 2: postage and handling", _n(lambda: _postage_and_handling(60, 25, 5))),
        "42": Computed("exercise 2: resale value", _n(lambda: _settle(60, 25, 5, 0).return_route - _settle(60, 25, 5, 0.7).return_route)),
        "48": Computed("exercise 2: return route", _n(lambda: _settle(60, 25, 5, 0.7).return_route)),
        "12": Computed("exercise 2: saving of the return", _n(lambda: _settle(60, 25, 5, 0.7).saving)),
    },
    "30_python_on_ramp": {
        "8": Stated("reference to pandas line 8 above"), "9": Stated("reference to pandas line 9 above"),
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
        "20%": Computed("industry figure: the top 20% of customers (claims.pareto_profit)", _claim("pareto_profit", 0)),
        "20": Stated("industry figure: the 20/85 rule"),
        "85%": Computed("industry figure: 85% of profit (claims.pareto_profit)", _claim("pareto_profit", 1)),
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
