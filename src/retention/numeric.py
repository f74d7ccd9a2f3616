"""Checking and tidying the numbers the course's formulas take and give.

Every formula checks its arguments with :func:`number` (a clear error naming the argument and the
allowed range) and rounds away binary noise with :func:`tidy` before a reader sees the result.
"""

from __future__ import annotations

import math


def number(name: str, value, *, minimum=None, maximum=None, strict_min=False) -> float:
    """Return ``value`` as a float, or raise ValueError naming the argument and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if minimum is not None and (value <= minimum if strict_min else value < minimum):
        relation = "greater than" if strict_min else "at least"
        raise ValueError(f"{name} must be {relation} {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value!r}")
    return value


def fraction(name: str, value, *, allow_one: bool = False) -> float:
    """A share above 0 and below 1 (or up to 1 with ``allow_one``), e.g. 'the top 20% of customers'."""
    value = number(name, value, minimum=0, maximum=1)
    if value == 0.0 or (value == 1.0 and not allow_one):
        upper = "at most 1" if allow_one else "below 1"
        raise ValueError(f"{name} must be above 0 and {upper}, got {value!r}")
    return value


def whole(name: str, value, *, minimum: int = 0) -> int:
    """A whole number (not a bool) of at least ``minimum``, e.g. a count of agents or orders."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}, got {value!r}")
    return value


def tidy(x: float) -> float:
    """Round away binary noise (0.1 x 3 = 0.30000000000000004) so tables show the numbers people expect."""
    return round(x, 9)


def require_columns(frame, columns, what: str = "frame") -> None:
    """Raise ValueError if ``frame`` is not a non-empty DataFrame with ``columns``."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} is missing column(s) {missing}; it has {list(frame.columns)}")
    if frame.empty:
        raise ValueError(f"{what} is empty: there is nothing to analyse")
