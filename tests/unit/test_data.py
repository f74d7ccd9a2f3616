"""The loaders: dtypes and checksum from the data card, and clear errors for missing or damaged copies (counts: test_data_card.py)."""

import gzip
import shutil

import pandas as pd
import pytest

from retention import data
from retention.data import (
    DatasetCorruptError,
    DatasetMissingError,
    card,
    load_online_retail,
    load_support_tickets,
    sha256_of,
)


def test_dtypes(raw):  # noqa: F811
    assert list(raw.columns) == card("online_retail").columns
    assert pd.api.types.is_datetime64_any_dtype(raw["InvoiceDate"])
    assert str(raw["CustomerID"].dtype) == "Int64"
    assert raw["Quantity"].dtype == "int64"
    assert raw["UnitPrice"].dtype == "float64"
    assert pd.api.types.is_string_dtype(raw["InvoiceNo"])
    # Stock codes and invoice numbers keep their letters and leading characters.
    assert raw["InvoiceNo"].str.startswith("C").any()
    assert "85123A" in set(raw["StockCode"])


def test_committed_file_matches_the_published_checksum():
    for name in data.card_names():
        info = card(name)
        assert sha256_of(data.DATASETS_DIR / info.file) == info.sha256, name
        assert (data.DATASETS_DIR / info.file).stat().st_size == info.size_bytes, name


def test_missing_file_names_path_and_fix(tmp_path):
    missing = tmp_path / "online_retail.csv.gz"
    with pytest.raises(DatasetMissingError) as info:
        load_online_retail(missing)
    assert isinstance(info.value, FileNotFoundError)
    assert str(missing) in str(info.value)
    assert "git checkout" in str(info.value) and "RETENTION_DATA_DIR" in str(info.value)


def test_env_var_points_to_another_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("RETENTION_DATA_DIR", str(tmp_path))
    assert data.datasets_dir() == tmp_path
    with pytest.raises(DatasetMissingError, match=str(tmp_path)):
        load_online_retail()
    with pytest.raises(DatasetMissingError):
        load_support_tickets()


def _copy(tmp_path):
    copy = tmp_path / "online_retail.csv.gz"
    shutil.copyfile(data.DATASETS_DIR / card("online_retail").file, copy)
    return copy


def test_damaged_file_fails_the_checksum(tmp_path):
    copy = _copy(tmp_path)
    content = bytearray(copy.read_bytes())
    content[len(content) // 2] ^= 0xFF
    copy.write_bytes(bytes(content))
    with pytest.raises(DatasetCorruptError) as info:
        load_online_retail(copy)
    assert isinstance(info.value, ValueError)
    assert str(copy) in str(info.value) and card("online_retail").sha256 in str(info.value)


def test_truncated_file_without_verification_still_fails_clearly(tmp_path):
    copy = _copy(tmp_path)
    copy.write_bytes(copy.read_bytes()[:100_000])
    with pytest.raises(DatasetCorruptError, match="cannot be read"):
        load_online_retail(copy, verify=False)


def test_wrong_columns_fail_clearly(tmp_path):
    other = tmp_path / "other.csv.gz"
    with gzip.open(other, "wt") as handle:
        handle.write("a,b\n1,2\n")
    with pytest.raises(DatasetCorruptError, match="columns"):
        load_online_retail(other, verify=False)
    with pytest.raises(DatasetCorruptError, match="sha256"):
        load_online_retail(other)


def test_checksum_is_cached_until_the_file_changes(tmp_path, monkeypatch):
    copy = _copy(tmp_path)
    calls = []
    real = data.sha256_of
    monkeypatch.setattr(data, "sha256_of", lambda path: calls.append(path) or real(path))
    data.verify_file(copy, card("online_retail").sha256)
    data.verify_file(copy, card("online_retail").sha256)
    assert len(calls) == 1
    copy.write_bytes(copy.read_bytes() + b"\0")
    with pytest.raises(DatasetCorruptError):
        data.verify_file(copy, card("online_retail").sha256)
    assert len(calls) == 2


def test_support_tickets_load_with_dtypes():
    tickets = load_support_tickets()
    assert list(tickets.columns) == card("support_tickets").columns == data.TICKET_COLUMNS
    assert pd.api.types.is_datetime64_any_dtype(tickets["opened_at"])
    assert tickets["repurchased"].dtype == bool
    assert tickets["satisfaction"].between(1, 5).all()
