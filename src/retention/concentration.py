"""How concentrated value is among customers: the top share (Pareto), the Lorenz curve and the Gini
coefficient, for real data and for the log-normal and power-law models behind the 20% → 85% claim.

One boundary rule everywhere: "the top 20%" of n customers is the ceil(0.2 x n) largest, whole
customers (no customer is split in two).
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import TYPE_CHECKING

# Only the table functions need numpy and pandas: they import them themselves, so the formulas (and the book's
# in-browser calculators, which run them) load with the standard library alone.
if TYPE_CHECKING:  # annotations only
    import numpy as np
    import pandas as pd

from retention.bilingual import bi_frame
from retention.numeric import fraction, number, tidy

_NORMAL = NormalDist()


def _values(values) -> np.ndarray:
    """The values as a float array, refusing what has no meaningful share (empty, missing, negative, all 0)."""
    import numpy as np
    import pandas as pd
    array = np.asarray(pd.Series(values, dtype="float64"), dtype="float64")
    if array.ndim != 1 or array.size == 0:
        raise ValueError("values is empty: there is nothing to compare")
    if not np.isfinite(array).all():
        raise ValueError("values contain missing or infinite entries; drop or fill them first")
    if (array < 0).any():
        raise ValueError(
            f"values contain {(array < 0).sum()} negative entries (net refunds?); "
            "use sales without cancellations or clip at 0 first"
        )
    if array.sum() == 0:
        raise ValueError("values sum to 0: shares are undefined")
    return array


def top_count(customers: int, top: float = 0.20) -> int:
    """How many whole customers make the top ``top`` fraction of ``customers``: ceil(top x customers)."""
    top = fraction("top", top, allow_one=True)
    return int(math.ceil(round(top * customers, 9)))


def top_share(values, top: float = 0.20) -> float:
    """Share of the total that the largest ``top`` fraction of customers brings (:func:`top_count` of them)."""
    import numpy as np
    array = np.sort(_values(values))[::-1]
    return float(array[: top_count(array.size, top)].sum() / array.sum())


def top_share_for(values, share: float = 0.80) -> float:
    """Smallest fraction of customers (largest first) whose total reaches ``share`` of the whole."""
    import numpy as np
    share = fraction("share", share, allow_one=True)
    array = np.sort(_values(values))[::-1]
    cumulative = np.cumsum(array) / array.sum()
    n = int(np.searchsorted(cumulative, share - 1e-12) + 1)
    return n / array.size


def lorenz_curve(values) -> pd.DataFrame:
    """Lorenz curve points (customer_share, value_share), smallest customers first, starting at (0, 0)."""
    import numpy as np
    import pandas as pd
    array = np.sort(_values(values))
    customer_share = np.arange(array.size + 1) / array.size
    value_share = np.concatenate([[0.0], np.cumsum(array) / array.sum()])
    return pd.DataFrame({"customer_share": customer_share, "value_share": value_share})


def gini(values) -> float:
    """Gini coefficient of the values (0 = everyone equal, near 1 = one customer has everything)."""
    import numpy as np
    array = np.sort(_values(values))
    n = array.size
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * array).sum()) / (n * array.sum()) - (n + 1) / n)


# --- models of the 20% → 85% claim ----------------------------------------------------------


def lognormal_top_share(sigma: float, top: float = 0.20) -> float:
    """Share of profit from the top ``top`` fraction when customer values are log-normal with spread ``sigma``.

    The Lorenz curve of a log-normal is L(u) = Φ(Φ⁻¹(u) − σ), so the top share is 1 − Φ(Φ⁻¹(1 − top) − σ).
    """
    sigma = number("sigma", sigma, minimum=0)
    top = fraction("top", top)
    return tidy(1 - _NORMAL.cdf(_NORMAL.inv_cdf(1 - top) - sigma))


def lognormal_sigma_for_share(top: float = 0.20, share: float = 0.85) -> float:
    """The log-normal spread σ at which the top ``top`` of customers carry ``share`` of profit (20% → 85%: σ ≈ 1.88)."""
    top = fraction("top", top)
    share = fraction("share", share)
    if share < top:
        raise ValueError(f"share must be at least top ({top!r}): the best customers carry at least their head-count share, got {share!r}")
    return tidy(_NORMAL.inv_cdf(1 - top) - _NORMAL.inv_cdf(1 - share))


def pareto_top_share(alpha: float, top: float = 0.20) -> float:
    """Top share when customer values follow a Pareto (power-law) distribution with shape ``alpha`` > 1: top^(1 − 1/alpha)."""
    alpha = number("alpha", alpha, minimum=1, strict_min=True)
    top = fraction("top", top)
    return tidy(top ** (1 - 1 / alpha))


def simulated_customer_values(customers: int = 1000, sigma: float = 1.88, median: float = 50, seed: int = 2024) -> np.ndarray:
    """A reproducible sample of yearly profit per customer, log-normal with the given spread and median."""
    import numpy as np
    customers = int(number("customers", customers, minimum=1))
    sigma = number("sigma", sigma, minimum=0)
    median = number("median", median, minimum=0, strict_min=True)
    rng = np.random.default_rng(seed)
    return np.round(median * np.exp(sigma * rng.standard_normal(customers)), 2)


def pareto_table(sigma: float | None = None, tops=(0.01, 0.05, 0.10, 0.20, 0.50)) -> pd.DataFrame:
    """Share of profit from the top x% of customers for a log-normal spread (default: the one matching 20% → 85%)."""
    sigma = lognormal_sigma_for_share() if sigma is None else sigma
    return bi_frame(
        [(t, round(lognormal_top_share(sigma, t), 4)) for t in tops],
        [("top customers", "前 x% 客户"), ("share of profit", "利润占比")],
    )
