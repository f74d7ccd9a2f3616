"""Numbers in the prose are checked, not typed: every figure a reader reads in a lesson's English or Chinese prose is
computed from the package (and shown in both languages) or registered as a stated assumption or industry figure."""

import pytest
from lessons.prose_numbers import REGISTRY, Computed, numbers_in, prose


@pytest.mark.parametrize("lesson", sorted(REGISTRY))
def test_every_number_in_the_prose_is_computed_or_stated(lesson):
    registry = REGISTRY[lesson]
    unknown = {lang: sorted(set(numbers_in(prose(lesson, lang))) - set(registry)) for lang in ("en", "zh-Hans")}
    assert unknown == {"en": [], "zh-Hans": []}, (
        f"notebooks/{lesson}.ipynb: register these figures in tests/lessons/prose_numbers.py "
        f"(computed from the package, or stated with a label): {unknown}")


@pytest.mark.parametrize("lesson", sorted(REGISTRY))
def test_computed_numbers_are_the_package_s_and_shown_in_both_languages(lesson):
    texts = {lang: numbers_in(prose(lesson, lang)) for lang in ("en", "zh-Hans")}
    for written, source in REGISTRY[lesson].items():
        if not isinstance(source, Computed):
            continue
        en, zh = source.forms()
        assert written in (en, zh), f"{lesson}: the prose says {written} for {source.label}, the package gives {en} / {zh}"
        if en in texts["en"] or zh in texts["zh-Hans"]:
            assert en in texts["en"] and zh in texts["zh-Hans"], f"{lesson}: {source.label} must be in both languages ({en} / {zh})"


def test_the_extraction_finds_figures_and_skips_dates_and_references():
    text = "There are 541,909 rows (£1.4 million, −£897,000, 27.5%) on 9 December 2011, see lesson 33. 2011 年 12 月 9 日，约 140 万英镑"
    assert numbers_in(text) == ["541,909", "1.4", "−897,000", "27.5%", "140 万"]


def test_a_typed_number_that_drifts_from_the_package_fails():
    from lessons.prose_numbers import _card

    assert _card("clean_lines")()[0] != "396,337", "the old count before the cancelled-in-full rule"
