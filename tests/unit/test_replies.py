"""retention.assignments.replies: each honest check of assignment 5 finds what it should and only that, on good
replies, on weak ones and on answers that try to game it."""

import pytest

from retention.assignments import replies

GOOD = """Dear Ms Nguyen,

I am sorry that order 7310 arrived with one cover missing. We can send the missing cover again by express,
or we can refund the missing cover. I will arrange your choice within 24 hours and write to you by Friday.

Kind regards,
Chen Jing"""


def test_word_count_counts_contractions_and_hyphenated_words_once():
    assert replies.word_count("I don't know the 24-hour rule.") == 6
    assert replies.word_count("") == 0


@pytest.mark.parametrize("greeting, expected", [
    ("Dear Ms Nguyen,", True), ("Hi Emma,", True), ("hello emma!", True),
    ("Dear customer,", False), ("Dear Ms Nguyenova,", False),
])
def test_the_greeting_must_hold_the_name_on_its_first_line(greeting, expected):
    assert replies.greets_by_name(f"\n{greeting}\nThank you.", ["Nguyen", "Emma"]) is expected


def test_a_name_further_down_is_not_a_greeting():
    assert not replies.greets_by_name("Dear customer,\nMs Nguyen, thank you.", ["Nguyen"])


def test_the_order_number_must_stand_alone():
    assert replies.mentions("about order 7310.", "7310") and replies.mentions("#7310", "7310")
    assert not replies.mentions("order 173100", "7310") and not replies.mentions("order 73", "7310")


@pytest.mark.parametrize("text, expected", [
    ("I am so sorry.", True), ("We apologise for this.", True), ("Please accept our apologies.", True),
    ("We apologized at once.", True), ("Thank you for your patience.", False), ("Sorryness", False),
])
def test_an_apology_is_found_as_a_word(text, expected):
    assert replies.apologises(text) is expected


def test_time_frames_are_found_and_vague_promises_are_not():
    found = replies.time_frames("We ship within 24 hours, it arrives in 5 to 7 business days, I write by Friday or tomorrow.")
    assert found == ["within 24 hours", "in 5 to 7 business days", "by Friday", "tomorrow"]
    assert replies.time_frames("We will deal with it soon, as quickly as possible.") == []


def test_options_must_appear_word_for_word_spacing_and_case_aside():
    assert replies.options_missing(GOOD, ["send the missing cover  again by EXPRESS", "refund the missing cover"]) == []
    assert replies.options_missing(GOOD, ["refund the whole order"]) == ["refund the whole order"]


@pytest.mark.parametrize("text, reason", [
    ("We guarantee it arrives next week.", "promise"),
    ("This will never happen again.", "promise"),
    ("It arrives 100% on Monday.", "promise"),
    ("Once refunded, please close the dispute.", "dispute or change a review"),
    ("Could you cancel your PayPal claim?", "dispute or change a review"),
    ("We would be grateful if you could update your review.", "dispute or change a review"),
    ("A 5-star review would help us.", "dispute or change a review"),
    ("It was the courier's fault.", "blame"),
    ("This is our fault.", "blame"),
])
def test_forbidden_phrases_are_named_with_their_reason(text, reason):
    found = replies.forbidden_phrases(text)
    assert len(found) == 1 and reason in found[0][0]


def test_allowed_sentences_are_not_flagged():
    for text in (GOOD, "It is not your fault at all.", "Your review helps other buyers.",
                 "You are free to open a dispute.", "We cannot promise a date, but we will keep you up to date."):
        assert replies.forbidden_phrases(text) == [], text


def test_the_reply_must_be_english():
    assert replies.is_english(GOOD) and not replies.is_english(GOOD + "\n谢谢")


LONG = GOOD.replace("Kind regards", "We value your trust and we want the covers to match your new flat. " * 6 + "\n\nKind regards")
OPTIONS = ["send the missing cover again by express", "refund the missing cover"]


@pytest.mark.parametrize("check", replies.CHECKS)
def test_the_model_reply_passes_every_check_and_a_bare_one_fails_all_but_forbidden(check):
    assert replies.word_count(LONG) >= replies.WORDS[0]
    assert replies.problems(check, LONG, OPTIONS) == []
    found = replies.problems(check, "您好，我们会处理。", ["a", "b"])
    assert (found == []) is (check == "reply_forbidden")
    assert all(" · " in line for line in found), "bilingual messages"


def test_the_graders_check_command_judges_hand_outs_with_the_same_checks():
    from retention.assignments.expected import check

    verdicts = check([{"grade_id": "reply_order", "check": "reply_order", "answers": {"reply": LONG}},
                      {"grade_id": "reply_apology", "check": "reply_apology", "answers": {"reply": "Hello."}},
                      {"grade_id": "x", "check": "__import__", "answers": {"reply": LONG}},
                      {"grade_id": "reply_form", "check": "reply_form", "answers": {"reply": ["not", "text"]}}])
    assert verdicts["reply_order"] == []
    assert verdicts["reply_apology"] == replies.problems("reply_apology", "Hello.") != []
    assert verdicts["x"] and verdicts["reply_form"]
