"""The YAML data cards: every documented count matches the data, the schema matches the loaded dtypes, the Markdown
card is the rendered YAML, and a damaged card fails with an error naming the field."""

import copy
import json

import jsonschema
import pandas as pd
import pytest
import yaml

from retention import data, datacards
from retention.cleaning import add_revenue, cancelled_in_full, is_cancellation, summary_counts
from retention.data import DataCardError, DatasetCorruptError, card, card_markdown, load_card
from retention.datacards import format_count


def online_retail_facts(raw, clean) -> dict:  # noqa: F811
    """Every count the Online Retail card documents, computed from the loaded file."""
    facts, cleaned = summary_counts(raw), summary_counts(clean)
    cancel = is_cancellation(raw["InvoiceNo"])
    bad_debt = raw["StockCode"].eq("B")
    top = raw.nlargest(2, "Quantity")
    undone = cancelled_in_full(raw)

    def cancelled_same_day(line) -> bool:
        return bool((cancel & raw["CustomerID"].eq(line.CustomerID) & raw["Quantity"].eq(-line.Quantity)
                     & raw["InvoiceDate"].dt.normalize().eq(line.InvoiceDate.normalize())).any())

    return {
        "rows": facts["rows"],
        "rows_with_customer": int(raw["CustomerID"].notna().sum()),
        "anonymous_rows": int(raw["CustomerID"].isna().sum()),
        "customers": facts["customers"],
        "countries": facts["countries"],
        "uk_rows": int(raw["Country"].eq("United Kingdom").sum()),
        "invoices": facts["invoices"],
        "cancellation_invoices": facts["cancellation_invoices"],
        "cancellation_lines": int(cancel.sum()),
        "first_invoice": f"{facts['first_date']:%Y-%m-%d %H:%M}",
        "last_invoice": f"{facts['last_date']:%Y-%m-%d %H:%M}",
        "missing_descriptions": int(raw["Description"].isna().sum()),
        "negative_quantity_without_cancellation": int((raw["Quantity"].lt(0) & ~cancel).sum()),
        "zero_price_lines": int(raw["UnitPrice"].eq(0).sum()),
        "negative_price_lines": int(raw["UnitPrice"].lt(0).sum()),
        "bad_debt_lines": int(bad_debt.sum()),
        "bad_debt_amount_gbp": float(raw.loc[bad_debt, "UnitPrice"].abs().max()),
        "largest_line_units": int(top["Quantity"].iloc[0]),
        "second_largest_line_units": int(top["Quantity"].iloc[1]),
        "largest_lines_cancelled_same_day": sum(cancelled_same_day(line) for line in top.itertuples()),
        "cancelled_in_full_lines": int(undone.sum()),
        "cancelled_in_full_gbp": round(float(add_revenue(raw).loc[undone, "Revenue"].sum()), 2),
        "largest_lines_revenue_gbp": round(float((top["Quantity"] * top["UnitPrice"]).sum()), 2),
        "clean_lines": cleaned["rows"],
        "clean_invoices": cleaned["invoices"],
        "clean_customers": cleaned["customers"],
        "clean_revenue_gbp": round(cleaned["revenue"], 2),
    }


def support_tickets_facts(tickets) -> dict:
    """Every count the ticket card documents, computed from the loaded file."""
    outcomes, markets = tickets["outcome"].value_counts(), tickets["market"].value_counts()
    return {
        "tickets": len(tickets),
        "customers": int(tickets["CustomerID"].nunique()),
        **{outcome: int(outcomes[outcome]) for outcome in ("resolved_quickly", "resolved", "unresolved", "silent")},
        "domestic": int(markets["domestic"]),
        "cross_border": int(markets["cross-border"]),
    }


def test_every_online_retail_count_matches_the_data(raw, clean):  # noqa: F811
    assert dict(card("online_retail").counts) == online_retail_facts(raw, clean)


def test_every_support_tickets_count_matches_the_data():
    assert dict(card("support_tickets").counts) == support_tickets_facts(data.load_support_tickets())


def test_quirks_the_counts_describe(raw):  # noqa: F811
    """Claims in the quirks that are not counts: which lines the negative prices and quantities are."""
    cancel = is_cancellation(raw["InvoiceNo"])
    bad_debt = raw["StockCode"].eq("B")
    assert raw.loc[raw["UnitPrice"].lt(0), "StockCode"].eq("B").all()
    assert raw.loc[bad_debt, "InvoiceNo"].str.startswith("A").all()
    assert raw.loc[bad_debt, "Description"].eq("Adjust bad debt").all()
    write_offs = raw[raw["Quantity"].lt(0) & ~cancel]
    assert write_offs["UnitPrice"].eq(0).all() and write_offs["CustomerID"].isna().all()


@pytest.mark.parametrize("name", data.card_names())
def test_schema_is_what_the_loader_returns(name):
    info = card(name)
    frame = data.load_dataset(name)
    assert list(frame.columns) == info.columns
    assert {column: str(dtype) for column, dtype in frame.dtypes.items()} == info.dtypes


@pytest.mark.parametrize("name", data.card_names())
def test_loading_with_the_card_loses_nothing(name):
    """Each loaded column gives back the file's text: the card's dtypes and date formats fit the data."""
    info = card(name)
    frame = data.load_dataset(name)
    text = pd.read_csv(data.DATASETS_DIR / info.file, dtype=str, keep_default_na=False)
    for column, dtype in info.dtypes.items():
        loaded, given = frame[column], text[column]
        if column in info.dates:
            assert loaded.dt.strftime(info.dates[column]).equals(given), column
        elif dtype == "bool":
            assert loaded.map(str).equals(given), column
        elif dtype == "str":
            assert loaded.fillna("").equals(given.astype(loaded.dtype)), column
        else:
            expected = pd.to_numeric(given.replace("", None))
            assert loaded.isna().equals(expected.isna()), column
            assert (loaded.dropna().astype("float64") == expected.dropna()).all(), column


@pytest.mark.parametrize("name", data.card_names())
def test_committed_markdown_card_is_rendered_from_the_yaml(name):
    committed = (data.DATASETS_DIR / f"{name}.md").read_text(encoding="utf-8")
    assert committed == card_markdown(card(name)), (
        f"datasets/{name}.md differs from its YAML card; run "
        f"`.venv/bin/python -m retention.data card {name} > datasets/{name}.md`"
    )


def test_markdown_card_keeps_both_languages_and_the_facts():
    counts = card("online_retail").counts
    english, chinese = card_markdown(card("online_retail")).split("\n## 中文\n")
    for part in (english, chinese):
        assert format_count(counts["rows"]) in part and format_count(counts["customers"]) in part
        assert "10.24432/C5BW33" in part
        assert card("online_retail").sha256 in part
    assert "CC BY 4.0" in chinese and "知识共享" in chinese and "Known quirks" in english


def test_command_line_prints_the_card(capsys):
    assert data.main(["card", "support_tickets"]) == 0
    assert capsys.readouterr().out == card_markdown(card("support_tickets"))
    assert data.main(["card"]) == 2
    assert "usage" in capsys.readouterr().err
    assert data.main(["card", "no_such_data"]) == 1
    assert "online_retail" in capsys.readouterr().err


# --- damaged cards ------------------------------------------------------------------------------------------


def _raw_card(name="online_retail") -> dict:
    return yaml.safe_load((data.DATASETS_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def _write(tmp_path, raw_card, name="online_retail"):
    path = tmp_path / f"{name}.yml"
    path.write_text(yaml.safe_dump(raw_card, allow_unicode=True), encoding="utf-8")
    return path


def _drop(*keys):
    def change(raw_card):
        target = raw_card
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]
    return change


def _set(value, *keys):
    def change(raw_card):
        target = raw_card
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return change


def _duplicate_column(raw_card):
    raw_card["schema"].append(raw_card["schema"][0])


# One damaged card per kind of check: the schema's (missing field, wrong type, pattern, minimum, empty list,
# unknown field) and the Python checks beyond it (pandas dtype, unique columns, dates, placeholders, name).
DAMAGE = [
    (_drop("sha256"), "field 'sha256' is missing (expected 64 lower-case hex digits"),
    (_set("24bb5fcc", "sha256"), "field 'sha256' is wrong: '24bb5fcc' does not match '^[0-9a-f]{64}$'"),
    (_set(-1, "size_bytes"), "field 'size_bytes' is wrong: -1 is less than the minimum of 1"),
    (_set("big", "size_bytes"), "field 'size_bytes' is wrong: 'big' is not of type 'integer'"),
    (_drop("title", "zh"), "field 'title.zh' is missing"),
    (_drop("licence"), "field 'licence' is missing"),
    (_set("CC-BY", "licence"), "field 'licence' is wrong: 'CC-BY' is not of type 'object'"),
    (_drop("schema", 2, "dtype"), "field 'schema[2].dtype' is missing (expected the pandas dtype as loaded"),
    (_set("integer64", "schema", 3, "dtype"), "field 'schema[3].dtype' 'integer64' is not a pandas dtype"),
    (_set([], "schema"), "field 'schema' is wrong: [] should be non-empty"),
    (_duplicate_column, "field 'schema[8].name' repeats the column 'InvoiceNo'"),
    (_drop("counts", "rows", "value"), "field 'counts.rows.value' is missing"),
    (_set(True, "counts", "rows", "value"), "field 'counts.rows.value' is wrong: True is not of type"),
    (_set({"en": "{no_such_count:,} rows", "zh": "行"}, "quirks", 0),
     "field 'quirks[0].en' cites the count 'no_such_count'"),
    (_set({"Nope": "%Y"}, "parse", "dates"), "field 'parse.dates.Nope' names a column that is not in 'schema'"),
    (_set("%Y", "parse", "dates", "Country"), "field 'parse.dates.Country' is a date column, so its schema dtype"),
    (_set("Y-m-d", "parse", "dates", "InvoiceDate"),
     "field 'parse.dates.InvoiceDate' is wrong: 'Y-m-d' does not match '%'"),
    (_set({}, "parse", "dates"), "field 'parse.dates' must give a format for every datetime column"),
    (_set("other_data", "name"), "field 'name' is 'other_data' but the card file is online_retail.yml"),
    (_drop("quirks"), "field 'quirks' is missing (expected a list of {en: …, zh: …}; write `quirks: []`"),
    (_set([], "quirk"), "the card is wrong: Additional properties are not allowed ('quirk' was unexpected)"),
]


@pytest.mark.parametrize("damage, message", DAMAGE, ids=[message.split("'")[1] for _, message in DAMAGE])
def test_damaged_card_names_the_field(tmp_path, damage, message):
    raw_card = copy.deepcopy(_raw_card())
    damage(raw_card)
    path = _write(tmp_path, raw_card)
    with pytest.raises(DataCardError) as info:
        load_card(path)
    assert isinstance(info.value, ValueError)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "git checkout -- datasets/online_retail.yml" in str(info.value)


def test_every_schema_error_is_listed_sorted_by_field(tmp_path):
    raw_card = _raw_card()
    del raw_card["sha256"]
    raw_card["size_bytes"] = 0
    raw_card["schema"][1]["dtype"] = 5
    with pytest.raises(DataCardError) as info:
        load_card(_write(tmp_path, raw_card))
    fields = [part.split("'")[1] for part in str(info.value).split(": ", 1)[1].split("; ")]
    assert fields == ["schema[1].dtype", "sha256", "size_bytes"]


def test_schema_is_valid_json_schema_2020_12():
    schema = json.loads(datacards.SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_undamaged_copy_loads_to_the_same_card(tmp_path):
    copied = load_card(_write(tmp_path, _raw_card()))
    real = card("online_retail")
    assert (copied.counts, copied.schema, copied.quirks, copied.sha256) == (real.counts, real.schema, real.quirks, real.sha256)


def test_unreadable_and_missing_cards(tmp_path):
    broken = tmp_path / "online_retail.yml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataCardError, match="cannot be read"):
        load_card(broken)
    broken.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(DataCardError, match=r"the card is wrong: \['just', 'a list'\] is not of type 'object'"):
        load_card(broken)
    with pytest.raises(DataCardError, match="Data card not found"):
        load_card(tmp_path / "absent.yml")
    with pytest.raises(DataCardError, match="known cards: online_retail, support_tickets"):
        card("absent")


def test_card_beside_the_data_is_used_and_a_wrong_sha_rejects_the_file(tmp_path, monkeypatch):
    """A card in $RETENTION_DATA_DIR wins; if its sha256 is not the file's, the loader refuses the file."""
    raw_card = _raw_card()
    raw_card["sha256"] = "0" * 64
    _write(tmp_path, raw_card)
    (tmp_path / raw_card["file"]).symlink_to(data.DATASETS_DIR / raw_card["file"])
    monkeypatch.setenv("RETENTION_DATA_DIR", str(tmp_path))
    with pytest.raises(DatasetCorruptError) as info:
        data.load_online_retail()
    assert "0" * 64 in str(info.value) and "not the published version" in str(info.value)


def test_date_format_from_the_card_is_enforced(tmp_path):
    """A file whose dates do not match the card's format is rejected with the format in the message."""
    info = card("support_tickets")
    frame = data.load_support_tickets()
    path = tmp_path / info.file
    good = frame["order_date"].dt.strftime(info.dates["order_date"])
    frame.assign(order_date=good, opened_at=frame["opened_at"].dt.strftime("%d/%m/%Y %H:%M")).to_csv(path, index=False)
    with pytest.raises(DatasetCorruptError, match="opened_at is not in 'YYYY-MM-DD HH:MM' form"):
        data.load_support_tickets(path, verify=False)


def test_counts_are_read_only():
    with pytest.raises(TypeError):
        card("online_retail").counts["rows"] = 1
    assert isinstance(pd.Timestamp(card("online_retail").counts["first_invoice"]), pd.Timestamp)


def test_ticket_method_section_quotes_the_generator():
    """The card's "How it is made" prose repeats generator parameters; fail if retention.tickets changes them."""
    from retention import tickets as tk
    from retention.complaints import COMPLAINT_OUTCOMES

    method, reproducibility = card("support_tickets").sections
    repurchase = [f"{outcome['repurchase']:g}" for outcome in COMPLAINT_OUTCOMES.values()]
    phrases = {
        "en": [f"({tk.SILENT_SHARE:.0%})", f"×{tk.CROSS_BORDER_RESPONSE_FACTOR:g} for cross-border",
               f"within {tk.QUICK_RESOLUTION_HOURS:g} h", ", ".join(repurchase),
               f"(time zones), σ = {tk.RESPONSE_SIGMA:g}", f"; σ = {tk.WORK_SIGMA:g})"],
        "zh": [f"占 {tk.SILENT_SHARE:.0%}", f"跨境乘以 {tk.CROSS_BORDER_RESPONSE_FACTOR:g}",
               f"{tk.QUICK_RESOLUTION_HOURS:g} 小时内解决", "、".join(repurchase),
               f"（时差），σ = {tk.RESPONSE_SIGMA:g}", f"；σ = {tk.WORK_SIGMA:g}）"],
    }
    for lang, expected in phrases.items():
        expected += [f"n_tickets={tk.N_TICKETS}, seed={tk.SEED}", f"2^{tk.SLOW_RESPONSE_LOG_ODDS:g}"]
        for phrase in expected:
            assert phrase in method[lang], (lang, phrase)
        assert f"default_rng({tk.SEED})" in reproducibility[lang]
