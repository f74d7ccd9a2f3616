"""retention.phrasebank: the phrase bank and word list are complete and well formed, a mistake the schema cannot
see is named with its field and fix, and the page written at build time carries every phrase, move, register,
market and word (missing, unreadable and schema-breaking files: test_practice_content.py)."""

import re

import pytest
from paths import ROOT
from yaml_edit import edit

from retention import phrasebank as pb
from retention.bilingual import has_chinese, heading_slug
from retention.practice_content import PracticeContentError

#: The seed 000 vocabulary notes the word list must cover (issue 12, full seed coverage).
SEED_000_WORDS = ["dynamism", "security", "streamline", "innovate", "innovation", "margin of benefit",
                  "keep sb up to date with", "times that of"]
MOVES = ["greet", "acknowledge", "apologise", "explain", "offer-options", "set-expectations", "close"]
REGISTERS = ["chat", "email", "phone", "review"]


def test_the_bank_has_every_move_in_every_register():
    bank = pb.load_phrasebank()
    assert [m.key for m in bank.moves] == MOVES
    assert [r.key for r in bank.registers] == REGISTERS
    for move in MOVES:
        for register in REGISTERS:
            assert bank.phrases_for(move, register), f"no phrase for {move}/{register}"
    assert len(bank.markets) >= 5


def test_phrases_are_english_with_chinese_meanings_addressing_the_customer_as_nin():
    for phrase in pb.load_phrasebank().phrases:
        assert not has_chinese(phrase.en) and has_chinese(phrase.zh)
        assert "你" not in phrase.zh.replace("你们", ""), phrase.zh


def test_unknown_move_or_register_is_named_with_the_known_ones():
    bank = pb.load_phrasebank()
    with pytest.raises(KeyError, match="greet"):
        bank.phrases_for("smile")
    with pytest.raises(KeyError, match="chat"):
        bank.phrases_for("greet", "fax")


def test_the_word_list_covers_seed_000s_vocabulary_notes():
    words = pb.load_vocabulary()
    written = " | ".join(w.en for w in words)
    assert [w for w in SEED_000_WORDS if w not in written] == []
    for word in words:
        assert has_chinese(word.zh) and has_chinese(word.example_zh) and not has_chinese(word.example_en)


def test_a_hole_in_the_grid_an_unknown_move_and_the_wrong_language_are_errors(practice_book):
    def damage(d):
        d["phrases"] = [p for p in d["phrases"] if (p["move"], p["register"]) != ("close", "phone")]
        d["phrases"][0]["move"] = "smile"
        d["phrases"][1]["zh"] = "Hello there"
        d["phrases"][2]["zh"] = "你好，我来帮你查一下。"

    edit(practice_book / "phrases" / "phrasebank.yml", damage)
    with pytest.raises(PracticeContentError) as info:
        pb.load_phrasebank()
    message = str(info.value)
    assert "close/phone" in message and "'smile'" in message
    assert "'phrases[1].zh' must be written in Chinese" in message and "as 你; write 您" in message


def test_a_repeated_word_key_is_an_error(practice_book):
    edit(practice_book / "phrases" / "vocabulary.yml", lambda d: d.append(dict(d[0])))
    with pytest.raises(PracticeContentError, match="'dynamism' is used twice"):
        pb.load_vocabulary()


def test_the_page_carries_everything_in_paired_blocks():
    bank, words = pb.load_phrasebank(), pb.load_vocabulary()
    page = pb.phrasebank_markdown()
    for phrase in bank.phrases:
        assert f"| {phrase.en} | {phrase.zh} |" in page
    headings = re.findall(r"^#{2,3} (.+)$", page, flags=re.M)
    slugs = {heading_slug(h) for h in headings}
    assert {heading_slug(f"{m.en} · {m.zh}") for m in bank.moves} <= slugs
    assert len([h for h in headings if "(" in h]) == len(words)
    for market in bank.markets:
        assert f"**{market.en}**: {market.texts['tone_en']}" in page and f"**{market.zh}**：{market.texts['tone_zh']}" in page
    langs = re.findall(r"^:::\{container\} language-(\S+)", page, flags=re.M)
    assert langs == ["en", "zh-Hans"] * (len(langs) // 2)
    assert f"holds {len(bank.phrases)} phrases: {len(bank.moves)} moves, each in all {len(bank.registers)}" in page


def test_the_book_page_holds_the_marker_once_and_fill_page_refuses_a_page_without_it():
    page = (ROOT / "book" / "phrasebank.md").read_text(encoding="utf-8")
    assert page.count(pb.PHRASEBANK_MARKER) == 1
    assert pb.PHRASEBANK_MARKER not in pb.fill_page(page, pb.PHRASEBANK_MARKER, "filled")
    with pytest.raises(PracticeContentError, match="lacks the line"):
        pb.fill_page("# Phrase bank\n", pb.PHRASEBANK_MARKER, "filled")


def test_a_lesson_that_uses_the_practice_content_is_rebuilt_when_the_content_changes(tmp_path):
    """The build cache keys a lesson on the content files it reads (scripts/lesson_keys.content_files)."""
    import json

    import lesson_keys

    def inputs(source):
        notebook = tmp_path / "99_practice.ipynb"
        notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": []}],
                                        "metadata": {"kernelspec": {"name": "python3"}}}), encoding="utf-8")
        return lesson_keys.lesson_inputs(notebook)

    used = inputs("from retention.roleplays import load_roleplays")
    assert {"book/phrases/phrasebank.yml", "book/phrases/vocabulary.yml", "book/roleplays/01_where-is-my-parcel.yml",
            "book/roleplays/roleplay.schema.json"} <= set(used)
    assert not any(name.startswith(("book/phrases", "book/roleplays")) for name in inputs("import retention.value"))
