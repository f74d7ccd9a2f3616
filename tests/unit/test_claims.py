"""Tests of retention.claims."""

import pytest

from retention import claims


def test_figures_table_quotes_the_chosen_figures_with_their_source():
    table = claims.claims_table("sell_probability", "referral_share")
    assert table["figure · 数据"].tolist() == ["15% vs 50%", "60%"]
    assert all("commonly cited industry figure" in s for s in table["source · 来源"])
    assert claims.claims_table()["figure · 数据"].tolist() == [c.value for c in claims.CLAIMS]  # no key: every claim
    with pytest.raises(ValueError, match="no_such"):
        claims.claims_table("no_such")
