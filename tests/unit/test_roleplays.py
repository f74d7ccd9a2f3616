"""retention.roleplays: the eight cases of issue 12 are there and complete, a broken case file is named with its
field and fix, and the page carries every case's cards, notes, model answer and marking sheet in both languages
(missing, unreadable and schema-breaking files: test_practice_content.py)."""

import re
import shutil

import pytest
from paths import ROOT
from yaml_edit import edit

from retention import roleplays as rp
from retention.practice_content import PracticeContentError

CASES = ["where-is-my-parcel", "customs-duties", "damaged-item", "wrong-size", "refund-delay",
         "threatened-dispute", "negative-review", "chargeback"]


@pytest.fixture
def cases_copy(practice_book):
    """The copy's book/roleplays/ (the phrase bank it refers to is copied too)."""
    return practice_book / "roleplays"


def test_the_eight_cases_of_the_issue_in_order():
    cases = rp.load_roleplays()
    assert [c.key for c in cases] == CASES
    assert [c.number for c in cases] == list(range(1, 9))


def test_every_case_has_both_roles_notes_a_model_and_a_full_marking_sheet():
    for case in rp.load_roleplays():
        assert case.role_a["en"] and case.role_a["zh"] and case.role_b["en"] and case.role_b["zh"]
        assert len(case.notes) >= 3 and {t.speaker for t in case.model} == {"A", "B"}
        assert case.total_points == rp.TOTAL_POINTS == sum(c.points for c in case.rubric)


def test_the_cases_use_every_register_of_the_phrase_bank():
    from retention.phrasebank import phrasebank

    assert {c.channel for c in rp.load_roleplays()} == {r.key for r in phrasebank().registers}


def test_a_rubric_that_does_not_total_ten_and_a_wrong_key_are_named(cases_copy):
    def damage(d):
        d["rubric"][0]["points"] += 1
        d["key"] = "lost-parcel"

    edit(cases_copy / "01_where-is-my-parcel.yml", damage)
    with pytest.raises(PracticeContentError) as info:
        rp.load_roleplays()
    assert "adds up to 11 points" in str(info.value) and "'lost-parcel' but the file is 01_where-is-my-parcel.yml" in str(info.value)


def test_an_unknown_channel_a_one_sided_model_and_english_in_chinese_are_named(cases_copy):
    def damage(d):
        d["channel"] = "fax"
        d["model"] = [t for t in d["model"] if t["speaker"] == "B"] * 2
        d["situation_zh"] = "A buyer writes."

    edit(cases_copy / "03_damaged-item.yml", damage)
    with pytest.raises(PracticeContentError) as info:
        rp.load_roleplays()
    message = str(info.value)
    assert "03_damaged-item.yml" in message and "'fax', not a register" in message
    assert "both A and B" in message and "'situation_zh' must be written in Chinese" in message


def test_a_bad_file_name_and_a_repeated_number_are_named(cases_copy):
    with pytest.raises(PracticeContentError, match="named NN_<key>.yml"):
        rp.load_roleplay(cases_copy / "chargeback.yml")
    shutil.copy(cases_copy / "08_chargeback.yml", cases_copy / "02_chargeback.yml")
    with pytest.raises(PracticeContentError, match=r"numbers \[2\] are used twice"):
        rp.load_roleplays()


def test_the_page_carries_every_case_in_paired_blocks():
    cases = rp.load_roleplays()
    page = rp.roleplays_markdown(cases)
    for case in cases:
        assert f"## Case {case.number}: {case.title_en} · 案例 {case.number}：{case.title_zh}" in page
        for turn in case.model:
            for line in (turn.en + "\n" + turn.zh).splitlines():
                assert not line.strip() or f"> {line}" in page
        for criterion in case.rubric:
            assert f"| {criterion.en} | {criterion.points} | |" in page and f"| {criterion.zh} | {criterion.points} | |" in page
    assert page.count(f"| **Total** | **{rp.TOTAL_POINTS}** | |") == len(cases) == page.count(f"| **合计** | **{rp.TOTAL_POINTS}** | |")
    langs = re.findall(r"^:::\{container\} language-(\S+)", page, flags=re.M)
    assert langs == ["en", "zh-Hans"] * (len(langs) // 2)
    page_source = (ROOT / "book" / "roleplays.md").read_text(encoding="utf-8")
    assert page_source.count(rp.ROLEPLAYS_MARKER) == 1
