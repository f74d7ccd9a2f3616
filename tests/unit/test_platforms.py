"""retention.platforms: every platform figure carries a source page and a check date (a figure without them is
refused, naming the field), an unverified one says why, and the page written at build time shows all of it."""

import datetime as dt
import re
import shutil

import pytest
import yaml
from paths import ROOT

from retention import platforms as pf
from retention.bilingual import has_chinese
from retention.practice_content import PracticeContentError

PLATFORMS = ["amazon", "ebay", "aliexpress", "shopee", "cards"]


@pytest.fixture
def facts_copy(tmp_path, monkeypatch):
    """A copy of book/platforms/ under $RETENTION_BOOK_DIR, to break on purpose."""
    shutil.copytree(ROOT / "book" / "platforms", tmp_path / "platforms")
    monkeypatch.setenv("RETENTION_BOOK_DIR", str(tmp_path))
    return tmp_path / "platforms" / "facts.yml"


def edit(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def fact(data, key):
    return next(f for f in data["facts"] if f["key"] == key)


def test_every_platform_has_figures_each_with_a_source_a_date_and_a_status():
    platforms, facts = pf.load_facts()
    assert [p.key for p in platforms] == PLATFORMS
    assert {f.platform for f in facts} == set(PLATFORMS)
    for f in facts:
        assert f.sources and all(re.match(r"https?://\S+$", s.url) for s in f.sources), f.key
        assert f.status in pf.STATUSES and f.checked <= dt.date.today(), f.key
        assert has_chinese(f.figure_zh) and has_chinese(f.what_zh) and not has_chinese(f.figure_en), f.key
        if f.status == "unverified":
            assert f.note_en and f.note_zh, f"{f.key}: an unverified figure says why"


def test_a_figure_without_a_source_or_a_check_date_is_refused(facts_copy):
    def damage(d):
        fact(d, "amazon-odr").pop("sources")
        fact(d, "ebay-step-in").pop("checked")

    edit(facts_copy, damage)
    with pytest.raises(PracticeContentError) as info:
        pf.load_facts()
    message = str(info.value)
    assert "field 'facts[2].sources' is missing" in message, message
    assert "field 'facts[7].checked' is missing" in message and "facts.schema.json" in message


def test_an_empty_source_list_a_source_without_an_address_and_an_address_with_an_ampersand_are_refused(facts_copy):
    def damage(d):
        fact(d, "amazon-odr")["sources"] = []
        fact(d, "ebay-step-in")["sources"][0]["url"] = "ebay help pages"
        fact(d, "amazon-atoz-window")["sources"][0]["url"] += "&ref=help"  # MyST would break the link

    edit(facts_copy, damage)
    with pytest.raises(PracticeContentError) as info:
        pf.load_facts()
    assert "'facts[2].sources' is wrong: [] should be non-empty" in str(info.value)
    assert "'facts[7].sources[0].url' is wrong: 'ebay help pages' does not match" in str(info.value)
    assert "'facts[3].sources[0].url' is wrong" in str(info.value)


def test_an_unverified_figure_without_a_note_and_an_unknown_status_are_refused(facts_copy):
    def damage(d):
        odr = fact(d, "amazon-odr")
        odr["status"] = "unverified"
        fact(d, "ebay-step-in")["status"] = "probably"

    edit(facts_copy, damage)
    with pytest.raises(PracticeContentError) as info:
        pf.load_facts()
    assert "'facts[2].note_en' is missing" in str(info.value) and "'probably' is not one of" in str(info.value)


def test_a_check_dated_in_the_future_or_on_no_real_day_and_an_unknown_platform_are_named(facts_copy):
    def damage(d):
        fact(d, "amazon-odr")["checked"] = "2026-02-30"
        fact(d, "ebay-step-in")["platform"] = "wish"

    edit(facts_copy, damage)
    with pytest.raises(PracticeContentError) as info:
        pf.load_facts(today=dt.date(2026, 12, 2))
    assert "'2026-02-30' is not a real date" in str(info.value) and "'wish'" in str(info.value)
    with pytest.raises(PracticeContentError, match="later than today"):
        edit(facts_copy, lambda d: (fact(d, "amazon-odr").update(checked="2026-12-01"),
                                    fact(d, "ebay-step-in").update(platform="ebay")))
        pf.load_facts(today=dt.date(2026, 11, 30))


def test_the_page_shows_every_figure_with_its_sources_date_and_status_in_both_languages():
    platforms, facts = pf.load_facts()
    page = pf.platforms_markdown()
    rows = [line for line in page.splitlines() if line.startswith("| ") and "---" not in line]
    for f in facts:
        for lang, figure in (("en", f.figure_en), ("zh", f.figure_zh)):
            row = next((r for r in rows if f"| {figure} |" in r), None)
            assert row is not None, f"{f.key} ({lang}) is not on the page"
            assert all(f"]({s.url})" in row for s in f.sources), f"{f.key} ({lang}): a source is not linked"
            assert f.checked.isoformat() in row, f"{f.key} ({lang}): no check date"
            label = {("en", "confirmed"): "Confirmed:", ("en", "unverified"): "**Unverified**:",
                     ("zh", "confirmed"): "已核实：", ("zh", "unverified"): "**未核实**："}[lang, f.status]
            assert label in row, f"{f.key} ({lang}): status not shown"
    langs = re.findall(r"^:::\{container\} language-(\S+)", page, flags=re.M)
    assert langs == ["en", "zh-Hans"] * len(platforms)


def test_the_book_page_holds_the_marker_once_and_no_figure_of_its_own():
    source = (ROOT / "book" / "platforms.md").read_text(encoding="utf-8")
    assert source.count(pf.PLATFORMS_MARKER) == 1
    typed = [line for line in source.splitlines() if line.startswith("|")]
    assert typed == [], "figures belong in book/platforms/facts.yml, where they carry a source and a date"
