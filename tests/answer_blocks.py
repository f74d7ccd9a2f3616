"""The exercises' "Check your answer" blocks as a reader meets them, and what they should hold.

``expected`` reads the teacher's notes' YAML itself and makes each figure's ``compute`` call directly
(tests/unit/package_calls.py), not through the package's notes reader; ``blocks`` reads the blocks
out of HTML (a lesson page of the built book, or the HTML a notebook cell shows in JupyterLab), each
language as a reader who picked it sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from bs4 import BeautifulSoup
from paths import ROOT
from unit.package_calls import call

from retention.teaching.questionbank import format_value

#: The data lessons, whose exercises carry check blocks.
DATA_LESSONS = ("30_python_on_ramp", "31_data_cleaning", "32_who_are_the_customers", "33_rfm_segments",
                "34_cohort_retention", "35_churn_early_warning", "36_satisfaction")
LANGS = ("en", "zh-Hans")


def notes(lesson: str) -> dict:
    return yaml.safe_load((ROOT / "book" / "teacher" / "notes" / f"{lesson}.yml").read_text(encoding="utf-8"))


def expected(lesson: str) -> dict[int, list[tuple[str, str, str, str]]]:
    """exercise -> [(label en, label zh, value en, value zh)] for every exercise whose answer has figures."""
    found = {}
    for answer in notes(lesson)["answers"]:
        rows = []
        for figure in answer.get("figures", []):
            value = call(figure["compute"])
            rows.append((figure["label"]["en"], figure["label"]["zh"],
                         format_value(figure["format"]["en"], value), format_value(figure["format"]["zh"], value)))
        if rows:
            found[answer["exercise"]] = rows
    return found


def shown(tag, lang: str) -> str:
    """The text of ``tag`` a reader who chose ``lang`` sees: the other language's spans and the separators hidden."""
    copy = BeautifulSoup(str(tag), "html.parser")
    for hidden in copy.select(f'span[lang]:not([lang="{lang}"]), .bi-sep'):
        hidden.decompose()
    return re.sub(r"\s+", " ", copy.get_text()).strip()


@dataclass
class Block:
    """One check block: whether it opens by itself, its title and its rows, each per language."""

    open: bool
    summary: dict[str, str]
    rows: list[tuple[str, str, str, str]]


def blocks(html: str, lesson: str) -> dict[int, list[Block]]:
    """exercise -> the check blocks of ``lesson`` in ``html`` (a list, so a doubled block shows)."""
    found: dict[int, list[Block]] = {}
    for details in BeautifulSoup(html, "html.parser").select(f'details.cbec-answer-check[data-lesson="{lesson}"]'):
        rows = []
        for tr in details.select("tr"):
            label, value = tr.find_all("td")
            rows.append((shown(label, "en"), shown(label, "zh-Hans"), shown(value, "en"), shown(value, "zh-Hans")))
        summary = {lang: shown(details.summary, lang) for lang in LANGS}
        found.setdefault(int(details["data-exercise"]), []).append(Block(details.has_attr("open"), summary, rows))
    return found
