"""Comparisons for assignment test cells that a cheating answer cannot fool.

A test like ``assert answer == 1000`` passes for any object whose ``__eq__`` always returns True.
These helpers first insist on the exact built-in type (numbers, strings, dicts, pandas frames), then
compare values, and fail with a bilingual message that tells the student what went wrong.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

_NUMBER_TYPES = (int, float, np.integer, np.floating)


def _fail(en: str, zh: str):
    raise AssertionError(f"{en} · {zh}")


def is_plain_number(value) -> bool:
    """True for int, float and NumPy scalars (not bool, not subclasses with their own __eq__)."""
    kind = type(value)
    if kind is bool or kind is np.bool_:
        return False
    return kind in (int, float) or (kind.__module__ == "numpy" and issubclass(kind, _NUMBER_TYPES))


def number(value, expected: float, name: str = "answer", rel: float = 1e-6, abs_tol: float = 1e-6) -> None:
    """Fail unless ``value`` is a plain number close to ``expected``."""
    if not is_plain_number(value):
        _fail(f"{name} must be a number (int or float), got {type(value).__name__}",
              f"{name} 必须是数字（int 或 float），现在是 {type(value).__name__}")
    value = float(value)
    if math.isnan(value) or not math.isclose(value, float(expected), rel_tol=rel, abs_tol=abs_tol):
        _fail(f"{name} is {value:g}, which is not the expected value",
              f"{name} 的值 {value:g} 不正确")


def text(value, name: str = "answer") -> str:
    """Fail unless ``value`` is a plain ``str``; return it stripped."""
    if type(value) is not str:
        _fail(f"{name} must be a string, got {type(value).__name__}",
              f"{name} 必须是字符串，现在是 {type(value).__name__}")
    return value.strip()


def mapping(value, keys, name: str = "answer") -> dict:
    """Fail unless ``value`` is a plain dict with exactly ``keys``; return a copy with plain str values."""
    if type(value) is not dict:
        _fail(f"{name} must be a dict, got {type(value).__name__}",
              f"{name} 必须是字典（dict），现在是 {type(value).__name__}")
    missing = sorted(set(keys) - set(value))
    if missing:
        _fail(f"{name} is missing keys {missing}", f"{name} 缺少键 {missing}")
    return {str(k): text(v, f"{name}[{k!r}]") for k, v in value.items() if type(k) is str}


def frame(value, name: str = "answer", columns=None) -> pd.DataFrame:
    """Fail unless ``value`` is a plain pandas DataFrame (optionally with ``columns``); return it."""
    if type(value) is not pd.DataFrame:
        _fail(f"{name} must be a pandas DataFrame, got {type(value).__name__}",
              f"{name} 必须是 pandas DataFrame，现在是 {type(value).__name__}")
    if columns is not None:
        missing = [c for c in columns if c not in value.columns]
        if missing:
            _fail(f"{name} is missing columns {missing}", f"{name} 缺少列 {missing}")
    return value


def same_values(actual, expected, name: str = "answer", rel: float = 1e-6) -> None:
    """Fail unless two array-likes hold the same numbers (NaN equal to NaN), compared as float arrays."""
    a = np.asarray(actual, dtype=float)
    b = np.asarray(expected, dtype=float)
    if a.shape != b.shape:
        _fail(f"{name} has shape {a.shape}, expected {b.shape}", f"{name} 的形状是 {a.shape}，应为 {b.shape}")
    if not np.allclose(a, b, rtol=rel, atol=1e-9, equal_nan=True):
        _fail(f"{name} has values that differ from the expected ones", f"{name} 中有数值与预期不符")


def _as_float_array(values, name: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        _fail(f"{name} must hold numbers", f"{name} 必须是数值")


def by_customer(value, name: str = "answer", columns=None) -> pd.DataFrame:
    """Fail unless ``value`` is a DataFrame with one row per customer; return it indexed by int CustomerID, sorted.

    The customer may be the index (as ``groupby("CustomerID")`` leaves it) or a ``CustomerID`` column.
    """
    table = frame(value, name, columns)
    if "CustomerID" in table.columns:
        table = table.set_index("CustomerID")
    try:
        ids = np.asarray(table.index, dtype="int64")
    except (TypeError, ValueError):
        _fail(f"{name} must be indexed by CustomerID (numbers)", f"{name} 的索引必须是客户编号 CustomerID（数字）")
    table = table.set_axis(pd.Index(ids, name="CustomerID"), axis=0)
    if table.index.has_duplicates:
        _fail(f"{name} has more than one row for some customers", f"{name} 中有客户出现了不止一行")
    return table.sort_index()


def same_customers(actual: pd.DataFrame, expected, name: str = "answer") -> None:
    """Fail unless two customer-indexed frames (or indexes) hold the same set of customers."""
    a = set(actual.index.tolist())
    b = set(pd.Index(getattr(expected, "index", expected)).astype("int64").tolist())
    if a != b:
        _fail(f"{name} has {len(a)} customers, expected {len(b)} ({len(a - b)} extra, {len(b - a)} missing)",
              f"{name} 有 {len(a)} 位客户，应为 {len(b)} 位（多 {len(a - b)} 位，少 {len(b - a)} 位）")


def same_column(actual: pd.DataFrame, expected: pd.DataFrame, column: str, name: str = "answer",
                rel: float = 1e-6) -> None:
    """Fail unless ``actual[column]`` equals ``expected[column]`` customer by customer (same customers first)."""
    same_customers(actual, expected, name)
    a = _as_float_array(actual[column], f"{name}.{column}")
    b = _as_float_array(expected[column].reindex(actual.index), f"{name}.{column}")
    wrong = ~np.isclose(a, b, rtol=rel, atol=1e-6, equal_nan=True)
    if wrong.any():
        _fail(f"{name}.{column} differs from the expected value for {int(wrong.sum())} customers",
              f"{name}.{column} 有 {int(wrong.sum())} 位客户的数值与预期不符")


def same_matrix(actual, expected: pd.DataFrame, name: str = "answer", rel: float = 1e-6) -> None:
    """Fail unless a cohort matrix has the expected shape and values (rows in order; empty cells count as 0)."""
    table = frame(actual, name)
    try:
        table = table.sort_index().sort_index(axis=1)
    except TypeError:
        pass
    a = _as_float_array(table, name)
    b = _as_float_array(expected, name)
    if a.shape != b.shape:
        _fail(f"{name} has shape {a.shape}, expected {b.shape}", f"{name} 的形状是 {a.shape}，应为 {b.shape}")
    if not np.allclose(np.nan_to_num(a), np.nan_to_num(b), rtol=rel, atol=1e-9):
        _fail(f"{name} has values that differ from the expected ones", f"{name} 中有数值与预期不符")
