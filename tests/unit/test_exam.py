"""Exam papers: `make exam TAGS=… SEED=…` as the README writes it gives the same paper for the same seed,
draws only from the selected tags, and its answer sheet marks, for every question, the options the bank
marks right (after the paper shuffled them) and the package's numbers; bad tags stop with the fix."""

import re
import subprocess
from html.parser import HTMLParser

import pytest
from paths import ROOT

from retention.teaching import exam, questionbank
from retention.teaching.questionbank import QuestionBankError, load_bank

TAGS = "lesson:05,lesson:06,lesson:08"


class Paper(HTMLParser):
    """Each question of a paper or sheet: its key, its options' English text and the sheet's answer letters."""

    def __init__(self, text):
        super().__init__()
        self.questions, self._in_option, self._lang = {}, False, None
        self._key = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "data-key" in attrs:
            self._key = attrs["data-key"]
            self.questions[self._key] = {"options": [], "letters": None}
        elif tag == "li" and self._key:
            self._in_option = True
            self.questions[self._key]["options"].append("")
        elif tag == "p" and "data-answer" in attrs:
            self.questions[self._key]["letters"] = attrs["data-answer"]
        self._lang = attrs.get("lang", self._lang)

    def handle_endtag(self, tag):
        if tag == "li" and self._in_option:
            self._in_option = False
        if tag == "span":
            self._lang = None

    def handle_data(self, data):
        if self._in_option and self._lang == "en":
            self.questions[self._key]["options"][-1] += data


def test_same_seed_same_paper_other_seed_other_paper():
    first = exam.assemble(TAGS, 7, 15)
    again = exam.assemble(TAGS, 7, 15)
    assert exam.render(first, TAGS, 7, False) == exam.render(again, TAGS, 7, False)
    assert exam.render(first, TAGS, 7, True) == exam.render(again, TAGS, 7, True)
    other = exam.assemble(TAGS, 8, 15)
    assert [q.item.key for q in other] != [q.item.key for q in first]


def test_the_paper_draws_only_from_the_selection():
    questions = exam.assemble("lesson:07,difficulty:easy", 1, 50)
    expected = {i.key for i in load_bank() if i.lesson == "07_service_teams" and i.difficulty == "easy"}
    assert {q.item.key for q in questions} == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_answer_sheet_matches_the_paper(seed):
    questions = exam.assemble(TAGS, seed, 25)
    paper = Paper(exam.render(questions, TAGS, seed, answers=False)).questions
    sheet_html = exam.render(questions, TAGS, seed, answers=True)
    sheet = Paper(sheet_html).questions
    assert list(paper) == list(sheet) == [q.item.key for q in questions]
    items = {i.key: i for i in load_bank()}
    for key, printed in paper.items():
        item = items[key]
        if item.type in ("single", "multiple"):
            right = {item.options[i]["en"] for i in ([item.answer] if item.type == "single" else item.answer)}
            marked = {printed["options"][ord(letter) - ord("A")] for letter in sheet[key]["letters"]}
            assert marked == right, key
            assert sorted(printed["options"]) == sorted(o["en"] for o in item.options)
        elif item.type == "numeric":
            assert item.answer_text("en") in sheet_html
            assert questionbank.format_value(item.format["en"], round(item.value(), item.decimals)) == item.answer_text("en")
    assert re.search(r'data-answer="[A-F]', sheet_html)


def test_options_are_shuffled_by_the_seed():
    orders = {tuple(q.options[0]["en"] for q in exam.assemble("type:single", seed, 200)) for seed in range(4)}
    assert len(orders) > 1


def test_bad_input_is_refused_before_anything_is_written(tmp_path):
    for tags, seed, message in [("lesson:99", 1, "no such lesson"), ("colour:red", 1, "key:value"), (TAGS, "x", "whole number")]:
        with pytest.raises(QuestionBankError, match=message):
            exam.write_exam(tags, seed, 10, tmp_path / "out", pdf=False)
    assert not (tmp_path / "out").exists()


def _make(*args):
    return subprocess.run(["make", "--no-print-directory", "exam", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.xdist_group("make-exam")
def test_make_exam_as_the_readme_writes_it():
    result = _make("TAGS=lesson:06,difficulty:hard", "SEED=7", "N=5")
    assert result.returncode == 0, result.stderr
    out = ROOT / "_build" / "exam"
    html = (out / "exam-seed7.html").read_text(encoding="utf-8")
    assert html.count("data-key=") == 5
    assert "06_customer_care_economics/" in html
    if exam.chromium():
        assert (out / "exam-seed7.pdf").read_bytes().startswith(b"%PDF")
        assert (out / "answers-seed7.pdf").read_bytes().startswith(b"%PDF")
    again = _make("TAGS=lesson:06,difficulty:hard", "SEED=7", "N=5")
    assert again.returncode == 0 and (out / "exam-seed7.html").read_text(encoding="utf-8") == html


@pytest.mark.xdist_group("make-exam")
def test_make_exam_with_bad_tags_says_what_is_wrong():
    result = _make("TAGS=lesson:99", "SEED=7")
    assert result.returncode != 0
    assert "no such lesson" in result.stderr and "01_why_keep_customers" in result.stderr
    missing_seed = _make("TAGS=lesson:06")
    assert missing_seed.returncode != 0 and "needs a seed" in missing_seed.stderr
