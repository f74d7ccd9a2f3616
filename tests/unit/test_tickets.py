"""The synthetic ticket generator: byte-for-byte reproducible, tied to real customers, following the seed's repurchase figures."""

import hashlib

import pandas as pd
import pytest
from order_lines import lines

from retention import tickets as tk
from retention.complaints import COMPLAINT_OUTCOMES
from retention.data import DATASETS_DIR, card, sha256_of


@pytest.fixture(scope="module")
def small():
    rows = [(str(1000 + i), "A", 1, f"2011-0{1 + i % 9}-1{i % 10} 10:00", 2.0, 10 + i % 7, "United Kingdom" if i % 3 else "France")
            for i in range(40)]
    return lines(rows)


def test_same_seed_same_bytes(small):
    first = tk.tickets_to_csv(tk.generate_support_tickets(small, 500, seed=3))
    second = tk.tickets_to_csv(tk.generate_support_tickets(small, 500, seed=3))
    assert first == second
    assert tk.tickets_to_csv(tk.generate_support_tickets(small, 500, seed=4)) != first


def test_committed_file_equals_a_fresh_generation(clean):  # noqa: F811
    info = card("support_tickets")
    committed = (DATASETS_DIR / info.file).read_bytes()
    fresh = tk.tickets_to_csv(tk.generate_support_tickets(clean))
    assert hashlib.sha256(fresh).hexdigest() == hashlib.sha256(committed).hexdigest() == info.sha256
    assert sha256_of(DATASETS_DIR / info.file) == info.sha256


def test_write_round_trip(small, tmp_path):
    path = tk.write_support_tickets(tmp_path / "t.csv", small, 50, seed=1)
    assert path.read_bytes() == tk.tickets_to_csv(tk.generate_support_tickets(small, 50, seed=1))
    assert path.read_bytes().count(b"\r") == 0


def test_structure(small):
    tickets = tk.generate_support_tickets(small, 2000, seed=5)
    assert list(tickets.columns) == card("support_tickets").columns
    assert tickets["ticket_id"].is_unique and tickets["opened_at"].is_monotonic_increasing
    assert set(tickets["CustomerID"]) <= set(small["CustomerID"])
    assert (tickets["opened_at"] > tickets["order_date"]).all()
    silent = tickets["outcome"] == "silent"
    assert tickets.loc[silent, ["channel", "first_response_hours", "resolution_hours"]].isna().all().all()
    contacted = tickets.loc[~silent]
    assert set(contacted["channel"]) <= set(tk.CHANNELS) and set(tickets["issue_type"]) <= set(tk.ISSUE_TYPES)
    assert contacted["resolution_hours"].isna().eq(contacted["outcome"] == "unresolved").all()
    resolved = contacted[contacted["outcome"].isin(["resolved", "resolved_quickly"])]
    assert (resolved["resolution_hours"] >= resolved["first_response_hours"]).all()
    quick = resolved["resolution_hours"] <= tk.QUICK_RESOLUTION_HOURS
    assert quick.eq(resolved["outcome"] == "resolved_quickly").all()
    assert tickets["satisfaction"].between(1, 5).all()
    # customs issues only on cross-border orders
    assert (tickets.loc[tickets["issue_type"] == "customs", "market"] == "cross-border").all()


def test_repurchase_follows_the_seed_figures(small):
    tickets = tk.generate_support_tickets(small, 200_000, seed=11)
    rates = tickets.groupby("outcome")["repurchased"].mean()
    for outcome, info in COMPLAINT_OUTCOMES.items():
        assert rates[outcome] == pytest.approx(info["repurchase"], abs=0.015), outcome
    order = tickets.groupby("outcome")["satisfaction"].mean()
    assert order["resolved_quickly"] > order["resolved"] > max(order["unresolved"], order["silent"])


def test_bad_arguments(small):
    with pytest.raises(ValueError, match="n_tickets"):
        tk.generate_support_tickets(small, 0)
    with pytest.raises(ValueError, match="seed"):
        tk.generate_support_tickets(small, 10, seed=-1)
    with pytest.raises(ValueError, match="no sales invoice"):
        tk.generate_support_tickets(small.assign(CustomerID=pd.array([None] * len(small), dtype="Int64")), 10)
