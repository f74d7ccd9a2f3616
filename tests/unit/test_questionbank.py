"""The question bank: the quiz files and the bank files pass one JSON Schema, there are at least 200 items of
every type, each tagged with a lesson of the book, an objective of its course plan and a difficulty, every
numeric answer is what the package computes, and a broken file or selection is named with the fix."""

import re
from collections import Counter

import jsonschema
import pytest
import yaml
from package_calls import call
from paths import ROOT
from teaching_copy import clear_caches, copy_course
from yaml_edit import edit

import retention
from retention.bilingual import has_chinese
from retention.teaching import courseplan, questionbank
from retention.teaching.questionbank import QuestionBankError, load_bank, select
from retention.teaching.sources import toc_lessons

SCHEMA = questionbank.schema()
FILES = sorted((ROOT / "book" / "quizzes").glob("*.yml")) + sorted((ROOT / "book" / "questions").glob("*.yml"))


@pytest.fixture
def course(tmp_path, monkeypatch):
    yield copy_course(tmp_path, monkeypatch)
    monkeypatch.delenv("RETENTION_BOOK_DIR")
    clear_caches()


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_quiz_and_bank_files_pass_the_one_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_bank_holds_at_least_200_items_of_every_type():
    bank = load_bank()
    assert len(bank) >= 200
    by_type = Counter(item.type for item in bank)
    assert set(by_type) == set(questionbank.TYPES)
    assert min(by_type.values()) >= 10, by_type


def test_the_quizzes_of_the_lessons_are_part_of_the_bank():
    from retention.ui.quiz import available_quizzes, load_quiz

    bank = {(i.lesson, i.id): i for i in load_bank() if i.source == "quiz"}
    quizzes = [lesson for lesson in toc_lessons() if lesson in available_quizzes()]
    assert len(quizzes) >= 14 and len(bank) == sum(len(load_quiz(lesson)) for lesson in quizzes)
    for lesson in quizzes:
        for question in load_quiz(lesson):
            item = bank[lesson, question.id]
            assert (item.en, item.zh, item.answer) == (question.en, question.zh, question.answer)


def test_every_item_is_tagged_with_a_lesson_an_objective_of_its_plan_and_a_difficulty():
    for item in load_bank():
        assert item.lesson in toc_lessons()
        assert item.objective in courseplan.objectives(item.lesson), item.key
        assert item.difficulty in questionbank.DIFFICULTIES
        assert item.part in courseplan.PARTS


def test_every_objective_of_the_plan_is_asked_about():
    asked = {(i.lesson, i.objective) for i in load_bank()}
    for lesson in toc_lessons():
        for objective in courseplan.objectives(lesson):
            assert (lesson, objective) in asked, f"{lesson} {objective}: no question tests this objective"


def test_every_item_is_bilingual():
    for item in load_bank():
        assert has_chinese(item.zh) and not has_chinese(item.en), item.key
        for option in item.options:
            assert not has_chinese(option["en"]), item.key
        if item.type == "short":
            assert has_chinese(item.model_zh) and not has_chinese(item.model_en), item.key
        else:
            assert has_chinese(item.explain_zh) and not has_chinese(item.explain_en), item.key


def test_every_numeric_answer_is_what_the_package_computes():
    numeric = [i for i in load_bank() if i.type == "numeric"]
    assert len(numeric) >= 50
    for item in numeric:
        expected = float(call(item.compute, item.params))
        assert item.value() == pytest.approx(expected), item.key
        shown = round(expected, item.decimals)
        assert item.answer_text("en") == questionbank.format_value(item.format["en"], shown), item.key


def test_variants_ask_different_questions_with_different_answers():
    by_template = {}
    for item in load_bank():
        if item.params:
            by_template.setdefault((item.lesson, item.id.rsplit("-", 1)[0]), []).append(item)
    assert len(by_template) >= 15
    for key, items in by_template.items():
        assert len({i.en for i in items}) == len(items), key
        assert len({round(i.value(), i.decimals) for i in items}) == len(items), f"{key}: two variants share an answer"


def test_numeric_items_store_a_call_never_a_typed_answer():
    for path in sorted((ROOT / "book" / "questions").glob("*.yml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            if raw.get("type") == "numeric":
                assert "answer" not in raw and raw["compute"]["call"] in retention.__all__


def test_selection_by_tags_and_clear_errors():
    hard = select("lesson:06,difficulty:hard")
    assert hard and all(i.lesson == "06_customer_care_economics" and i.difficulty == "hard" for i in hard)
    either = select("lesson:01,lesson:02,type:numeric")
    assert {i.lesson for i in either} == {"01_why_keep_customers", "02_why_customers_leave"}
    assert {i.type for i in either} == {"numeric"}
    assert len(select("")) == len(load_bank())
    with pytest.raises(QuestionBankError, match="no such lesson"):
        select("lesson:99")
    with pytest.raises(QuestionBankError, match="unknown difficulty.*easy"):
        select("difficulty:impossible")
    with pytest.raises(QuestionBankError, match="key:value"):
        select("hard")


def test_a_quiz_item_without_tags_is_named(course):
    edit(course / "questions" / "01_why_keep_customers.yml", lambda d: d["quiz"].pop("ltv-seed"))
    with pytest.raises(QuestionBankError, match="01_why_keep_customers.*ltv-seed.*quiz:"):
        load_bank()


def test_an_objective_missing_from_the_plan_is_named(course):
    edit(course / "questions" / "02_why_customers_leave.yml", lambda d: d["questions"][0].update(objective="k9"))
    with pytest.raises(QuestionBankError, match="objective 'k9' is not in the plan"):
        load_bank()


def test_a_typed_numeric_answer_breaks_the_schema(course):
    edit(course / "questions" / "06_customer_care_economics.yml", lambda d: d["questions"][0].update(answer=110))
    with pytest.raises(QuestionBankError, match="06_customer_care_economics.yml"):
        load_bank()


def test_a_call_outside_the_package_is_refused(course):
    def change(d):
        d["questions"][0]["compute"]["call"] = "system"

    edit(course / "questions" / "01_why_keep_customers.yml", change)
    with pytest.raises(QuestionBankError, match="'system' is not a public function"):
        [i.value() for i in load_bank() if i.type == "numeric"]


def test_a_file_for_a_lesson_not_in_the_book_is_named(course):
    (course / "questions" / "99_extra.yml").write_text("questions: []\n", encoding="utf-8")
    with pytest.raises(QuestionBankError, match="99_extra"):
        load_bank()


def test_a_change_in_percentage_points_is_written_without_a_per_cent_sign():
    """"5% points" and "5% 个百分点" mix the two measures the course teaches students to keep apart."""
    mixed = [
        f"{item.lesson}/{item.id}: {text}"
        for item in load_bank()
        for text in (item.en, item.zh)
        if re.search(r"%\s*(?:percentage\s+)?points?\b|%\s*个百分点", text)
    ]
    assert not mixed, mixed


def test_the_pt_format_writes_a_share_as_percentage_points():
    assert questionbank._fill("by {change:.0pt} percentage points", {"change": 0.05}, "t") == "by 5 percentage points"
    assert questionbank._fill("提高 {change:.1pt} 个百分点", {"change": 0.025}, "t") == "提高 2.5 个百分点"
    assert questionbank._fill("{share:.0%}", {"share": 0.05}, "t") == "5%"


def test_the_readme_gives_the_banks_counts():
    """README's "N items (a single choice, b multiple choice, …)" is what the bank holds (it said 208 beside 209)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    found = re.search(
        r"(\d+) items \((\d+) single choice, (\d+) multiple choice, (\d+) true/false, (\d+) numeric, (\d+) short answer", readme
    )
    assert found, "README's question-bank sentence lost its counts"
    by_type = questionbank.counts()["type"]
    assert [int(n) for n in found.groups()] == [len(load_bank())] + [by_type[t] for t in ("single", "multiple", "truefalse", "numeric", "short")]
