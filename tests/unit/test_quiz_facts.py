"""Real-data facts quoted in the self-check quizzes equal the Online Retail data card. Quiz YAML is plain text shown
to students and cannot call code, so these tests fail when a card's count changes
and a quiz still quotes the old one."""

import re

import pandas as pd
import pytest

from retention.data import card
from retention.datacards import format_count
from retention.ui.quiz import available_quizzes, load_quiz

COUNTS = card("online_retail").counts
FIRST, LAST = pd.Timestamp(COUNTS["first_invoice"]), pd.Timestamp(COUNTS["last_invoice"])
#: Quizzes about the Online Retail data (lessons 31-35); 36 is about the synthetic tickets and industry figures.
DATA_QUIZZES = [name for name in available_quizzes() if "31" <= name[:2] <= "35"]
#: Numbers with thousands separators in those quizzes that are not documented counts (made-up examples).
NOT_COUNTS: set[str] = set()
#: A day count as the quizzes write it in words.
DAYS = {9: ("nine", "九")}


def month(ts: pd.Timestamp) -> tuple[str, str]:
    """A month as the quizzes write it: ('December 2010', '2010 年 12 月')."""
    return f"{ts:%B %Y}", f"{ts.year} 年 {ts.month} 月"


#: (quiz, question id) -> phrases its English and its Chinese text must contain, built from the card.
QUOTED = {
    ("31_data_cleaning", "count-invoices"): (
        [format_count(COUNTS[key]) for key in ("rows", "invoices", "customers")],
        [format_count(COUNTS[key]) for key in ("rows", "invoices", "customers")],
    ),
    ("34_cohort_retention", "december-cohort"): ([month(FIRST)[0]], [month(FIRST)[1]]),
    ("34_cohort_retention", "partial-month"): (
        [f"{DAYS[LAST.day][0]} days of {month(LAST)[0]}"], [f"{month(LAST)[1]}的前{DAYS[LAST.day][1]}天"]
    ),
}


def texts(question) -> tuple[str, str]:
    """All English and all Chinese text of a question: stem, options and explanation."""
    return tuple(
        "\n".join([getattr(question, lang), *(o[lang] for o in question.options), getattr(question, f"explain_{lang}")])
        for lang in ("en", "zh")
    )


def questions() -> dict:
    return {(name, q.id): q for name in DATA_QUIZZES for q in load_quiz(name)}


@pytest.mark.parametrize("key", QUOTED, ids=["/".join(key) for key in QUOTED])
def test_quoted_facts_equal_the_card(key):
    english, chinese = texts(questions()[key])
    for lang, text, phrases in (("en", english, QUOTED[key][0]), ("zh", chinese, QUOTED[key][1])):
        for phrase in phrases:
            assert phrase in text, f"{'/'.join(key)} ({lang}) should quote {phrase!r} from datasets/online_retail.yml"


@pytest.mark.parametrize("name", DATA_QUIZZES)
def test_every_large_number_in_a_data_quiz_is_a_documented_count(name):
    """A number like 541,909 in a data quiz is a card count; a typo or an outdated count fails here."""
    documented = {format_count(value) for value in COUNTS.values()} | NOT_COUNTS
    for q in load_quiz(name):
        for number in re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", "\n".join(texts(q))):
            assert number in documented, f"{name}/{q.id} quotes {number}, which is not a count of online_retail.yml"
        for option in q.options:
            if "value" in option and re.fullmatch(r"[\d,]+", option["en"]):
                assert option["value"] == int(option["en"].replace(",", "")), f"{name}/{q.id}: value differs from text"


def test_every_quoted_question_exists():
    assert set(QUOTED) <= set(questions())
