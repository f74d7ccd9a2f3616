"""retention.practice_content: a practice file that is missing, is not YAML or breaks its schema is named with
what to do, the same way for every kind of practice content (phrase bank, word list, role-play case)."""

from dataclasses import dataclass
from typing import Callable

import pytest
from yaml_edit import edit

from retention import phrasebank as pb
from retention import roleplays as rp
from retention.practice_content import PracticeContentError


@dataclass(frozen=True)
class Kind:
    """One kind of practice file: where a copy of it sits, how it is read, and one schema mistake with its message."""

    file: str  # relative to the book folder
    load: Callable
    mistake: Callable[[object], object]
    says: str  # regular expression the mistake's message must match


KINDS = {
    "phrasebank": Kind(
        "phrases/phrasebank.yml",
        pb.load_phrasebank,
        lambda d: d["phrases"][0].pop("zh"),
        r"phrasebank.yml: field 'phrases\[0\].zh' is missing.*您",
    ),
    "vocabulary": Kind(
        "phrases/vocabulary.yml",
        pb.load_vocabulary,
        lambda d: d[0].pop("zh"),
        r"vocabulary.yml: field '\[0\].zh' is missing \(expected its Chinese equivalents\)",
    ),
    "roleplay": Kind(
        "roleplays/02_customs-duties.yml",
        rp.load_roleplay,
        lambda d: d["model"][0].update(speaker="C"),
        r"02_customs-duties.yml: field 'model\[0\].speaker' is wrong.*A \(buyer\) or B \(agent\)",
    ),
}
each_kind = pytest.mark.parametrize("kind", KINDS.values(), ids=KINDS.keys())


@each_kind
def test_the_unbroken_copy_reads(practice_book, kind):
    assert kind.load(practice_book / kind.file)


@each_kind
def test_a_missing_file_says_how_to_restore_it(practice_book, kind):
    path = practice_book / kind.file
    path.unlink()
    with pytest.raises(
        PracticeContentError, match=f"{path.name} is missing; restore it with `git checkout -- {path.name}`"
    ):
        kind.load(path)


@each_kind
def test_a_file_that_is_not_yaml_is_named(practice_book, kind):
    path = practice_book / kind.file
    path.write_text("- key: [unclosed\n", encoding="utf-8")
    with pytest.raises(PracticeContentError, match=f"{path.name} cannot be read as YAML"):
        kind.load(path)


@each_kind
def test_a_schema_error_names_the_field_and_what_is_expected(practice_book, kind):
    edit(practice_book / kind.file, kind.mistake)
    with pytest.raises(PracticeContentError, match=kind.says) as info:
        kind.load(practice_book / kind.file)
    assert "beside the file" in str(info.value)
